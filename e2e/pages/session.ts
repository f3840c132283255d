import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { signInAs, type Persona } from "../fixtures/personas";

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

/** Sessions signed in once per persona and worker, reused by later pages. */
const sessions = new Map<Persona, StorageState>();

/**
 * A page in its own browser context (own cookies), signed in as `who`, or
 * anonymous when `who` is null. The first page for a persona signs in through
 * the form; later ones reuse that session. Close it with `page.context().close()`.
 */
export async function pageAs(browser: Browser, who: Persona | null): Promise<Page> {
  const saved = who ? sessions.get(who) : undefined;
  const context = await browser.newContext(saved ? { storageState: saved } : {});
  const page = await context.newPage();
  if (who && !saved) {
    await signInAs(page, who);
    sessions.set(who, await context.storageState());
  }
  return page;
}

/**
 * Sign `page` in as `who`: through the sign-in form the first time in this worker,
 * afterwards by reusing that session's cookies (faster; the form is covered elsewhere).
 */
export async function signIn(page: Page, who: Persona): Promise<void> {
  const saved = sessions.get(who);
  if (saved) {
    await page.context().addCookies(saved.cookies);
    return;
  }
  await signInAs(page, who);
  sessions.set(who, await page.context().storageState());
}

/** Open `path` on a page from {@link pageAs} and check the session is still good. */
export async function openAs(browser: Browser, who: Persona | null, path: string): Promise<Page> {
  const page = await pageAs(browser, who);
  await page.goto(path);
  if (who) await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
  return page;
}

/** A run-unique suffix for titles and names. */
export function stamp(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
