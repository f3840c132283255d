import type { Browser, Page } from "@playwright/test";
import { expect, test, type Persona } from "./fixtures/personas";
import { openAs, pageAs, stamp } from "./pages/session";
import { applyViaApi, fileIssueViaApi, SUIT_RECOMMENDATION } from "./pages/trpc";
import { expectNoSeriousViolations } from "./pages/axe";

/** The demo issue that has a recommendation, suggestions and documents: a rich page. */
async function demoIssuePath(page: Page): Promise<string> {
  await page.goto("/issues?q=firmware+manifests");
  const link = page.getByRole("link", {
    name: "Firmware update manifests differ between vendors of constrained sensors",
  });
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/issues\/\d+$/);
  return href!;
}

async function check(
  browser: Browser,
  who: Persona | null,
  path: string,
  ready: (p: Page) => Promise<void>,
) {
  const page = await openAs(browser, who, path);
  await ready(page);
  await expectNoSeriousViolations(page);
  await page.context().close();
}

const h1 = (text: string | RegExp) => async (p: Page) =>
  expect(p.getByRole("heading", { level: 1 })).toContainText(text);

test.describe("accessibility (axe: no serious or critical violations)", () => {
  test("/issues, signed out", async ({ browser }) => {
    await check(browser, null, "/issues", h1("Issues"));
  });

  test("/issues/new, signed in", async ({ browser }) => {
    await check(browser, "contributor", "/issues/new", async (p) => {
      await expect(p.getByRole("form", { name: "New issue" })).toBeVisible();
    });
  });

  test("an issue page, as an IOTOPS chair (with the Actions card)", async ({ browser, page }) => {
    const path = await demoIssuePath(page);
    await check(browser, "chair", path, async (p) => {
      await expect(p.getByRole("region", { name: "Actions" })).toBeVisible();
    });
  });

  test("/triage, as an IOTOPS chair", async ({ browser }) => {
    await check(browser, "chair", "/triage", async (p) => {
      await expect(p.getByRole("table", { name: "Triage queue" })).toBeVisible();
    });
  });

  test("/review, as the OPS AD, with two recommendations waiting", async ({ browser }) => {
    // The demo has one issue in AD review; add one so the page lists several Actions cards.
    const contributor = await pageAs(browser, "contributor");
    const id = await fileIssueViaApi(contributor, {
      title: `Second recommendation for the review page ${stamp()}`,
      problemStatement: "Signed firmware update manifests for constrained devices.",
    });
    await contributor.context().close();
    const chair = await pageAs(browser, "chair");
    await applyViaApi(chair, id, { type: "recommend", recommendation: SUIT_RECOMMENDATION });
    await applyViaApi(chair, id, { type: "request-review" });
    await chair.context().close();
    await check(browser, "ad", "/review", async (p) => {
      await expect(p.getByRole("button", { name: "Approve dispatch" }).nth(1)).toBeVisible();
    });
  });

  test("/documents", async ({ browser }) => {
    await check(browser, null, "/documents", h1("Documents"));
  });

  test("a document page, as an IOTOPS chair (with the state form)", async ({ browser }) => {
    await check(browser, "chair", "/documents/draft-doe-iotops-sbom-discovery", async (p) => {
      await expect(p.getByRole("region", { name: "Change this document" })).toBeVisible();
    });
  });

  test("/report", async ({ browser }) => {
    await check(browser, null, "/report", h1("Dispatch outcomes"));
  });
});
