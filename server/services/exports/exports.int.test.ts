/**
 * Exports end to end through their route handlers: the files they send (CSV that
 * parses with neutralised cells, JSON, iCalendar at the right UTC times), who
 * gets what, hostile parameters answered with a 4xx, paging with a cap, and the
 * data migration's reading of the old free-text session times. The per-role
 * confidentiality of every export and feed is in the confidentiality sweep.
 */
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { queryRows } from "~/db/rows";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { z } from "zod";
import { driveTo, file, intake, makeCast, type Cast } from "../issues/test-fixtures";
import { changeAgenda } from "../meetings/agenda";
import { createMeeting, createSession } from "../meetings/meetings";
import { setWatch } from "../notifications/watches";
import { editIssue } from "../issues/edit-issue";
import { findIssues } from "../issues/find-issues";
import { issueBatches } from "./export-issues";

const context = vi.hoisted(() => ({ current: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("~/server/api/context", () => ({ createContext: async () => context.current }));

const { GET: issuesRoute } = await import("~/app/exports/issues/route");
const { GET: triageRoute } = await import("~/app/exports/triage/route");
const { GET: reportRoute } = await import("~/app/exports/report/route");
const { GET: groupDocsRoute } = await import("~/app/exports/groups/[acronym]/documents/route");
const { GET: datesRoute } = await import("~/app/exports/meetings/[number]/dates.ics/route");
const { GET: sessionRoute } = await import("~/app/exports/sessions/[file]/route");
const { GET: mySessionsRoute } = await import("~/app/exports/my-sessions.ics/route");
const { GET: documentFeedRoute } = await import("~/app/feeds/documents/[name]/route");

let t: TestDatabase;
let cast: Cast;
let iotopsSession: number;
let suitSession: number;
let tbaSession: number;
let formulaIssue: number;
let secret: number;

const FORMULA_TITLE = '=HYPERLINK("http://evil.example","Gateway firmware rollback")';

const params = <T>(p: T) => ({ params: Promise.resolve(p) });
const req = (path: string) => new Request(`http://localhost${path}`);

/** A route's answer as `actor`. */
async function as(actor: MaybeActor, get: () => Promise<Response>) {
  context.current = { db: t.db, dbMode: t.mode, actor, requestId: "t" };
  try {
    const res = await get();
    return { status: res.status, headers: res.headers, body: await res.text() };
  } finally {
    context.current = null;
  }
}

/** The events of an iCalendar text, as (uid, summary, start, end) in UTC. */
function events(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return cal.getAllSubcomponents("vevent").map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      summary: e.summary,
      start: e.startDate.isDate ? e.startDate.toString() : e.startDate.toJSDate().toISOString(),
      end: e.endDate.isDate ? e.endDate.toString() : e.endDate.toJSDate().toISOString(),
      utc: e.startDate.isDate || e.startDate.zone?.tzid === "UTC",
      description: e.description ?? "",
    };
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  cast = await makeCast(t.db);
  await createMeeting(t.db, cast.secretariat, {
    number: 131,
    venue: "Vienna",
    timeZone: "Europe/Vienna",
    startDate: "2031-03-15",
    endDate: "2031-03-21",
  });
  const session = (group: string, startsAt: string, durationMinutes: number) =>
    createSession(t.db, cast.secretariat, {
      meetingNumber: 131,
      group,
      startsAt,
      durationMinutes,
      room: "Hall C",
    }).then((r) => r.id);
  // Vienna is on CET (UTC+1) in March 2031 until the 30th.
  iotopsSession = await session("iotops", "2031-03-17 09:00", 120);
  suitSession = await session("suit", "2031-03-18T14:30", 60);
  tbaSession = await session("iotops", "", 60);
  formulaIssue = await file(t.db, cast.alice, { title: FORMULA_TITLE });
  await driveTo(t.db, cast, formulaIssue, "in-discussion");
  await changeAgenda(t.db, cast.iotopsChair, {
    op: "add",
    sessionId: iotopsSession,
    expectedVersion: 1,
    issueId: formulaIssue,
    presenter: "Alice",
    minutesRequested: 10,
  });
  secret = await file(t.db, cast.alice, { title: "Quokka gateway secret", confidential: true });
  await driveTo(t.db, cast, secret, "in-discussion");
  await file(t.db, cast.bob, { title: "Thread commissioning at scale" });
  await file(t.db, cast.bob, { title: "SBOM retrieval over CoAP" });
  await setWatch(t.db, cast.bob, { subjectType: "group", subjectKey: "suit", active: true });
}, 120_000);
afterAll(async () => t?.destroy());

describe(`CSV and JSON exports on ${testDbKind()}`, () => {
  it("sends the triage queue as a CSV attachment with the queue's columns, neutralised", async () => {
    const r = await as(cast.iotopsChair, () =>
      triageRoute(req("/exports/triage?format=csv&state=in-discussion&sort=oldest")),
    );
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(r.headers.get("content-disposition")).toMatch(
      /^attachment; filename="triage-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(r.headers.get("cache-control")).toBe("private, no-store");
    const rows: string[][] = parse(r.body);
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
    // Oldest first: the formula-titled issue, then the confidential one (the chair may see it).
    expect(rows.slice(1).map((row) => [row[0], row[1], row[2], row[7]])).toEqual([
      [String(formulaIssue), `'${FORMULA_TITLE}`, "in-discussion", "false"],
      [String(secret), "Quokka gateway secret", "in-discussion", "true"],
    ]);
  });

  it("sends an empty list as a header row alone, or JSON with no items", async () => {
    const none = "/exports/issues?q=zyzzyvaquux";
    const csv = await as(null, () => issuesRoute(req(`${none}&format=csv`)));
    expect([csv.status, parse(csv.body).length]).toEqual([200, 1]);
    const json = await as(null, () => issuesRoute(req(`${none}&format=json`)));
    expect(JSON.parse(json.body)).toMatchObject({ items: [], count: 0, truncated: false });
  });

  it("gives the issue list to anyone, without the confidential issue for those barred", async () => {
    const ids = async (actor: MaybeActor) => {
      const r = await as(actor, () => issuesRoute(req("/exports/issues?format=json&sort=oldest")));
      expect(r.status).toBe(200);
      expect(r.headers.get("content-disposition")).toBe('attachment; filename="issues.json"');
      const body = JSON.parse(r.body) as { items: { id: number }[]; count: number };
      expect(body.count).toBe(body.items.length);
      return body.items.map((i) => i.id);
    };
    expect(await ids(null)).not.toContain(secret);
    expect(await ids(cast.bob)).not.toContain(secret);
    expect(await ids(cast.suitChair)).not.toContain(secret);
    expect(await ids(cast.alice)).toContain(secret);
    expect(await ids(cast.opsAd)).toContain(secret);
    expect((await ids(null)).length).toBe((await ids(cast.alice)).length - 1);
  });

  it("cuts a streamed file short when writing it fails, and stops reading when the client stops", async () => {
    const { downloadRoute } = await import("~/app/_trpc/download");
    const file = (body: AsyncIterable<string>) => async () => ({
      filename: "x.csv",
      contentType: "text/csv",
      body,
      truncated: false,
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      async function* failing() {
        yield "Number\r\n";
        throw new Error("the database went away");
      }
      const broken = await downloadRoute(file(failing()));
      expect(broken.status).toBe(200);
      await expect(broken.text()).rejects.toThrow("the database went away");
      expect(logged).toHaveBeenCalledTimes(1);
    } finally {
      logged.mockRestore();
    }
    let written = 0;
    let closed = false;
    async function* endless() {
      try {
        for (;;) {
          written++;
          yield "row\r\n";
        }
      } finally {
        closed = true;
      }
    }
    const res = await downloadRoute(file(endless()));
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("row\r\n");
    await reader.cancel();
    expect(closed).toBe(true);
    expect(written).toBeLessThan(5);
  });

  it("refuses the triage queue to everyone but the IOTOPS chairs and the secretariat", async () => {
    const status = async (actor: MaybeActor) =>
      (await as(actor, () => triageRoute(req("/exports/triage?format=csv")))).status;
    expect(await status(null)).toBe(401);
    for (const a of [cast.alice, cast.suitChair, cast.opsAd]) expect(await status(a)).toBe(403);
    for (const a of [cast.iotopsChair, cast.secretariat]) expect(await status(a)).toBe(200);
  });

  it("reads the list in batches with a cap, and says up front when it cut it", async () => {
    const idsOf = async (r: { batches: AsyncIterable<{ id: number }[]> }) => {
      const ids: number[][] = [];
      for await (const batch of r.batches) ids.push(batch.map((i) => i.id));
      return ids;
    };
    const all = await issueBatches(t.db, cast.secretariat, { sort: "oldest" });
    expect(all.truncated).toBe(false);
    const allIds = (await idsOf(all)).flat();
    const oldest = await findIssues(t.db, cast.secretariat, { sort: "oldest", limit: 100 });
    expect(allIds).toEqual(oldest.items.map((i) => i.id));
    const single = await issueBatches(t.db, cast.secretariat, { sort: "oldest" }, { batchSize: 1 });
    const singles = await idsOf(single);
    expect(singles.every((b) => b.length === 1)).toBe(true);
    expect(singles.flat()).toEqual(allIds);
    const cut = await issueBatches(
      t.db,
      cast.secretariat,
      { sort: "oldest" },
      { batchSize: 2, cap: 3 },
    );
    expect([await idsOf(cut), cut.truncated]).toEqual([
      [allIds.slice(0, 2), allIds.slice(2, 3)],
      true,
    ]);
    const exact = await issueBatches(
      t.db,
      cast.secretariat,
      { sort: "oldest" },
      { cap: allIds.length },
    );
    expect(exact.truncated).toBe(false);
  });

  it("leaves out an issue made confidential after the download started, for those barred", async () => {
    const late = await file(t.db, cast.alice, { title: "Turned confidential mid-download" });
    const read = async (actor: MaybeActor) => {
      const r = await issueBatches(t.db, actor, { sort: "newest" }, { batchSize: 1 });
      const it = r.batches[Symbol.asyncIterator]();
      const first = await it.next();
      return { first: first.done ? [] : first.value.map((i) => i.id), it };
    };
    // The newest issue is read first; the next one is turned confidential before its batch.
    const anon = await read(null);
    const owner = await read(cast.alice);
    expect(anon.first).toEqual([late]);
    const next = await findIssues(t.db, null, { sort: "newest", limit: 2 });
    const { id: victim, title: victimTitle } = next.items[1]!;
    const [row] = await queryRows(
      t.db,
      sql`select version from issues where id = ${victim}`,
      z.object({ version: z.coerce.number() }),
    );
    await editIssue(t.db, cast.bob, {
      issueId: victim,
      expectedVersion: row!.version,
      fields: intake({ title: victimTitle, confidential: true }),
    });
    const rest = async (it: AsyncIterator<{ id: number }[]>) => {
      const ids: number[] = [];
      for (let n = await it.next(); !n.done; n = await it.next())
        ids.push(...n.value.map((i) => i.id));
      return ids;
    };
    expect(await rest(anon.it)).not.toContain(victim);
    // The submitter still sees it.
    const bobs = await issueBatches(t.db, cast.bob, { sort: "newest" });
    const bobIds: number[] = [];
    for await (const b of bobs.batches) bobIds.push(...b.map((i) => i.id));
    expect(bobIds).toContain(victim);
    expect(await rest(owner.it)).not.toContain(victim);
    // Public again, for the tests that follow.
    await editIssue(t.db, cast.bob, {
      issueId: victim,
      expectedVersion: row!.version + 1,
      fields: intake({ title: victimTitle, confidential: false }),
    });
  });

  it("sends the report and a group's documents", async () => {
    const report = await as(null, () =>
      reportRoute(req("/exports/report?format=csv&from=2020-01-01&to=2040-12-31")),
    );
    expect(report.status).toBe(200);
    expect(report.headers.get("content-disposition")).toBe(
      'attachment; filename="dispatch-report-2020-01-01-to-2040-12-31.csv"',
    );
    expect(parse(report.body)[0]).toEqual(["Breakdown", "Key", "Outcome kind", "Dispatched"]);
    const docs = await as(null, () =>
      groupDocsRoute(
        req("/exports/groups/iotops/documents?format=json"),
        params({ acronym: "iotops" }),
      ),
    );
    expect(docs.status).toBe(200);
    expect(JSON.parse(docs.body)).toMatchObject({ group: "iotops", truncated: false });
  });

  it.each([
    ["issues: an unknown format", () => issuesRoute(req("/exports/issues?format=xml")), 400],
    ["issues: an unknown state", () => issuesRoute(req("/exports/issues?state=bogus")), 400],
    [
      "issues: a chair out of range",
      () => issuesRoute(req("/exports/issues?chair=2147483648")),
      400,
    ],
    ["issues: a negative age", () => issuesRoute(req("/exports/issues?minAge=-1")), 400],
    ["issues: a NUL in the search", () => issuesRoute(req("/exports/issues?q=a%00b")), 400],
    ["issues: a huge search", () => issuesRoute(req(`/exports/issues?q=${"x".repeat(5000)}`)), 400],
    [
      "issues: the sort given twice",
      () => issuesRoute(req("/exports/issues?sort=oldest&sort=newest")),
      400,
    ],
    ["issues: chair=me, signed out", () => issuesRoute(req("/exports/issues?chair=me")), 400],
    [
      "issues: too many parameters",
      () =>
        issuesRoute(
          req(`/exports/issues?${Array.from({ length: 50 }, (_, i) => `k${i}=1`).join("&")}`),
        ),
      400,
    ],
    [
      "issues: odd keys are no filter",
      () => issuesRoute(req("/exports/issues?__proto__=x&toString=y&constructor=z")),
      200,
    ],
    [
      "report: a day that does not exist",
      () => reportRoute(req("/exports/report?from=2020-02-31")),
      400,
    ],
    [
      "report: from after to",
      () => reportRoute(req("/exports/report?from=2021-01-02&to=2021-01-01")),
      400,
    ],
    ["report: not a date", () => reportRoute(req("/exports/report?to=yesterday")), 400],
    [
      "documents: a malformed acronym",
      () => groupDocsRoute(req("/x"), params({ acronym: "io%00tops" })),
      400,
    ],
    [
      "documents: no such group",
      () => groupDocsRoute(req("/x"), params({ acronym: "nosuchwg" })),
      404,
    ],
    [
      "dates: a meeting out of range",
      () => datesRoute(req("/x"), params({ number: "99999" })),
      400,
    ],
    ["dates: no such meeting", () => datesRoute(req("/x"), params({ number: "998" })), 404],
    ["dates: not a number", () => datesRoute(req("/x"), params({ number: "toString" })), 404],
    [
      "session: id too large",
      () => sessionRoute(req("/x"), params({ file: "2147483648.ics" })),
      404,
    ],
    ["session: no .ics", () => sessionRoute(req("/x"), params({ file: "1" })), 404],
    [
      "session: no such session",
      () => sessionRoute(req("/x"), params({ file: "999999.ics" })),
      404,
    ],
    ["my sessions: signed out", () => mySessionsRoute(), 401],
    ["document feed: NUL", () => documentFeedRoute(req("/x"), params({ name: "a%00b" })), 404],
    [
      "document feed: no such document",
      () => documentFeedRoute(req("/x"), params({ name: "draft-nope" })),
      404,
    ],
  ])("%s answers %i", async (_what, get, status) => {
    const r = await as(null, get);
    expect(r.status, r.body).toBe(status);
    if (status >= 400) expect(r.body.length).toBeLessThan(400);
  });
});

describe(`iCalendar exports on ${testDbKind()}`, () => {
  it("sends a session at its start and end in UTC, with its public agenda", async () => {
    const r = await as(null, () =>
      sessionRoute(req("/x"), params({ file: `${iotopsSession}.ics` })),
    );
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(r.headers.get("content-disposition")).toBe(
      `attachment; filename="ietf-131-iotops-session-${iotopsSession}.ics"`,
    );
    const [e, ...rest] = events(r.body);
    expect(rest).toEqual([]);
    expect(e).toMatchObject({
      summary: "IOTOPS session, IETF 131",
      start: "2031-03-17T08:00:00.000Z",
      end: "2031-03-17T10:00:00.000Z",
      utc: true,
    });
    expect(e!.description).toContain(`#${formulaIssue} ${FORMULA_TITLE}`);
    expect(r.body).toMatch(/DTSTART:20310317T080000Z/);
  });

  it("answers 409 for a session whose time is still to be announced, 200 for the others", async () => {
    const r = await as(null, () => sessionRoute(req("/x"), params({ file: `${tbaSession}.ics` })));
    expect(r.status).toBe(409);
    // Another session of the meeting, given with a "T" and an hour and a half later in UTC+1.
    const suit = await as(null, () =>
      sessionRoute(req("/x"), params({ file: `${suitSession}.ics` })),
    );
    expect(events(suit.body).map((e) => [e.start, e.end])).toEqual([
      ["2031-03-18T13:30:00.000Z", "2031-03-18T14:30:00.000Z"],
    ]);
  });

  it("sends a meeting's important dates as all-day events", async () => {
    const r = await as(null, () => datesRoute(req("/x"), params({ number: "131" })));
    expect(r.status).toBe(200);
    const byUid = Object.fromEntries(events(r.body).map((e) => [e.uid.split("@")[0], e]));
    // The I-D cut-off is 12 days before the first day (Datatracker default offsets).
    expect(byUid["ietf-131-idcutoff"]).toMatchObject({ start: "2031-03-03", end: "2031-03-04" });
    expect(byUid["ietf-131-meeting"]).toMatchObject({
      summary: "IETF 131 (Vienna)",
      start: "2031-03-15",
      end: "2031-03-22",
    });
  });

  it("sends each person the sessions of groups they chair or watch, or where their issue is on the agenda", async () => {
    const mine = async (actor: MaybeActor) => {
      const r = await as(actor, () => mySessionsRoute());
      expect(r.status).toBe(200);
      return events(r.body).map((e) => [e.summary, e.start]);
    };
    const iotops = ["IOTOPS session, IETF 131", "2031-03-17T08:00:00.000Z"];
    const suit = ["SUIT session, IETF 131", "2031-03-18T13:30:00.000Z"];
    expect(await mine(cast.iotopsChair)).toEqual([iotops]);
    expect(await mine(cast.suitChair)).toEqual([suit]);
    expect(await mine(cast.bob)).toEqual([suit]);
    expect(await mine(cast.alice)).toEqual([iotops]);
    expect(await mine(cast.opsAd)).toEqual([]);
  });
});

describe(`reading the old free-text session times on ${testDbKind()}`, () => {
  it.each([
    ["2031-03-17 09:00", "Europe/Vienna", "2031-03-17T08:00:00.000Z"],
    ["2020-11-16T13:00", "Asia/Bangkok", "2020-11-16T06:00:00.000Z"],
    ["  2026-07-20 09:30:15 ", "UTC", "2026-07-20T09:30:15.000Z"],
    ["2026-02-30 09:00", "UTC", null],
    ["2026-01-01 25:00", "UTC", null],
    ["Monday afternoon", "UTC", null],
    ["", "UTC", null],
    ["2026-01-01 09:00", "Not/AZone", null],
  ])("%j in %s is %s", async (note, zone, expected) => {
    const [row] = await queryRows(
      t.db,
      sql`select legacy_session_start(${note}, ${zone}) as at`,
      z.object({ at: z.union([z.date(), z.string(), z.null()]) }),
    );
    const at = row!.at === null ? null : new Date(row!.at).toISOString();
    expect(at).toBe(expected);
  });
});
