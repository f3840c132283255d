import { expect, test } from "./fixtures/personas";
import { expectNoSeriousViolations } from "./pages/axe";
import { IssuePage } from "./pages/issue-page";
import { pageAs, signIn, stamp } from "./pages/session";
import { fileIssueViaApi } from "./pages/trpc";

const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE });

const PROBLEM =
  "Battery-powered sensors on a phone-managed fleet lose their keys after a firmware update.";

test.describe("on a phone (390×844)", () => {
  test("the header is compact and the triage queue shows issues on the first screen", async ({
    page,
  }) => {
    await signIn(page, "chair");
    await page.goto("/triage");
    const header = page.getByRole("banner");
    const box = (await header.boundingBox())!;
    // It took 161 px before: logo, wrapped links and account buttons.
    expect(box.height).toBeLessThanOrEqual(110);
    // The links stay reachable in one scrolling row.
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Triage" })).toBeAttached();
    // The filters are folded away until asked for.
    await expect(page.getByText(/^Filters/)).toBeVisible();
    await expect(page.getByLabel("Charter item")).toBeHidden();
    // The first queue row starts within the first screen.
    const firstRow = page.getByRole("table", { name: "Triage queue" }).getByRole("row").nth(1);
    await expect(firstRow).toBeInViewport();
    await expectNoSeriousViolations(page);
  });

  test("the issue's Actions are one tap away from the top", async ({ page, browser }) => {
    const contributor = await pageAs(browser, "contributor");
    const id = await fileIssueViaApi(contributor, {
      title: `Sensor keys lost after an update ${stamp()}`,
      problemStatement: `${PROBLEM}\n\n${"More detail about the fleet. ".repeat(60)}`,
      desiredOutcome: "A key rollover procedure that survives updates.",
    });
    await contributor.context().close();

    await signIn(page, "chair");
    const issue = new IssuePage(page);
    await issue.goto(id);
    await expect(issue.actions).not.toBeInViewport();
    const jump = page.getByRole("link", { name: "Actions", exact: true });
    await expect(jump).toBeInViewport();
    const jumpBox = (await jump.boundingBox())!;
    expect(jumpBox.y + jumpBox.height).toBeLessThanOrEqual(PHONE.height);
    await jump.click();
    await expect(issue.actions).toBeInViewport();
    await expect(issue.actions).toBeFocused();
    await expect(issue.action("Request information")).toBeInViewport();
    await expectNoSeriousViolations(page);
  });

  test("someone who may do nothing sees no Actions link", async ({ browser }) => {
    const contributor = await pageAs(browser, "contributor");
    const id = await fileIssueViaApi(contributor, {
      title: `Nothing to do here ${stamp()}`,
      problemStatement: PROBLEM,
    });
    await contributor.context().close();
    const anon = await browser.newPage({ viewport: PHONE });
    const issue = new IssuePage(anon);
    await issue.goto(id);
    await expect(anon.getByRole("link", { name: "Actions", exact: true })).toHaveCount(0);
    await anon.close();
  });
});
