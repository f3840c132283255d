/**
 * Exports in the browser: the chair downloads the triage queue as CSV from the
 * keyboard and it parses with the queue's columns; a session's .ics parses to
 * the session's time in UTC; download links carry the page's filters.
 */
import { readFile } from "node:fs/promises";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import ICAL from "ical.js";
import { expectNoSeriousViolations } from "./pages/axe";
import { capturedMail } from "./pages/mail-capture";
import { openAs } from "./pages/session";

/** Press Tab until `target` has focus (at most `max` presses): it is reachable by keyboard. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  await page.locator("body").focus();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error("the link was not reached with the Tab key");
}

/** Activate a focused download link with Enter and read the file it saves. */
async function downloadWithEnter(page: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.keyboard.press("Enter"),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path!, "utf8") };
}

test("the chair downloads the triage queue as CSV with the queue's columns", async ({
  browser,
}) => {
  const page = await openAs(browser, "chair", "/triage");
  const csv = page.getByRole("link", { name: "Download the triage queue as CSV" });
  await expect(csv).toHaveAttribute("href", /^\/exports\/triage\?.*format=csv/);
  await expect(page.getByRole("link", { name: "Download the triage queue as JSON" })).toBeVisible();
  await tabTo(page, csv);
  const file = await downloadWithEnter(page);
  expect(file.name).toMatch(/^triage-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows: string[][] = parse(file.text);
  expect(rows[0]).toEqual([
    "Number",
    "Title",
    "State",
    "Charter item",
    "Suggested group",
    "Top candidate",
    "Readiness",
    "Confidential",
    "Area",
    "Submitter",
    "Responsible chair",
    "Filed",
    "Updated",
    "Link",
  ]);
  // The rows are the queue's: as many as the page lists (the demo queue fits on one page).
  const listed = await page.getByRole("table").first().locator("tbody tr").count();
  expect(rows.length - 1).toBe(listed);
  for (const row of rows.slice(1)) {
    expect(row).toHaveLength(14);
    expect(row[0]).toMatch(/^\d+$/);
  }
  await expectNoSeriousViolations(page);
  await page.context().close();
});

test("a session's .ics holds the session at its time in UTC", async ({ browser }) => {
  const page = await openAs(browser, null, "/meetings/999");
  // The demo meeting's IOTOPS session starts at 13:00 on the first day, in UTC, for 90 minutes.
  await expect(page.getByRole("heading", { level: 1, name: "IETF 999" })).toBeVisible();
  const main = await page.getByRole("main").innerText();
  const firstDay = /(\d{4}-\d{2}-\d{2}) to \d{4}-\d{2}-\d{2}/.exec(main)?.[1];
  expect(firstDay).toBeTruthy();
  const link = page.getByRole("link", { name: "Add the IOTOPS session to your calendar (.ics)" });
  await tabTo(page, link);
  const file = await downloadWithEnter(page);
  expect(file.name).toMatch(/^ietf-999-iotops-session-\d+\.ics$/);
  const events = new ICAL.Component(ICAL.parse(file.text))
    .getAllSubcomponents("vevent")
    .map((v) => new ICAL.Event(v));
  expect(events).toHaveLength(1);
  expect(events[0]!.startDate.toJSDate().toISOString()).toBe(`${firstDay}T13:00:00.000Z`);
  expect(events[0]!.endDate.toJSDate().toISOString()).toBe(`${firstDay}T14:30:00.000Z`);
  await expect(
    page.getByRole("link", { name: "Add these dates to your calendar (.ics)" }),
  ).toHaveAttribute("href", "/exports/meetings/999/dates.ics");
  await expectNoSeriousViolations(page);
  await page.context().close();
});

test("download links carry the filters on screen", async ({ browser }) => {
  const page = await openAs(browser, null, "/issues?state=submitted&sort=oldest");
  const csv = page.getByRole("link", { name: "Download these issues as CSV" });
  const href = new URL((await csv.getAttribute("href"))!, "http://x");
  expect(href.pathname).toBe("/exports/issues");
  expect(Object.fromEntries(href.searchParams)).toEqual({
    state: "submitted",
    sort: "oldest",
    format: "csv",
  });
  // The same link, fetched: only submitted issues.
  const res = await page.request.get(`/exports/issues?state=submitted&format=json`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { items: { state: string }[] };
  expect(body.items.every((i) => i.state === "submitted")).toBe(true);
  // A hostile filter is a clear 400, not a 500.
  expect((await page.request.get("/exports/issues?state=%00")).status()).toBe(400);
  await page.goto("/report?from=2020-01-01&to=2040-12-31");
  await expect(page.getByRole("link", { name: "Download this report as JSON" })).toHaveAttribute(
    "href",
    "/exports/report?from=2020-01-01&to=2040-12-31&format=json",
  );
  await page.context().close();
});

test("a notification e-mail's unsubscribe link opens a working confirmation page", async ({
  browser,
}) => {
  // The demo data's notifications are delivered to the capture server when the app starts.
  let link = "";
  await expect
    .poll(
      async () => {
        const mail = (await capturedMail()).find((m) => m.listUnsubscribe);
        link = mail?.listUnsubscribe?.slice(1, -1) ?? "";
        return link;
      },
      { timeout: 30_000 },
    )
    .toMatch(/\/unsubscribe\/one-click\?token=\d+\./);
  const page = await openAs(browser, null, new URL(link).pathname + new URL(link).search);
  // A GET never unsubscribes: it shows the page with the button that does.
  await expect(page).toHaveURL(/\/unsubscribe\?token=/);
  await expect(
    page.getByRole("heading", { level: 1, name: "Stop e-mail from IOTOPS Dispatch" }),
  ).toBeVisible();
  const button = page.getByRole("button", { name: "Stop e-mail" });
  await tabTo(page, button);
  await expectNoSeriousViolations(page);
  // A link that was not signed here is a 404, not a page that pretends.
  const forged = await page.request.get(
    "/unsubscribe?token=1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
  );
  expect(forged.status()).toBe(404);
  await page.context().close();
});

test("the chair saves a session's time from the keyboard and the page says so", async ({
  browser,
}) => {
  const page = await openAs(browser, "chair", "/meetings/999");
  await page
    .getByRole("link", { name: /\(IOTOPS\)$/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 2, name: "Session time" })).toBeVisible();
  const start = page.getByLabel("Starts (UTC time)");
  // The form shows the session's current start in the meeting's zone.
  await expect(start).toHaveValue(/^\d{4}-\d{2}-\d{2}T13:00$/);
  await expect(page.getByLabel("Length (minutes)")).toHaveValue("90");
  const save = page.getByRole("button", { name: "Save time" });
  await tabTo(page, save);
  await page.keyboard.press("Enter");
  const status = page.getByRole("status").filter({ hasText: "Session time saved." });
  await expect(status).toBeVisible();
  await expect(status).toBeFocused();
  await expectNoSeriousViolations(page);
  await page.context().close();
});
