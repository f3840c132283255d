import type { Browser } from "@playwright/test";
import { expect, PERSONAS, test } from "./fixtures/personas";
import { expectNoSeriousViolations } from "./pages/axe";
import { IssuePage } from "./pages/issue-page";
import { DIGEST_PERIOD_MINUTES, mailTo } from "./pages/mail-capture";
import { openAs, pageAs, stamp } from "./pages/session";
import { applyViaApi, fileIssueViaApi, SUIT_RECOMMENDATION } from "./pages/trpc";

const PROBLEM =
  "Constrained sensors in a hospital network need signed firmware manifests and a recovery path when an update fails halfway.";

/** File as the contributor and drive the issue through the IOTOPS chair and the AD as far as `to`. */
async function issueAt(
  browser: Browser,
  title: string,
  to: "in-discussion" | "dispatched",
  confidential = false,
): Promise<number> {
  const contributor = await pageAs(browser, "contributor");
  const id = await fileIssueViaApi(contributor, { title, problemStatement: PROBLEM, confidential });
  await contributor.context().close();
  const chair = await pageAs(browser, "chair");
  await applyViaApi(chair, id, { type: "start-discussion" });
  if (to === "dispatched") {
    await applyViaApi(chair, id, { type: "recommend", recommendation: SUIT_RECOMMENDATION });
    await applyViaApi(chair, id, { type: "request-review" });
  }
  await chair.context().close();
  if (to === "dispatched") {
    const ad = await pageAs(browser, "ad");
    await applyViaApi(ad, id, { type: "approve", rationale: "SUIT it is." });
    await ad.context().close();
  }
  return id;
}

test.describe("my work", () => {
  test("the SUIT chair acknowledges a confidential hand-off from their inbox", async ({
    browser,
  }) => {
    const title = `Confidential recovery for hospital sensors ${stamp()}`;
    const id = await issueAt(browser, title, "dispatched", true);

    const page = await openAs(browser, "suitChair", "/");
    await expect(page.getByRole("heading", { level: 1, name: "My work" })).toBeVisible();
    const handoffs = page.getByRole("region", {
      name: /Hand-offs to SUIT awaiting acknowledgement/,
    });
    const count = Number(
      (await handoffs.getByLabel(/waiting$/).getAttribute("aria-label"))!.split(" ")[0],
    );
    expect(count).toBeGreaterThanOrEqual(1);
    // The header's number is the page's total.
    const total = Number(
      (await page.getByRole("status").filter({ hasText: "wait" }).innerText()).match(/\d+/)![0],
    );
    await expect(page.getByRole("link", { name: `My work, ${total} waiting` })).toBeVisible();
    await expectNoSeriousViolations(page);

    await handoffs.getByRole("link", { name: `#${id} ${title}` }).click();
    const issue = new IssuePage(page);
    await expect(issue.heading).toContainText(title);
    const ack = await issue.openAction("Acknowledge");
    await ack.getByRole("button", { name: "Acknowledge" }).click();
    await expect(issue.state("Accepted")).toBeVisible();

    await page.goto("/");
    await expect(handoffs.getByRole("link", { name: `#${id} ${title}` })).toHaveCount(0);
    await expect(handoffs.getByLabel(`${count - 1} waiting`)).toBeVisible();
    await page.context().close();

    // Nobody else the policy does not entitle finds it in their inbox.
    const other = await openAs(browser, "contributor", "/");
    await expect(other.getByRole("heading", { level: 1, name: "My work" })).toBeVisible();
    await expect(other.getByText(title)).toHaveCount(0);
    await other.context().close();
  });

  test("the AD chooses a daily digest and receives one message instead of one per event", async ({
    browser,
  }) => {
    test.setTimeout(4 * 60_000);
    const settings = await openAs(browser, "ad", "/settings");
    const activity = settings.getByRole("group", {
      name: "Other activity you follow through your role",
    });
    const digest = activity.getByRole("radio", { name: "Daily digest" });
    await digest.check();
    await expect(settings.getByRole("status").filter({ hasText: "Saved" })).toContainText(
      "daily digest",
    );
    await expect(digest).toBeFocused();
    // The choice is kept. (Axe runs on the reloaded page: right after saving, the page's
    // refresh can be swapping the document's <title>, which axe then reports missing.)
    await settings.reload();
    await expect(digest).toBeChecked();
    await expectNoSeriousViolations(settings);
    await settings.context().close();

    // Start right after a period boundary, so the events below fall in one period.
    const periodMs = DIGEST_PERIOD_MINUTES * 60_000;
    const intoPeriod = Date.now() % periodMs;
    if (intoPeriod > periodMs / 3)
      await new Promise((r) => setTimeout(r, periodMs - intoPeriod + 500));

    const titles = [`Digest sensor issue A ${stamp()}`, `Digest sensor issue B ${stamp()}`];
    const ids = [
      await issueAt(browser, titles[0]!, "in-discussion"),
      await issueAt(browser, titles[1]!, "in-discussion"),
    ];
    // Activity on area issues is not mailed to the AD one by one any more.
    const adMail = () => mailTo(PERSONAS.ad, titles[0]!);
    await expect
      .poll(async () => (await mailTo(PERSONAS.contributor, titles[0]!)).length, {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    expect(await adMail()).toEqual([]);

    // Once the period closes, the worker sends one digest with both issues.
    const digests = async () =>
      (await mailTo(PERSONAS.ad, "Your IOTOPS Dispatch digest")).filter((m) =>
        titles.every((t) => m.text.includes(t)),
      );
    await expect
      .poll(async () => (await digests()).length, {
        timeout: periodMs + 60_000,
        intervals: [2_000],
      })
      .toBe(1);
    const [d] = await digests();
    for (const id of ids) expect(d!.text).toContain(`/issues/${id}`);
    // And never a second one for the same items.
    await new Promise((r) => setTimeout(r, 12_000));
    expect(await digests()).toHaveLength(1);
    expect(await adMail()).toEqual([]);
  });

  test("anonymous visitors keep the introduction", async ({ browser }) => {
    const page = await openAs(browser, null, "/");
    await expect(
      page.getByRole("heading", { level: 1, name: "Where should this IoT problem be worked on?" }),
    ).toBeVisible();
    await expect(page.getByRole("link", { name: /My work/ })).toHaveCount(0);
    await page.context().close();
  });
});
