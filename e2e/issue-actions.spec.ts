import { expect, test } from "./fixtures/personas";
import { expectNoSeriousViolations } from "./pages/axe";
import { IssuePage } from "./pages/issue-page";
import { pageAs, signIn, stamp } from "./pages/session";
import { applyViaApi, fileIssueViaApi } from "./pages/trpc";

const PROBLEM =
  "Constrained devices need a way to renew their enrolment vouchers without a full re-onboarding each year.";

test.describe("issue actions", () => {
  test("a mistyped group cannot be dispatched to; a listed group is chosen by keyboard", async ({
    page,
    browser,
  }) => {
    const contributor = await pageAs(browser, "contributor");
    const id = await fileIssueViaApi(contributor, {
      title: `Voucher renewal for constrained devices ${stamp()}`,
      problemStatement: PROBLEM,
    });
    await contributor.context().close();

    await signIn(page, "chair");
    const chair = new IssuePage(page);
    await chair.goto(id);
    const rec = await chair.openAction("Record recommendation");
    const group = rec.getByRole("combobox", { name: "Target group" });
    // The routing suggestion is preselected when it is an active group; clear it first.
    await group.clear();
    await group.fill("anmia");
    await expect(page.getByText("No group matches “anmia”.")).toBeVisible();
    await expect(page.getByRole("listbox").getByRole("option")).toHaveCount(0);
    await group.press("Escape");
    await rec.getByLabel("Charter item").selectOption({ label: "Onboarding" });
    await rec.getByLabel("Rationale").fill("ANIMA owns the voucher format.");
    await rec.getByRole("button", { name: "Record recommendation" }).click();

    // Focus lands on the error, which is announced; the field says what is wrong.
    const error = chair.actions.getByRole("alert");
    await expect(error).toHaveText("Please correct the fields marked below.");
    await expect(error).toBeFocused();
    await expect(rec.getByText("Target group is required.")).toBeVisible();
    await expect(chair.state("Submitted")).toBeVisible();

    // Type-ahead by keyboard: part of the name, arrow down to the match, Enter.
    await group.fill("autonomic");
    await expect(page.getByRole("option", { name: /^ANIMA — / })).toBeVisible();
    await group.press("ArrowDown");
    await group.press("Enter");
    await expect(group).toHaveValue(/^ANIMA — /);
    await expectNoSeriousViolations(page);
    await rec.getByRole("button", { name: "Record recommendation" }).click();
    await chair.expectDone("Recommend");
    await expect(chair.state("AD review")).toBeVisible();
    await expect(page.getByText("Existing WG: ANIMA").first()).toBeVisible();
  });

  test("focus moves to the result of a command and of a refused one", async ({ page, browser }) => {
    const contributor = await pageAs(browser, "contributor");
    const id = await fileIssueViaApi(contributor, {
      title: `Focus after actions ${stamp()}`,
      problemStatement: PROBLEM,
    });
    await contributor.context().close();

    await signIn(page, "chair");
    const chair = new IssuePage(page);
    await chair.goto(id);
    // A refused command: the message is required.
    let ask = await chair.openAction("Request information");
    await ask.getByRole("button", { name: "Send request" }).click();
    await expect(chair.actions.getByRole("alert")).toBeFocused();
    await expect(ask.getByText("Message is required.")).toBeVisible();

    await ask.getByLabel("Message to the submitter").fill("Which vendors?");
    await ask.getByRole("button", { name: "Send request" }).click();
    await chair.expectDone("Request information");
    await expect(chair.actions.getByRole("status")).toContainText(
      "The issue is now Needs information.",
    );

    // A conflict (someone else acted meanwhile) is focused too, with a way to reload.
    await chair.goto(id);
    const other = await pageAs(browser, "chair");
    await applyViaApi(other, id, { type: "start-discussion" });
    await other.context().close();
    ask = await chair.openAction("Close");
    await ask.getByRole("button", { name: "Close issue" }).click();
    const conflict = chair.actions.getByRole("alert");
    await expect(conflict).toBeFocused();
    await expect(conflict).toContainText("changed by someone else");
    await conflict.getByRole("button", { name: "Reload the page" }).click();
    await expect(chair.state("In discussion")).toBeVisible();
  });
});
