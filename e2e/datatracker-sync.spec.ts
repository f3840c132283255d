import { expect, test } from "@playwright/test";
import { expectNoSeriousViolations } from "./pages/axe";
import { openAs } from "./pages/session";

// Syncs from the fake Datatracker (scripts/fake-datatracker.ts, started by playwright.config.ts).
// The fixture's documents are not the demo's, so other specs' documents stay local.
// Two whole syncs run in the first test: give it more than the default minute.
test.describe.configure({ timeout: 180_000 });

test("the secretariat syncs now, follows the run, and a rerun changes nothing", async ({
  browser,
}) => {
  const page = await openAs(browser, "secretariat", "/admin/sync");
  await expect(page.getByRole("heading", { level: 1, name: "Datatracker sync" })).toBeVisible();
  await expect(page.getByText("No sync has run yet.")).toBeVisible();
  await expectNoSeriousViolations(page);

  const button = page.getByRole("button", { name: /Sync now|Syncing/ });
  await button.click();
  await expect(button).toBeFocused();
  const last = page.getByRole("region", { name: "Last run" });
  await expect(last.getByText("Succeeded")).toBeVisible({ timeout: 30_000 });
  const counts = last.getByRole("table", { name: "Counts per resource" });
  // 11 documents of the mirrored groups: 10 new, and the demo's draft-ietf-suit-manifest,
  // known here already, now mirrored.
  await expect(counts.getByRole("row", { name: /^documents 11 10 1 0 0 0/ })).toBeVisible();
  await expect(last.getByText("No problems.")).toBeVisible();
  await expectNoSeriousViolations(page);

  await button.click();
  await expect(page.getByRole("region", { name: "Earlier runs" })).toBeVisible({ timeout: 30_000 });
  await expect(last.getByText("Succeeded")).toBeVisible({ timeout: 30_000 });
  // The second run reads only what changed since the first: nothing is created or updated.
  await expect(counts.getByRole("row", { name: /^documents 0 0 0 0 0 0/ })).toBeVisible();
  await page.context().close();
});

test("a chair sees a mirrored document's Datatracker states and a link to change them there", async ({
  browser,
}) => {
  const page = await openAs(browser, "chair", "/documents/draft-ietf-iotops-alpha");
  await expect(
    page.getByRole("heading", { level: 1, name: "draft-ietf-iotops-alpha-03" }),
  ).toBeVisible();
  const link = page.getByRole("link", { name: "Change its state in the Datatracker" });
  await expect(link).toHaveAttribute(
    "href",
    "https://datatracker.ietf.org/doc/draft-ietf-iotops-alpha/",
  );
  await expect(page.getByRole("heading", { name: "Change this document" })).toHaveCount(0);
  await expectNoSeriousViolations(page);

  // The status page is the secretariat's.
  await page.goto("/admin/sync");
  await expect(page.getByRole("heading", { name: "Not available to you" })).toBeVisible();
  await page.context().close();
});
