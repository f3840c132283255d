import { expect, test, uniqueEmail, signUp } from "./fixtures/personas";
import { IssuePage } from "./pages/issue-page";
import { NewIssuePage } from "./pages/new-issue-page";
import { pageAs, signIn, stamp } from "./pages/session";
import type { Page } from "@playwright/test";

const FIRMWARE_PROBLEM =
  "Our constrained devices (class 1, 6LoWPAN) receive firmware over the air. Each vendor signs firmware " +
  "update manifests differently, so devices cannot verify signed firmware update manifests from a second " +
  "vendor, and failed updates brick devices in the field. We need one interoperable, signed manifest " +
  "format for firmware updates of constrained devices.";

/** A fresh account, so typing into the form never leaves an autosaved draft on a shared persona. */
async function signUpFresh(page: Page, workerIndex: number) {
  await signUp(page, {
    name: "Ivy Intake",
    email: uniqueEmail("intake", workerIndex),
    password: "a-long-password-3",
  });
}

test.describe("filing an issue", () => {
  test("a contributor files a firmware issue, sees SUIT suggested with reasons, and it is public", async ({
    page,
    browser,
  }) => {
    const title = `Signed firmware update manifests for constrained devices ${stamp()}`;
    await signIn(page, "contributor");
    const form = new NewIssuePage(page);
    await form.open();
    await form.title.fill(title);
    await form.problemStatement.fill(FIRMWARE_PROBLEM);

    // While typing: SUIT is among the top candidate venues, with its reasons.
    const suit = form.venue("SUIT");
    await expect(suit).toBeVisible();
    await expect(suit.getByRole("list").getByRole("listitem").first()).toBeVisible();

    await form.submit();
    await expect(page).toHaveURL(/\/issues\/\d+$/);
    const issue = new IssuePage(page);
    await expect(issue.heading).toContainText(title);
    await expect(issue.state("Submitted")).toBeVisible();

    // Signed out, the issue is in the public list.
    const anon = await pageAs(browser, null);
    await anon.goto("/issues");
    await expect(anon.getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect(
      anon.getByRole("table", { name: "Issues" }).getByRole("link", { name: title }),
    ).toBeVisible();
    await anon.context().close();
  });

  test("a half-filled form survives a reload through the autosaved draft", async ({
    page,
  }, info) => {
    await signUpFresh(page, info.workerIndex);
    const form = new NewIssuePage(page);
    await form.open();
    const title = `Half-written issue about LoRaWAN gateways ${stamp()}`;
    // Wait for the save that carries everything typed, not an earlier partial one.
    const savedTyped = form.draftSaveContaining('"scale":"thousands"');
    await form.title.fill(title);
    await form.problemStatement.fill("Gateways lose their backhaul and");
    await form.networkType.fill("LoRaWAN");
    await form.scale.selectOption({ label: "Thousands of devices" });
    await savedTyped;
    await expect(form.form.getByText(/^Draft saved /)).toBeVisible();

    await page.reload();
    await expect(form.form.getByText(/Restored your unsubmitted draft from /)).toBeVisible();
    await expect(form.title).toHaveValue(title);
    await expect(form.problemStatement).toHaveValue("Gateways lose their backhaul and");
    await expect(form.networkType).toHaveValue("LoRaWAN");
    await expect(form.scale).toHaveValue("thousands");

    // Discarding empties the form and the draft.
    await form.form.getByRole("button", { name: "Discard it" }).click();
    await expect(form.title).toHaveValue("");
    await page.reload();
    await expect(form.form).toBeVisible();
    await expect(form.form.getByText(/Restored your unsubmitted draft/)).toHaveCount(0);
    await expect(form.title).toHaveValue("");
  });

  test("a near-duplicate title warns and links the existing issue", async ({ page }, info) => {
    // The demo issue is titled "Onboarding thousands of Thread devices without per-device configuration".
    await signUpFresh(page, info.workerIndex);
    const form = new NewIssuePage(page);
    await form.open();
    await form.title.fill(
      "Onboarding thousands of Thread devices without per device configuration",
    );
    const warning = page.getByRole("status").filter({ hasText: "Possible duplicates" });
    await expect(warning).toBeVisible();
    const link = warning.getByRole("link", {
      name: /Onboarding thousands of Thread devices without per-device configuration/,
    });
    await expect(link).toBeVisible();
    const href = await link.getAttribute("href");
    expect(href).toMatch(/^\/issues\/\d+$/);
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${href}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(
      "Onboarding thousands of Thread devices without per-device configuration",
    );
  });

  test("Markdown with scripts, event handlers and javascript: links renders inert", async ({
    page,
  }) => {
    await page.addInitScript(() => {
      window.__pwned = undefined;
    });
    await signIn(page, "contributor");
    const form = new NewIssuePage(page);
    await form.open();
    const title = `Markdown rendering check for device notes ${stamp()}`;
    await form.title.fill(title);
    await form.problemStatement.fill(
      [
        "Devices print **bold** notes.",
        "",
        "<script>window.__pwned=1</script>",
        "",
        '<img src=x onerror="window.__pwned=2">',
        "",
        "See [link](javascript:alert(1)) and ![pic](javascript:alert(2)).",
      ].join("\n"),
    );
    await form.submit();
    await expect(page).toHaveURL(/\/issues\/\d+$/);
    const issue = new IssuePage(page);
    await expect(issue.heading).toContainText(title);

    const section = issue.problemStatement;
    await expect(section.getByText("bold", { exact: true })).toBeVisible();
    await expect(section.locator("script")).toHaveCount(0);
    await expect(section.locator("img[onerror], [onerror]")).toHaveCount(0);
    await expect(section.locator("img")).toHaveCount(0);
    expect(await page.evaluate(() => window.__pwned)).toBe(undefined);
    // A reload renders the stored text again, server side.
    await page.reload();
    await expect(issue.heading).toContainText(title);
    await expect(section.locator("script")).toHaveCount(0);
    await expect(section.locator("[onerror]")).toHaveCount(0);
    const hrefs = await page
      .getByRole("main")
      .locator("a[href]")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    expect(hrefs.filter((h) => /^\s*javascript:/i.test(h))).toEqual([]);
    // Give an injected handler time to fire, then check nothing ran.
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.__pwned)).toBe(undefined);
  });

  test("bad input: a missing or too-short title and a malformed draft name get messages, typed text is kept", async ({
    page,
  }, info) => {
    await signUpFresh(page, info.workerIndex);
    const form = new NewIssuePage(page);
    await form.open();
    const problem = "Thermostats lose their schedule after a firmware update.";
    await form.problemStatement.fill(problem);
    await form.networkType.fill("Wi-Fi");
    await form.submit();
    await expect(form.title).toHaveAttribute("aria-invalid", "true");
    await expect(form.title).toHaveAccessibleDescription(/Give the issue a title\./);
    await expect(form.form.getByText("Give the issue a title.")).toBeVisible();
    await expect(
      page.getByRole("alert").filter({ hasText: "Please correct the fields marked below." }),
    ).toBeVisible();
    await expect(form.problemStatement).toHaveValue(problem);
    await expect(form.networkType).toHaveValue("Wi-Fi");

    // "IoT" is not a title.
    await form.title.fill("IoT");
    await form.submit();
    await expect(form.title).toHaveAccessibleDescription(/title of at least 8 characters/);

    // A malformed draft name is named in the message beside the field.
    await form.title.fill(`Thermostat schedules lost after update ${stamp()}`);
    await form.relatedDocuments.fill("draft_nobody_nonexistent");
    await form.submit();
    await expect(form.relatedDocuments).toHaveAttribute("aria-invalid", "true");
    await expect(form.relatedDocuments).toHaveAccessibleDescription(/draft_nobody_nonexistent/);
    await expect(form.title).not.toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/issues\/new$/);
    await expect(form.problemStatement).toHaveValue(problem);
  });

  test("a draft the tracker does not know yet is accepted and shown with its Datatracker link", async ({
    page,
  }, info) => {
    await signUpFresh(page, info.workerIndex);
    const form = new NewIssuePage(page);
    await form.open();
    const draft = "draft-ietf-anima-constrained-voucher";
    await form.title.fill(`Vouchers for constrained devices ${stamp()}`);
    await form.problemStatement.fill(FIRMWARE_PROBLEM);
    await form.relatedDocuments.fill(draft);
    await form.submit();
    await expect(page).toHaveURL(/\/issues\/\d+$/);
    const docs = page.getByRole("region", { name: "Documents" });
    await expect(docs.getByRole("link", { name: draft })).toHaveAttribute(
      "href",
      `https://datatracker.ietf.org/doc/${draft}/`,
    );
    await expect(docs.getByText("not yet tracked")).toBeVisible();
  });
});

test.describe("autosaved drafts", () => {
  test("leaving with unsaved typing asks first; once the draft is saved it does not", async ({
    page,
  }, info) => {
    await signUpFresh(page, info.workerIndex);
    const form = new NewIssuePage(page);
    await form.open();
    // The autosave fails, so what is typed stays unsaved.
    await page.route("**/api/trpc/issue.saveDraft**", (r) => r.abort());
    await form.title.click();
    await form.title.fill("Unsaved when leaving");
    await expect(form.form.getByText(/Could not save the draft/)).toBeVisible();
    const asked = page.waitForEvent("dialog");
    await page.close({ runBeforeUnload: true });
    const dialog = await asked;
    expect(dialog.type()).toBe("beforeunload");
    await dialog.dismiss();
    expect(page.isClosed()).toBe(false);

    // Saved within a moment of the last keystroke: leaving needs no question.
    await page.unroute("**/api/trpc/issue.saveDraft**");
    const saved = form.draftSaveContaining("Saved before leaving");
    const sent = page.waitForRequest(
      (r) =>
        r.url().includes("/api/trpc/issue.saveDraft") &&
        (r.postData() ?? "").includes("Saved before leaving"),
    );
    await form.title.fill("Saved before leaving");
    const typedAt = Date.now();
    await sent;
    // The save starts well within a second of the last keystroke (the debounce is 300 ms).
    expect(Date.now() - typedAt).toBeLessThan(950);
    await saved;
    await expect(form.form.getByText(/^Draft saved /)).toBeVisible();
    const closed = page.waitForEvent("close");
    page.once("dialog", (d) => {
      throw new Error(`unexpected ${d.type()} dialog`);
    });
    await page.close({ runBeforeUnload: true });
    await closed;
  });

  test("'Draft saved' means what was typed is saved", async ({ page }, info) => {
    await signUpFresh(page, info.workerIndex);
    const form = new NewIssuePage(page);
    await form.open();
    await form.title.fill("Typed before the status appeared");
    await expect(form.form.getByText(/^Draft saved /)).toBeVisible();
    // Typing after a save: the status no longer claims the draft is saved until the
    // newer text is (each save is held back a second here, so the gap is visible).
    await page.route("**/api/trpc/issue.saveDraft**", async (r) => {
      await new Promise((done) => setTimeout(done, 1_000));
      await r.continue();
    });
    await form.problemStatement.fill("The last field typed is saved too.");
    await expect(form.form.getByText(/^Draft saved /)).toHaveCount(0);
    await expect(form.form.getByText("Saving the draft…")).toBeVisible();
    await expect(form.form.getByText(/^Draft saved /)).toBeVisible();
    await page.unroute("**/api/trpc/issue.saveDraft**");
    await page.reload();
    await expect(form.form.getByText(/Restored your unsubmitted draft/)).toBeVisible();
    await expect(form.title).toHaveValue("Typed before the status appeared", { timeout: 3_000 });
    await expect(form.problemStatement).toHaveValue("The last field typed is saved too.");
  });

  test("after filing a restored draft, the form does not offer that draft again", async ({
    page,
  }, info) => {
    await signUpFresh(page, info.workerIndex);
    const form = new NewIssuePage(page);
    await form.open();
    const title = `Filed from a restored draft ${stamp()}`;
    const saved = form.draftSaveContaining("Restored draft problem");
    await form.title.fill(title);
    await form.problemStatement.fill("Restored draft problem");
    await saved;
    await page.reload();
    await expect(form.form.getByText(/Restored your unsubmitted draft/)).toBeVisible();
    await form.submit();
    await expect(page).toHaveURL(/\/issues\/\d+$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "File an issue" })
      .click();
    await expect(form.form).toBeVisible();
    await expect(form.form.getByText(/Restored your unsubmitted draft/)).toHaveCount(0, {
      timeout: 3_000,
    });
    await expect(form.title).toHaveValue("");
  });
});
