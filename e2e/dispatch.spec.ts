import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures/personas";
import { IssuePage } from "./pages/issue-page";
import { NewIssuePage } from "./pages/new-issue-page";
import { pageAs, signIn, stamp } from "./pages/session";
import {
  api,
  applyViaApi,
  fileIssueViaApi,
  refusal,
  sendCommand,
  SUIT_RECOMMENDATION,
} from "./pages/trpc";

const PROBLEM =
  "Battery-powered sensors need signed firmware update manifests so that constrained devices can verify images before installing them.";

/** File an issue as the contributor (through the API; the form itself is covered in intake). */
async function contributorIssue(browser: Browser, title: string): Promise<number> {
  const contributor = await pageAs(browser, "contributor");
  const id = await fileIssueViaApi(contributor, { title, problemStatement: PROBLEM });
  await contributor.context().close();
  return id;
}

/** As the IOTOPS chair: recommend SUIT and send it to the AD. */
async function sendToAd(browser: Browser, id: number) {
  const chair = await pageAs(browser, "chair");
  await applyViaApi(chair, id, { type: "recommend", recommendation: SUIT_RECOMMENDATION });
  await applyViaApi(chair, id, { type: "request-review" });
  await chair.context().close();
}

test.describe("dispatch workflow", () => {
  test("file, request information, answer, recommend SUIT, approve, acknowledge", async ({
    page,
    browser,
  }) => {
    const title = `Signed firmware manifests for constrained sensors ${stamp()}`;

    // The contributor files through the form.
    await signIn(page, "contributor");
    const form = new NewIssuePage(page);
    await form.open();
    await form.title.fill(title);
    await form.problemStatement.fill(PROBLEM);
    await form.submit();
    await expect(page).toHaveURL(/\/issues\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split("/").pop());
    const mine = new IssuePage(page);
    await expect(mine.heading).toContainText(title);

    // The IOTOPS chair asks for more information.
    const chairPage = await pageAs(browser, "chair");
    const chair = new IssuePage(chairPage);
    await chair.goto(id);
    const ask = await chair.openAction("Request information");
    await ask.getByLabel("Message to the submitter").fill("How many devices, and which vendors?");
    await ask.getByRole("button", { name: "Send request" }).click();
    await chair.expectDone("Request information");
    await expect(chair.state("Needs information")).toBeVisible();

    // The contributor answers by editing the issue.
    await page.reload();
    await expect(
      page.getByRole("region", { name: "The chairs asked for more information" }),
    ).toContainText("How many devices, and which vendors?");
    await mine.actions.getByRole("link", { name: "Edit issue" }).click();
    const edit = page.getByRole("form", { name: "Edit issue" });
    const problem = edit.getByLabel("Problem statement", { exact: true });
    await expect(problem).toHaveValue(PROBLEM);
    await problem.fill(`${PROBLEM}\n\nAbout 40,000 devices from three vendors.`);
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(page).toHaveURL(new RegExp(`/issues/${id}$`));
    await expect(mine.problemStatement).toContainText("About 40,000 devices from three vendors.");
    await expect(mine.state("Submitted")).toBeVisible();

    // The chair records a recommendation of SUIT and sends it to the AD.
    await chair.goto(id);
    const rec = await chair.openAction("Record recommendation");
    await expect(rec.getByLabel("Outcome")).toHaveValue("existing-wg");
    await chair.chooseGroup(rec, "Target group", "suit", /^SUIT — /);
    await rec.getByLabel("Charter item").selectOption({ label: "Firmware update" });
    await rec
      .getByLabel("Rationale")
      .fill("SUIT defines the manifest format; this is deployment experience for SUIT.");
    await expect(rec.getByLabel("Send to the area director for review now")).toBeChecked();
    await rec.getByRole("button", { name: "Record recommendation" }).click();
    await chair.expectDone("Recommend");
    await expect(chair.state("AD review")).toBeVisible();

    // The OPS AD approves from the review queue.
    const adPage = await pageAs(browser, "ad");
    await adPage.goto("/review");
    const item = adPage
      .getByRole("listitem")
      .filter({ has: adPage.getByRole("heading", { name: `#${id} ${title}` }) });
    await expect(item).toContainText("Recommended: ");
    await expect(item).toContainText("SUIT");
    const ad = new IssuePage(adPage);
    // The queue item holds its own Actions card.
    const toggle = item.getByRole("button", { name: "Approve dispatch", expanded: false });
    const panelId = await toggle.getAttribute("aria-controls");
    await toggle.click();
    const approve = item.locator(`[id="${panelId}"]`);
    await approve.getByLabel("Rationale").fill("Agreed, SUIT is the right home.");
    await approve.getByRole("button", { name: "Approve", exact: true }).click();
    await expect(adPage.getByRole("heading", { name: `#${id} ${title}` })).toHaveCount(0);
    await ad.goto(id);
    await expect(ad.state("Dispatched")).toBeVisible();

    // The SUIT chair finds it on the SUIT group page and acknowledges it.
    const suitPage = await pageAs(browser, "suitChair");
    await suitPage.goto("/groups/suit");
    await suitPage
      .getByRole("region", { name: "Dispatched work awaiting acknowledgement" })
      .getByRole("link", { name: `#${id} ${title}` })
      .click();
    const suit = new IssuePage(suitPage);
    await expect(suit.heading).toContainText(title);
    const ack = await suit.openAction("Acknowledge");
    await ack.getByRole("button", { name: "Acknowledge" }).click();
    await expect(suit.state("Accepted")).toBeVisible();

    // Every step is in the History.
    await page.reload();
    const history = mine.history;
    await expect(history.getByRole("listitem")).toHaveCount(7);
    await expect(history).toContainText("Filed the issue.");
    await expect(history).toContainText(
      "Asked the submitter for more information: “How many devices, and which vendors?”",
    );
    await expect(history).toContainText(/Edited .*answering the request for information\./);
    await expect(history).toContainText("Recorded the dispatch recommendation:");
    await expect(history).toContainText(/Sent the recommendation \(.*\) to the area director/);
    await expect(history).toContainText(
      /Approved the dispatch: .*Rationale: Agreed, SUIT is the right home\./,
    );
    await expect(history).toContainText("Acknowledged the dispatched work for SUIT.");
    const steps = await history.getByRole("listitem").allInnerTexts();
    const order = [
      "Filed the issue",
      "Asked the submitter",
      "Edited",
      "Recorded the dispatch recommendation",
      "Sent the recommendation",
      "Approved the dispatch",
      "Acknowledged",
    ];
    const positions = order.map((o) => steps.findIndex((s) => s.includes(o)));
    expect(positions.every((p) => p >= 0)).toBe(true);
    // Oldest first or newest first, but in a consistent order.
    const sorted = [...positions].sort((a, b) => a - b);
    const reversed = [...sorted].reverse();
    expect([sorted.join(), reversed.join()]).toContain(positions.join());

    for (const p of [chairPage, adPage, suitPage]) await p.context().close();
  });

  test("an AD returns a recommendation and the chair sees the comment", async ({
    page,
    browser,
  }) => {
    const title = `Firmware rollback protection for meters ${stamp()}`;
    const id = await contributorIssue(browser, title);
    await sendToAd(browser, id);

    await signIn(page, "ad");
    const ad = new IssuePage(page);
    await ad.goto(id);
    await expect(ad.state("AD review")).toBeVisible();
    const ret = await ad.openAction("Return to chairs");
    await ret
      .getByLabel("Comment for the chairs")
      .fill("Check with SUIT whether this needs a recharter.");
    await ret.getByRole("button", { name: "Return", exact: true }).click();
    // The card stays to confirm the action, but offers the AD nothing more.
    await ad.expectDone("Return to chairs");
    await expect(ad.state("Returned")).toBeVisible();
    await expect(ad.actions.getByRole("button")).toHaveCount(0);

    const chairPage = await pageAs(browser, "chair");
    const chair = new IssuePage(chairPage);
    await chair.goto(id);
    await expect(chair.state("Returned")).toBeVisible();
    await expect(chair.history).toContainText(
      "Returned the recommendation to the chairs: “Check with SUIT whether this needs a recharter.”",
    );
    // The chair can act on it again.
    await expect(chair.action("Record recommendation")).toBeVisible();
    await chairPage.context().close();
  });
});

/** Both triage buttons are absent from the page. */
async function expectNoTriageControls(page: Page) {
  await expect(page.getByRole("button", { name: "Record recommendation" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Request information" })).toHaveCount(0);
}

test.describe("who may do what", () => {
  test("a contributor cannot triage someone else's issue", async ({ page, browser }) => {
    const suitChair = await pageAs(browser, "suitChair");
    const id = await fileIssueViaApi(suitChair, {
      title: `Manifest processors on tiny MCUs ${stamp()}`,
      problemStatement: PROBLEM,
    });
    await suitChair.context().close();

    await signIn(page, "contributor");
    const issue = new IssuePage(page);
    await issue.goto(id);
    await expectNoTriageControls(page);
    await expect(issue.actions).toHaveCount(0);

    const res = await refusal(
      sendCommand(page, id, { type: "recommend", recommendation: SUIT_RECOMMENDATION }),
    );
    expect(res.status).toBe(403);
    const info = await refusal(sendCommand(page, id, { type: "request-info", message: "Why?" }));
    expect(info.status).toBe(403);
    await page.reload();
    await expect(issue.state("Submitted")).toBeVisible();
  });

  test("a chair of another group cannot recommend", async ({ page, browser }) => {
    const id = await contributorIssue(browser, `Delta updates for NB-IoT trackers ${stamp()}`);
    await signIn(page, "suitChair");
    const issue = new IssuePage(page);
    await issue.goto(id);
    await expectNoTriageControls(page);
    const res = await refusal(
      sendCommand(page, id, { type: "recommend", recommendation: SUIT_RECOMMENDATION }),
    );
    expect(res.status).toBe(403);
    expect(res.message).toContain("IOTOPS chairs");
  });

  test("an IOTOPS chair cannot approve a recommendation", async ({ page, browser }) => {
    const id = await contributorIssue(browser, `Update windows for street lights ${stamp()}`);
    await sendToAd(browser, id);
    await signIn(page, "chair");
    const issue = new IssuePage(page);
    await issue.goto(id);
    await expect(issue.state("AD review")).toBeVisible();
    await expect(page.getByRole("button", { name: "Approve dispatch" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Return to chairs" })).toHaveCount(0);
    const res = await refusal(sendCommand(page, id, { type: "approve", rationale: "Looks fine." }));
    expect(res.status).toBe(403);
    await page.reload();
    await expect(issue.state("AD review")).toBeVisible();
  });

  test("an anonymous visitor cannot comment", async ({ page, browser }) => {
    const id = await contributorIssue(browser, `Comment rules for anonymous readers ${stamp()}`);
    const issue = new IssuePage(page);
    await issue.goto(id);
    await expect(issue.discussion).toContainText("Sign in to comment.");
    const signIn = issue.discussion.getByRole("link", { name: "Sign in" });
    await expect(signIn).toHaveAttribute("href", `/signin?callbackUrl=%2Fissues%2F${id}`);
    await expect(page.getByLabel("Add a comment")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Post comment" })).toHaveCount(0);
    const res = await refusal(api(page).issue.comment.mutate({ issueId: id, body: "Hello" }));
    expect(res.status).toBe(401);
    await page.reload();
    await expect(issue.discussion).toContainText("No comments yet.");
  });
});

test.describe("triage queue", () => {
  test("filters live in the URL and bulk assignment shows up", async ({ page, browser }) => {
    const title = `Unassigned issue for bulk triage ${stamp()}`;
    const id = await contributorIssue(browser, title);

    await signIn(page, "chair");
    await page.goto("/issues");
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Triage" })
      .click();
    await expect(page.getByRole("heading", { name: "Triage queue" })).toBeVisible();
    // Newest first by default, and the headers say so.
    const queue = page.getByRole("table", { name: "Triage queue" });
    await expect(queue.getByRole("columnheader", { name: "Filed" })).toHaveAttribute(
      "aria-sort",
      "descending",
    );
    await expect(queue.getByRole("row").nth(1)).toContainText(title);
    // The filters are folded away until asked for.
    const filters = page.getByRole("form", { name: "Filter the queue" });
    await expect(filters).toBeHidden();
    await page.getByText("Filters", { exact: true }).click();
    await filters.getByLabel("Responsible chair").selectOption({ label: "Unassigned" });
    await filters.getByLabel("Sort by").selectOption({ label: "Newest first" });
    await filters.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/[?&]chair=none(&|$)/);
    await expect(page).toHaveURL(/[?&]sort=newest(&|$)/);
    await page.reload();
    await expect(filters.getByLabel("Responsible chair")).toHaveValue("none");
    await expect(filters.getByLabel("Sort by")).toHaveValue("newest");

    const row = queue.getByRole("row").filter({ has: page.getByRole("link", { name: title }) });
    await expect(row).toBeVisible();
    await row.getByRole("checkbox", { name: `Select issue #${id}` }).check();
    const bulk = page.getByRole("group", { name: "Bulk actions" });
    await expect(bulk.getByText("(1 selected)")).toBeVisible();
    await bulk.getByLabel("Responsible chair").selectOption({ label: "Charlie Chair" });
    await bulk.getByRole("button", { name: "Assign chair" }).click();
    await expect(bulk.getByText("Updated 1 issue.")).toBeVisible();
    // No longer unassigned, so it leaves this filtered view...
    await expect(row).toHaveCount(0);
    // ...and appears under "Me".
    await filters.getByLabel("Responsible chair").selectOption({ label: "Me" });
    await filters.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/[?&]chair=me(&|$)/);
    await expect(queue.getByRole("link", { name: title })).toBeVisible();
    await expect(
      queue.getByRole("row").filter({ has: page.getByRole("link", { name: title }) }),
    ).toContainText("Charlie Chair");
    // Sorting from the column header.
    const filed = queue.getByRole("columnheader", { name: "Filed" }).getByRole("link");
    await expect(filed).toHaveAttribute("href", /[?&]sort=oldest(&|$)/);
    await page.goto((await filed.getAttribute("href"))!);
    await expect(queue.getByRole("columnheader", { name: "Filed" })).toHaveAttribute(
      "aria-sort",
      "ascending",
    );
    await expect(queue.getByRole("columnheader", { name: "Readiness" })).toHaveAttribute(
      "aria-sort",
      "none",
    );
    // The issue page names the chair, and the history records the assignment.
    await queue.getByRole("link", { name: title }).click();
    const issue = new IssuePage(page);
    await expect(issue.heading).toContainText(title);
    await expect(issue.article).toContainText("Responsible chair: Charlie Chair");
    await expect(issue.history).toContainText("Assigned Charlie Chair as responsible chair.");
  });
});
