import { expect, test } from "./fixtures/personas";
import { expectNoSeriousViolations } from "./pages/axe";
import { IssuePage } from "./pages/issue-page";
import { pageAs, signIn, stamp } from "./pages/session";
import { applyViaApi, fileIssueViaApi, SUIT_RECOMMENDATION } from "./pages/trpc";

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

  test("a returned recommendation shows the AD's comment in a banner on the issue", async ({
    page,
    browser,
  }) => {
    const contributor = await pageAs(browser, "contributor");
    const id = await fileIssueViaApi(contributor, {
      title: `Returned with a question ${stamp()}`,
      problemStatement: PROBLEM,
    });
    await contributor.context().close();
    const chair = await pageAs(browser, "chair");
    await applyViaApi(chair, id, { type: "recommend", recommendation: SUIT_RECOMMENDATION });
    await applyViaApi(chair, id, { type: "request-review" });
    await chair.context().close();
    const ad = await pageAs(browser, "ad");
    const comment = `Has ANIMA been asked? ${stamp()}`;
    await applyViaApi(ad, id, { type: "return", comment });
    await ad.context().close();

    await signIn(page, "chair");
    const issue = new IssuePage(page);
    await issue.goto(id);
    const banner = page.getByRole("region", {
      name: "The area director returned the recommendation",
    });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText(comment);
  });

  test("issue text links RFCs, drafts, groups and issues, but not a confidential issue the reader may not see", async ({
    page,
    browser,
  }) => {
    const contributor = await pageAs(browser, "contributor");
    const secret = await fileIssueViaApi(contributor, {
      title: `A confidential report ${stamp()}`,
      problemStatement: PROBLEM,
      confidential: true,
    });
    const open = await fileIssueViaApi(contributor, {
      title: `An open report ${stamp()}`,
      problemStatement: PROBLEM,
    });
    const id = await fileIssueViaApi(contributor, {
      title: `Links in issue text ${stamp()}`,
      problemStatement: `${PROBLEM} Compare #${open} and #${secret}, rfc8995, rfc9019, draft-lear-iotops-mud-rats and SUIT.`,
    });
    // The submitter may see the confidential issue: it is linked for them.
    await contributor.goto(`/issues/${id}`);
    const own = new IssuePage(contributor).problemStatement;
    await expect(own.getByRole("link", { name: `#${secret}` })).toHaveAttribute(
      "href",
      `/issues/${secret}`,
    );
    await contributor.context().close();

    await page.goto(`/issues/${id}`);
    const text = new IssuePage(page).problemStatement;
    await expect(text.getByRole("link", { name: `#${open}` })).toHaveAttribute(
      "href",
      `/issues/${open}`,
    );
    await expect(text.getByRole("link", { name: "SUIT" })).toHaveAttribute("href", "/groups/suit");
    // A tracked RFC opens its page here; one the tracker does not hold, the Datatracker's.
    await expect(text.getByRole("link", { name: "rfc8995" })).toHaveAttribute(
      "href",
      "/documents/rfc8995",
    );
    await expect(text.getByRole("link", { name: "rfc9019" })).toHaveAttribute(
      "href",
      "https://datatracker.ietf.org/doc/rfc9019/",
    );
    await expect(text.getByRole("link", { name: "draft-lear-iotops-mud-rats" })).toHaveAttribute(
      "href",
      "https://datatracker.ietf.org/doc/draft-lear-iotops-mud-rats/",
    );
    // Signed out, the confidential issue's number stays plain text.
    await expect(text.getByText(`#${secret}`, { exact: false })).toBeVisible();
    await expect(text.getByRole("link", { name: `#${secret}` })).toHaveCount(0);
  });
});
