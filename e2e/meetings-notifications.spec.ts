import type { Browser, Page } from "@playwright/test";
import { expect, PERSONAS, test, type Persona } from "./fixtures/personas";
import { AgendaPage } from "./pages/agenda-page";
import { IssuePage } from "./pages/issue-page";
import { mailTo, type CapturedMail } from "./pages/mail-capture";
import {
  NotificationsPage,
  notificationsLink,
  SettingsPage,
  unreadInHeader,
} from "./pages/notifications-page";
import { openAs, pageAs, signIn, stamp } from "./pages/session";
import { api, applyViaApi, fileIssueViaApi } from "./pages/trpc";
import { expectNoSeriousViolations } from "./pages/axe";

/** The demo data's upcoming meeting, whose IOTOPS session already has one item. */
const MEETING = 999;
/** The mail worker of each app server delivers the outbox every 5 s. */
const WORKER_INTERVAL_MS = 5_000;
/** How long to wait for an e-mail to arrive. */
const MAIL_TIMEOUT_MS = 20_000;

const PROBLEM =
  "Gateways in our building networks keep stale firmware because the update window is never agreed with the tenants; we need an operational practice for scheduling updates.";

test.describe.configure({ mode: "serial" });

/** File an issue as the contributor and, as the IOTOPS chair, move it to discussion. */
async function issueInDiscussion(browser: Browser, title: string): Promise<number> {
  const contributor = await pageAs(browser, "contributor");
  const id = await fileIssueViaApi(contributor, { title, problemStatement: PROBLEM });
  await contributor.context().close();
  const chair = await pageAs(browser, "chair");
  await applyViaApi(chair, id, { type: "start-discussion" });
  await chair.context().close();
  return id;
}

/** Wait until the capture server holds a message to `who` whose subject has every part. */
async function waitForMail(who: Persona, ...parts: string[]): Promise<CapturedMail> {
  await expect
    .poll(async () => (await mailTo(PERSONAS[who], ...parts)).length, {
      message: `an e-mail to ${PERSONAS[who]} about ${parts.join(" / ")}`,
      timeout: MAIL_TIMEOUT_MS,
      intervals: [500],
    })
    .toBeGreaterThan(0);
  return (await mailTo(PERSONAS[who], ...parts))[0]!;
}

/** Filled in by the first two tests, checked on the outbox by the third. */
const sent: { to: string; subject: string }[] = [];
let unwatchedIssue = 0;
/** Who stopped watching it: the worker's own participant. */
let mutedWatcher = "";

test("an IOTOPS chair builds, publishes and exports an agenda; the minutes send the issue to the AD", async ({
  page,
  browser,
  baseURL,
}) => {
  sent.length = 0;
  const title = `Agreeing update windows for building gateways ${stamp()}`;
  const id = await issueInDiscussion(browser, title);

  // The AD's unread count before anything happens at the meeting.
  const adPage = await openAs(browser, "ad", "/");
  const unreadBefore = await unreadInHeader(adPage);

  // The chair finds the session from /meetings and puts the issue on its agenda.
  await signIn(page, "chair");
  const agenda = new AgendaPage(page);
  await agenda.openFromMeetings(MEETING, "iotops");
  await expect(agenda.editor).toBeVisible();
  await expect(page.getByText("Draft agenda, not yet published")).toBeVisible();
  const before = await agenda.order();
  expect(before.length, "the demo session already has an item").toBeGreaterThan(0);
  expect(before).not.toContain(id);
  await agenda.add(id, title, "Dana Operator", 10);
  expect(await agenda.order()).toEqual([...before, id]);
  await expect(agenda.item(id)).toContainText("Dana Operator · 10 minutes");
  await expect(agenda.item(id)).toContainText("State: In discussion");

  // Reorder: up, down, and up again. The last item cannot go down, the first not up.
  await expect(agenda.moveButton(id, "down")).toBeDisabled();
  await agenda.move(id, "up");
  await agenda.move(id, "down");
  await agenda.move(id, "up");
  const order = await agenda.order();
  const position = order.indexOf(id);
  expect(position).toBe(before.length - 1);
  const next = order[position + 1]!;
  await expect(agenda.moveButton(order[0]!, "up")).toBeDisabled();
  await expect(agenda.moveButton(order.at(-1)!, "down")).toBeDisabled();

  // Publish.
  const sessionPath = new URL(page.url()).pathname;
  await agenda.publishButton.click();
  await expect(agenda.status("Agenda published; watchers have been notified.")).toBeVisible();
  await expect(page.getByText(/^Published /)).toBeVisible();
  await expect(
    agenda.editor.getByRole("button", { name: "Publish the agenda again" }),
  ).toBeVisible();
  await page.getByRole("link", { name: `IETF ${MEETING}`, exact: true }).click();
  await expect(
    page
      .getByRole("region", { name: "Sessions" })
      .getByRole("listitem")
      .filter({ hasText: "(IOTOPS)" }),
  ).toContainText("agenda published");
  await page.goto(sessionPath);
  await expect(agenda.editor).toBeVisible();

  // Export as Markdown and as plain text, through the page's links.
  const mdRes = await page.request.get((await agenda.markdownLink.getAttribute("href"))!);
  expect(mdRes.status()).toBe(200);
  expect(mdRes.headers()["content-type"]).toContain("text/markdown");
  const md = await mdRes.text();
  expect(md).toContain(`# IOT Operations (IOTOPS) agenda, IETF ${MEETING}`);
  const mdLine = md.split("\n").find((l) => l.includes(`[#${id}]`));
  expect(mdLine, "the Markdown lists the new item").toBe(
    `${position + 1}. **${title}** ([#${id}](${baseURL}/issues/${id})) — Dana Operator, 10 min (5 presenting)`,
  );
  expect(md.indexOf(`[#${id}]`)).toBeLessThan(md.indexOf(`[#${next}]`));
  for (const other of order) expect(md).toContain(`([#${other}](${baseURL}/issues/${other}))`);

  const txtRes = await page.request.get((await agenda.textLink.getAttribute("href"))!);
  expect(txtRes.status()).toBe(200);
  expect(txtRes.headers()["content-type"]).toContain("text/plain");
  const txt = await txtRes.text();
  const lines = txt.split("\n");
  expect(lines[0]).toBe("IOT Operations (IOTOPS)");
  expect(lines[1]).toBe(`IETF ${MEETING} - Demo City`);
  expect(lines[2]).toMatch(/^\d{4}-\d{2}-\d{2} 13:00–14:30 UTC - Room 2$/);
  expect(lines).toContain("Agenda");
  const n = String(position + 1).padStart(2, " ");
  const at = lines.indexOf(`${n}.  10 min  ${title} (#${id})`);
  expect(at, "the text lists the new item in IETF agenda style").toBeGreaterThan(0);
  expect(lines[at + 1]).toBe(`${" ".repeat(14)}Dana Operator`);
  expect(txt).toMatch(/\nTotal: \d+ min\n/);
  expect(txt.indexOf(`(#${id})`)).toBeLessThan(txt.indexOf(`(#${next})`));
  expect(txtRes.headers()["content-disposition"]).toMatch(/^inline; filename="[^"]+\.txt"$/);

  // The download links offer the same files as attachments.
  const dl = page.getByRole("link", { name: "text file", exact: true });
  const download = page.waitForEvent("download");
  await dl.click();
  expect((await download).suggestedFilename()).toMatch(/^ietf-\d+-session-\d+-agenda\.txt$/);
  const mdFile = await page.request.get(
    (await page.getByRole("link", { name: "Markdown file", exact: true }).getAttribute("href"))!,
  );
  expect(mdFile.headers()["content-disposition"]).toMatch(/^attachment; filename="[^"]+\.md"$/);
  expect(await mdFile.text()).toBe(md);

  // Opened in the browser, the plain text export loads without any failed request
  // (browsers ask for /favicon.ico on such pages).
  const failed: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  await page.goto((await agenda.textLink.getAttribute("href"))!);
  const icon = await page.request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  expect(failed).toEqual([]);
  page.removeAllListeners("response");
  await page.goto(sessionPath);
  await expect(agenda.editor).toBeVisible();

  // Minutes with the recommendation: the issue goes to the AD.
  const form = agenda.minutesForm(id);
  await form
    .getByLabel(`Minutes for #${id}`, { exact: true })
    .fill("Room agreed SUIT should look at scheduling in its deployment guidance.");
  await form.getByRole("checkbox", { name: /^Also record the dispatch recommendation/ }).check();
  await form.getByLabel(`Target group for #${id}`, { exact: true }).fill("suit");
  await form
    .getByLabel(`Charter item for #${id}`, { exact: true })
    .selectOption({ label: "Firmware update" });
  await form
    .getByLabel(`Rationale for #${id}`, { exact: true })
    .fill("Update scheduling belongs with SUIT's firmware update work.");
  await form.getByRole("button", { name: "Save minutes" }).click();
  await expect(agenda.status("Minutes recorded.")).toBeVisible();
  await expect(agenda.item(id)).toContainText("State: AD review");
  await expect(agenda.item(id)).toContainText("Minutes: Room agreed SUIT should look");
  const issue = new IssuePage(page);
  await issue.goto(id);
  await expect(issue.state("AD review")).toBeVisible();
  await expect(issue.history).toContainText("Recorded the dispatch recommendation:");

  // The OPS AD sees it in the header and on /notifications...
  await adPage.reload();
  await expect
    .poll(() => unreadInHeader(adPage), { message: "the AD's unread count went up" })
    .toBeGreaterThan(unreadBefore);
  await notificationsLink(adPage).click();
  await expect(adPage.getByRole("heading", { level: 1 })).toHaveText("Notifications");
  const review = new NotificationsPage(adPage)
    .aboutIssue(id)
    .filter({ hasText: "OPS AD review requested:" });
  await expect(review).toHaveCount(1);
  await expect(review).toContainText(title);
  await expect(review).toContainText("unread");

  // ...and by e-mail, through the mail worker and the SMTP server.
  const mail = await waitForMail("ad", `#${id} ${title}`, "AD review requested");
  expect(mail.subject).toMatch(new RegExp(`^OPS AD review requested: #${id} `));
  expect(mail.text).toContain("Recommended -> AD review");
  expect(mail.messageId).toMatch(/^<event-\d+\.person-\d+@iotops-dispatch>$/);
  expect(mail.text).toContain("A recommendation awaits area director review:");
  expect(mail.text).toContain(`${baseURL}/issues/${id}`);
  expect(mail.text).toContain(`${baseURL}/settings`);
  sent.push({ to: PERSONAS.ad, subject: mail.subject! });

  // Following the notification opens the issue and marks the notification read.
  await review.getByRole("link").click();
  await expect(new IssuePage(adPage).heading).toContainText(`#${id} `);
  await expect(new IssuePage(adPage).state("AD review")).toBeVisible();
  await expect
    .poll(async () => {
      await adPage.goto("/notifications");
      return review.innerText();
    })
    .not.toContain("unread");
  await adPage.context().close();
});

test("a watcher who stops watching an issue hears nothing more about it", async ({
  browser,
  participant,
  participantPage: contributor,
}) => {
  // The worker's own participant files the issue: the header's unread count below is
  // theirs alone, which tests in another worker never change.
  const title = `Muted watcher: sensor clock drift after updates ${stamp()}`;
  mutedWatcher = participant.email;
  const id = await fileIssueViaApi(contributor, { title, problemStatement: PROBLEM });
  unwatchedIssue = id;

  // The submitter watches it automatically, and stops on /settings.
  const settings = new SettingsPage(contributor);
  await settings.goto();
  const row = settings.issueRow(id);
  await expect(row).toContainText("Automatic");
  await expect(row).toContainText("Watching");
  await row.getByRole("button", { name: `Stop watching Issue #${id}`, exact: true }).click();
  await expect(row).toContainText("Stopped");
  await expect(
    row.getByRole("button", { name: `Watch Issue #${id} again`, exact: true }),
  ).toBeVisible();
  // The issue page agrees.
  await contributor.goto(`/issues/${id}`);
  await expect(contributor.getByRole("button", { name: "Watch", exact: true })).toHaveAttribute(
    "aria-pressed",
    "false",
  );
  const unreadBefore = await unreadInHeader(contributor);

  // The control below needs a watcher who is e-mailed about this activity: the secretariat
  // watches the issue with the Watch button's call, and watched items are mailed at once by
  // default. (No one's delivery choice changes: another worker's test sets the AD's.)
  const secretariat = await pageAs(browser, "secretariat");
  await api(secretariat).notification.setWatch.mutate({
    subjectType: "issue",
    subjectKey: String(id),
    active: true,
  });
  await secretariat.context().close();

  // The chair changes the issue's state.
  const chair = await pageAs(browser, "chair");
  await applyViaApi(chair, id, { type: "start-discussion" });
  await chair.context().close();
  const changedAt = Date.now();

  // Control: another watcher (the secretariat) is e-mailed...
  const control = await waitForMail("secretariat", `#${id} ${title}`, "is in discussion");
  sent.push({ to: PERSONAS.secretariat, subject: control.subject! });
  // ...and after at least two more worker cycles, still nothing to the contributor.
  const waited = Date.now() - changedAt;
  await contributor.waitForTimeout(Math.max(0, 2 * WORKER_INTERVAL_MS + 1_000 - waited));
  expect(await mailTo(participant.email, `#${id} ${title}`)).toEqual([]);

  // No notification either.
  const notifications = new NotificationsPage(contributor);
  await notifications.goto();
  await expect(notifications.aboutIssue(id)).toHaveCount(0);
  expect(await unreadInHeader(contributor)).toBe(unreadBefore);
});

test("the secretariat sees those e-mails as sent in the outbox", async ({ browser }) => {
  expect(sent, "the earlier tests sent e-mail").toHaveLength(2);
  const page = await openAs(browser, "secretariat", "/admin/outbox");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Outbox");
  const messages = page.getByRole("list", { name: "Messages" });
  for (const m of sent) {
    const row = messages
      .getByRole("listitem")
      .filter({ hasText: `To ${m.to} ·` })
      .filter({ has: page.getByText(m.subject, { exact: true }) });
    await expect(row).toHaveCount(1);
    await expect(row.getByText("sent", { exact: true })).toBeVisible();
    await expect(row).toContainText(" · 1 attempt");
    await expect(row).not.toContainText("last error");
  }
  // Nothing was ever written for the watcher who stopped watching.
  await expect(
    messages
      .getByRole("listitem")
      .filter({ hasText: `To ${mutedWatcher} ·` })
      .filter({ hasText: `#${unwatchedIssue} ` }),
  ).toHaveCount(0);
  await page.context().close();
});

test("meetings, notifications and settings pages have no serious accessibility violations", async ({
  browser,
}) => {
  const pages: { who: Persona | null; path: string; ready: (p: Page) => Promise<void> }[] = [
    {
      who: null,
      path: "/meetings",
      ready: (p) => expect(p.getByRole("table", { name: "Meetings" })).toBeVisible(),
    },
    {
      who: "chair",
      path: `/meetings/${MEETING}`,
      ready: (p) => expect(p.getByRole("region", { name: "Sessions" })).toBeVisible(),
    },
    {
      who: "ad",
      path: "/notifications",
      ready: (p) => expect(p.getByRole("list", { name: "Notifications" })).toBeVisible(),
    },
    {
      who: "contributor",
      path: "/settings",
      ready: (p) => expect(p.getByRole("table", { name: "Watched items" })).toBeVisible(),
    },
  ];
  for (const { who, path, ready } of pages) {
    await test.step(path, async () => {
      const page = await openAs(browser, who, path);
      await ready(page);
      await expectNoSeriousViolations(page);
      await page.context().close();
    });
  }
  await test.step("the IOTOPS session, as its chair", async () => {
    const page = await pageAs(browser, "chair");
    const agenda = new AgendaPage(page);
    await agenda.openFromMeetings(MEETING, "iotops");
    await expect(agenda.editor).toBeVisible();
    await expect(agenda.items).toBeVisible();
    await expectNoSeriousViolations(page);
    await page.context().close();
  });
});
