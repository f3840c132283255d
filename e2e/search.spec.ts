import { expect, test } from "./fixtures/personas";
import { expectNoSeriousViolations } from "./pages/axe";
import { pageAs, stamp } from "./pages/session";

test.describe("search", () => {
  test("BRSKY vouchr finds the BRSKI onboarding issue and the ANIMA documents", async ({
    page,
  }) => {
    await page.goto("/");
    const box = page.getByRole("search", { name: "Site" });
    await box.getByRole("searchbox").fill("BRSKY vouchr");
    await box.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/search\?q=BRSKY\+vouchr$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Search results for “BRSKY vouchr”",
    );
    await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
    const issues = page.getByRole("region", { name: /^Issues/ });
    await expect(
      issues.getByRole("link", { name: /Onboarding thousands of Thread devices/ }),
    ).toBeVisible();
    const docs = page.getByRole("region", { name: /^Documents/ });
    await expect(docs.getByRole("link", { name: "rfc8995" })).toBeVisible();
    await expect(docs.getByRole("link", { name: "draft-ietf-anima-brski-prm" })).toBeVisible();
    await expect(docs.getByText("ANIMA").first()).toBeVisible();
    // Matched words are highlighted as <mark> elements.
    await expect(docs.locator("mark").first()).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: /^Found/ })).toBeVisible();
    await expectNoSeriousViolations(page);
  });

  test("an exact reference opens its page", async ({ page }) => {
    await page.goto("/search?q=RFC%208995");
    await expect(page).toHaveURL(/\/documents\/rfc8995$/);
    await page.goto("/search?q=RFC%208995&all=1");
    await expect(page.getByRole("link", { name: /rfc8995: Bootstrapping/ })).toBeVisible();
  });

  test("a search that finds nothing says so, and hostile text stays text", async ({ page }) => {
    await page.goto(`/search?q=${encodeURIComponent("<i>zzqxv</i>")}`);
    await expect(page.getByRole("status").filter({ hasText: "Nothing matches" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("<i>zzqxv</i>");
    await expectNoSeriousViolations(page);
  });

  test("a chair's shared triage view appears for the other IOTOPS chair", async ({ browser }) => {
    const name = `Submitted ${stamp()}`;
    const chair = await pageAs(browser, "chair");
    await chair.goto("/triage?state=submitted");
    await chair.getByText("Saved views", { exact: true }).click();
    await chair.getByLabel("Name for the current filters").fill(name);
    await chair.getByRole("button", { name: "Save view" }).click();
    await expect(
      chair.getByRole("status").filter({ hasText: `Saved the view “${name}”` }),
    ).toBeFocused();
    const mine = chair.getByRole("navigation", { name: "Saved views" });
    await expect(mine.getByRole("link", { name: new RegExp(name) })).toBeVisible();
    await chair
      .getByRole("list", { name: "Your views" })
      .getByLabel("Shared with")
      .selectOption("iotops");
    await expect(chair.getByRole("status").filter({ hasText: "Shared" })).toBeVisible();
    await chair.context().close();

    const other = await pageAs(browser, "chair2");
    await other.goto("/triage");
    const views = other.getByRole("navigation", { name: "Saved views" });
    const link = views.getByRole("link", { name: new RegExp(`${name}.*shared by Charlie Chair`) });
    await expect(link).toBeVisible();
    await expect(link.locator(".badge")).toHaveText(/^\d/);
    await link.click();
    await expect(other).toHaveURL(/state=submitted/);
    await expect(link).toHaveAttribute("aria-current", "page");
    await expectNoSeriousViolations(other);
    await other.context().close();

    const outsider = await pageAs(browser, "suitChair");
    await outsider.goto("/issues");
    await expect(outsider.getByRole("link", { name: new RegExp(name) })).toHaveCount(0);
    await outsider.context().close();
  });
});
