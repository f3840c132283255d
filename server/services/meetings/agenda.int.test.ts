/**
 * Meetings, sessions and agendas: who may change them, the version check, the
 * events and e-mail they cause, the exports, and minutes that record a dispatch
 * recommendation through the issue transition service.
 */
import { TRPCError } from "@trpc/server";
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  agendaItems,
  events,
  issues,
  meetings,
  notifications,
  outbox,
  sessions,
} from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { agendaCutoff } from "~/server/domain/meetings/agenda";
import type { Actor } from "~/server/domain/permissions/actor";
import { editIssue } from "~/server/services/issues/edit-issue";
import {
  act,
  driveTo,
  file,
  intake,
  issueEvents,
  issueRow,
  SUIT_RECOMMENDATION,
} from "~/server/services/issues/test-fixtures";
import { makeCast, makePerson, type Cast } from "~/server/services/people/test-fixtures";
import { callerFor, expectDomainError } from "~/server/testing/calls";
import { setWatch } from "~/server/services/notifications/watches";
import { changeAgenda, exportAgenda, getSessionAgenda, recordMinutes } from "./agenda";
import { createMeeting, createSession, getMeeting, ZCreateMeeting } from "./meetings";
import { scheduleSession } from "./schedule-session";

let t: TestDatabase;
let cast: Cast;
/** Follows the IOTOPS group. */
let heidi: Actor;

const IETF = {
  number: 131,
  venue: "Vienna",
  timeZone: "Europe/Vienna",
  startDate: "2031-03-15",
  endDate: "2031-03-21",
};

async function maxEventId(): Promise<number> {
  const [r] = await t.db
    .select({ id: sql<number>`coalesce(max(${events.id}), 0)::int` })
    .from(events);
  return Number(r!.id);
}

async function eventsAfter(since: number) {
  return t.db.select().from(events).where(gt(events.id, since)).orderBy(asc(events.id));
}

beforeAll(async () => {
  t = await createTestDatabase();
  cast = await makeCast(t.db);
  heidi = await makePerson(t.db, "Heidi Group Follower");
  await setWatch(t.db, heidi, { subjectType: "group", subjectKey: "iotops", active: true });
});
afterAll(async () => t?.destroy());

describe(`meetings on ${testDbKind()}`, () => {
  it("the secretariat creates a meeting, with an event", async () => {
    const since = await maxEventId();
    expect(await createMeeting(t.db, cast.secretariat, IETF)).toEqual({ number: 131 });
    const [row] = await t.db.select().from(meetings).where(eq(meetings.number, 131));
    expect(row).toMatchObject(IETF);
    const evs = await eventsAfter(since);
    expect(evs).toHaveLength(1);
    expect(evs[0]).toMatchObject({
      subjectType: "meeting",
      subjectKey: "131",
      type: "meeting-created",
      actorId: cast.secretariat.personId,
      actorCapacity: "secretariat",
    });
  });

  it("nobody else may create one, and a number is used once", async () => {
    const other = { ...IETF, number: 132 };
    for (const a of [cast.iotopsChair, cast.opsAd, cast.bob]) {
      await expectDomainError(createMeeting(t.db, a, other), "FORBIDDEN");
    }
    await expectDomainError(createMeeting(t.db, null, other), "UNAUTHENTICATED");
    await expectDomainError(createMeeting(t.db, cast.secretariat, IETF), "CONFLICT", /IETF 131/);
    // The seeded IETF 109 too.
    const err = await expectDomainError(
      createMeeting(t.db, cast.secretariat, { ...IETF, number: 109 }),
      "CONFLICT",
    );
    expect(err.details).toMatchObject({ fieldErrors: { number: ["IETF 109 already exists."] } });
    expect(await t.db.select().from(meetings).where(eq(meetings.number, 132))).toEqual([]);
  });

  it("a bad time zone or date range is refused as a validation error", async () => {
    const tz = ZCreateMeeting.safeParse({ ...IETF, number: 133, timeZone: "Mars/Olympus_Mons" });
    expect(tz.success).toBe(false);
    expect(tz.error!.issues[0]).toMatchObject({ path: ["timeZone"] });
    const range = ZCreateMeeting.safeParse({ ...IETF, number: 133, endDate: "2031-03-14" });
    expect(range.success).toBe(false);
    expect(range.error!.issues[0]).toMatchObject({ path: ["endDate"] });

    const api = callerFor(t.db, t.mode, cast.secretariat);
    const err: unknown = await api.meeting
      .create({ ...IETF, number: 133, timeZone: "Mars/Olympus_Mons" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    // VALIDATION maps to BAD_REQUEST.
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
    expect(await t.db.select().from(meetings).where(eq(meetings.number, 133))).toEqual([]);
  });

  it("getMeeting gives the important dates, the I-D cut-off 12 days before the start", async () => {
    const m = await getMeeting(t.db, cast.secretariat, 131);
    expect(m.meeting.number).toBe(131);
    expect(m.canManage).toBe(true);
    const cutoff = m.dates.find((d) => d.slug === "idcutoff");
    expect(cutoff).toMatchObject({ day: "2031-03-03", offsetDays: -12 });
    const days = m.dates.map((d) => d.day);
    expect([...days].sort()).toEqual(days);
    expect((await getMeeting(t.db, cast.iotopsChair, 131)).canManage).toBe(false);
    await expectDomainError(getMeeting(t.db, null, 998), "NOT_FOUND");
  });
});

describe(`sessions on ${testDbKind()}`, () => {
  it("the secretariat or the group's chairs create sessions; nobody else", async () => {
    const since = await maxEventId();
    const bySecretariat = await createSession(t.db, cast.secretariat, {
      meetingNumber: 131,
      group: "suit",
      startsAt: "2031-03-16 13:00",
      room: "Hall A",
    });
    const byChair = await createSession(t.db, cast.iotopsChair, {
      meetingNumber: 131,
      group: "iotops",
      startsAt: "2031-03-17 09:30",
      room: "Room 1",
    });
    const evs = await eventsAfter(since);
    expect(evs.map((e) => [e.type, e.groupAcronym, e.actorCapacity])).toEqual([
      ["session-created", "suit", "secretariat"],
      ["session-created", "iotops", "chair/iotops"],
    ]);
    expect(evs[1]!.payload).toMatchObject({ sessionId: byChair.id });

    const iotops = { meetingNumber: 131, group: "iotops", startsAt: "", room: "" };
    await expectDomainError(createSession(t.db, cast.suitChair, iotops), "FORBIDDEN");
    await expectDomainError(createSession(t.db, cast.bob, iotops), "FORBIDDEN");
    await expectDomainError(createSession(t.db, null, iotops), "UNAUTHENTICATED");
    await expectDomainError(
      createSession(t.db, cast.secretariat, { ...iotops, group: "nosuchwg" }),
      "VALIDATION",
    );
    await expectDomainError(
      createSession(t.db, cast.secretariat, { ...iotops, meetingNumber: 997 }),
      "NOT_FOUND",
    );
    const m = await getMeeting(t.db, cast.bob, 131);
    expect(m.sessions.map((s) => [s.id, s.group, s.items])).toEqual([
      [bySecretariat.id, "suit", 0],
      [byChair.id, "iotops", 0],
    ]);
  });

  it("stores the start as an instant from the meeting's local time, with its length", async () => {
    // IETF 131 is in Vienna: 13:00 on 16 March 2031 is 12:00 UTC (CET, UTC+1).
    const { id } = await createSession(t.db, cast.secretariat, {
      meetingNumber: 131,
      group: "suit",
      startsAt: "2031-03-16T13:00",
      durationMinutes: 120,
      room: "",
    });
    const m = await getMeeting(t.db, cast.bob, 131);
    const s = m.sessions.find((x) => x.id === id)!;
    expect(s.startsAt?.toISOString()).toBe("2031-03-16T12:00:00.000Z");
    expect([s.durationMinutes, s.when]).toEqual([120, "2031-03-16 13:00–15:00"]);
    const base = { meetingNumber: 131, group: "suit", room: "" };
    for (const startsAt of ["2031-02-30 10:00", "2031-03-30 02:30"]) {
      // No 30 February; 02:30 on 30 March 2031 is skipped by the change to summer time.
      await expectDomainError(
        createSession(t.db, cast.secretariat, { ...base, startsAt }),
        "VALIDATION",
      );
    }
    for (const bad of [
      { startsAt: "next Tuesday" },
      { startsAt: "2031-03-16 13:00", durationMinutes: 0 },
      { startsAt: "2031-03-16 13:00", durationMinutes: 100_000 },
    ]) {
      await expect(createSession(t.db, cast.secretariat, { ...base, ...bad })).rejects.toThrow();
    }
  });
});

describe(`the agenda on ${testDbKind()}`, () => {
  let session: number;
  let version: number;
  /** Public issues in discussion. */
  let a: number, b: number, c: number, d: number;
  let submitted: number;
  let secret: number;

  const titles = {
    a: "Agenda item A: DTLS session resumption on sleepy nodes",
    b: "Agenda item B: Thread commissioning at scale",
    c: "Agenda item C: MUD file hosting for legacy devices",
    d: "Agenda item D: SBOM retrieval over CoAP",
    secret: "Narwhal smart meter remote disconnect flaw",
  };

  beforeAll(async () => {
    session = (
      await createSession(t.db, cast.secretariat, {
        meetingNumber: 131,
        group: "iotops",
        startsAt: "2031-03-18 15:00",
        room: "Room 2",
      })
    ).id;
    version = 1;
    a = await file(t.db, cast.alice, { title: titles.a });
    b = await file(t.db, cast.alice, { title: titles.b });
    c = await file(t.db, cast.bob, { title: titles.c });
    d = await file(t.db, cast.bob, { title: titles.d });
    submitted = await file(t.db, cast.bob, { title: "Not yet discussed" });
    secret = await file(t.db, cast.alice, { title: titles.secret, confidential: true });
    for (const id of [a, b, c, d, secret]) await driveTo(t.db, cast, id, "in-discussion");
  });

  /** Apply one agenda change as `actor` at the current version; check the event and the bump. */
  async function change(
    actor: Actor,
    op:
      | { op: "add"; issueId: number; presenter?: string; minutesRequested?: number }
      | { op: "update"; itemId: number; presenter: string; minutesRequested: number }
      | { op: "move"; itemId: number; direction: "up" | "down" }
      | { op: "remove"; itemId: number }
      | { op: "publish" },
  ) {
    const since = await maxEventId();
    const input =
      op.op === "add"
        ? {
            presenter: "",
            minutesRequested: 15,
            ...op,
            sessionId: session,
            expectedVersion: version,
          }
        : { ...op, sessionId: session, expectedVersion: version };
    const r = await changeAgenda(t.db, actor, input);
    expect(r.version).toBe(version + 1);
    version = r.version;
    const [s] = await t.db.select().from(sessions).where(eq(sessions.id, session));
    expect(s!.version).toBe(version);
    const evs = await eventsAfter(since);
    expect(evs).toHaveLength(1);
    expect(evs[0]).toMatchObject({
      subjectType: "meeting",
      subjectKey: "131",
      type: op.op === "publish" ? "agenda-published" : "agenda-changed",
      actorId: actor.personId,
      groupAcronym: "iotops",
      payload: expect.objectContaining({ op: op.op, sessionId: session }) as unknown,
    });
    return evs[0]!;
  }

  async function order(): Promise<number[]> {
    return (await getSessionAgenda(t.db, cast.bob, session)).items.map((i) => i.issueId);
  }

  async function itemOf(issueId: number): Promise<number> {
    const [row] = await t.db
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(and(eq(agendaItems.sessionId, session), eq(agendaItems.issueId, issueId)));
    return row!.id;
  }

  /** A refused change: the given error, no event, no version bump. */
  async function refused(
    actor: Actor | null,
    input: Parameters<typeof changeAgenda>[2],
    code: Parameters<typeof expectDomainError>[1],
  ) {
    const since = await maxEventId();
    const before = await t.db.select().from(agendaItems).orderBy(asc(agendaItems.id));
    const err = await expectDomainError(changeAgenda(t.db, actor, input), code);
    expect(await eventsAfter(since)).toEqual([]);
    const [s] = await t.db.select().from(sessions).where(eq(sessions.id, session));
    expect(s!.version).toBe(version);
    expect(await t.db.select().from(agendaItems).orderBy(asc(agendaItems.id))).toEqual(before);
    return err;
  }

  it("chairs add public issues in discussion, each with an event and a new version", async () => {
    const ev = await change(cast.iotopsChair, {
      op: "add",
      issueId: a,
      presenter: "Alice",
      minutesRequested: 10,
    });
    expect(ev.actorCapacity).toBe("chair/iotops");
    expect(ev.payload).toMatchObject({ issueId: a, presenter: "Alice", minutesRequested: 10 });
    await change(cast.iotopsChair2, { op: "add", issueId: b, presenter: "Bob" });
    // The secretariat may manage any agenda.
    const bySec = await change(cast.secretariat, { op: "add", issueId: c });
    expect(bySec.actorCapacity).toBe("secretariat");
    expect(await order()).toEqual([a, b, c]);
    const agenda = await getSessionAgenda(t.db, cast.iotopsChair, session);
    expect(agenda.canManage).toBe(true);
    expect(agenda.candidates.map((x) => x.id)).toEqual([d]);
    expect((await getSessionAgenda(t.db, cast.bob, session)).canManage).toBe(false);
  });

  it("refuses issues not in discussion, confidential issues and repeats", async () => {
    const base = { op: "add" as const, sessionId: session, presenter: "", minutesRequested: 15 };
    const notReady = await refused(
      cast.iotopsChair,
      { ...base, issueId: submitted, expectedVersion: version },
      "VALIDATION",
    );
    expect(notReady.message).toMatch(/not in discussion/);
    const conf = await refused(
      cast.iotopsChair,
      { ...base, issueId: secret, expectedVersion: version },
      "VALIDATION",
    );
    expect(conf.message).toMatch(/public issues/);
    expect(conf.message).not.toContain("Narwhal");
    await refused(
      cast.iotopsChair,
      { ...base, issueId: 987_654, expectedVersion: version },
      "VALIDATION",
    );
    await refused(cast.iotopsChair, { ...base, issueId: a, expectedVersion: version }, "CONFLICT");
  });

  it("refuses non-chairs and stale versions", async () => {
    const add = {
      op: "add" as const,
      sessionId: session,
      issueId: d,
      presenter: "",
      minutesRequested: 15,
    };
    for (const who of [cast.suitChair, cast.bob, cast.opsAd]) {
      await refused(who, { ...add, expectedVersion: version }, "FORBIDDEN");
    }
    await refused(null, { ...add, expectedVersion: version }, "UNAUTHENTICATED");
    const stale = await refused(
      cast.iotopsChair,
      { ...add, expectedVersion: version - 1 },
      "CONFLICT",
    );
    expect(stale.message).toMatch(/changed by someone else/);
    await refused(
      cast.iotopsChair,
      { op: "remove", sessionId: session, itemId: await itemOf(a), expectedVersion: version - 1 },
      "CONFLICT",
    );
    await refused(
      cast.iotopsChair,
      { op: "publish", sessionId: session, expectedVersion: version + 1 },
      "CONFLICT",
    );
    await refused(
      cast.iotopsChair,
      { op: "remove", sessionId: session, itemId: 999_999, expectedVersion: version },
      "NOT_FOUND",
    );
  });

  it("moves, updates and removes items", async () => {
    const mv = await change(cast.iotopsChair, {
      op: "move",
      itemId: await itemOf(c),
      direction: "up",
    });
    expect(mv.payload).toMatchObject({ issueId: c, direction: "up" });
    expect(await order()).toEqual([a, c, b]);
    await change(cast.iotopsChair, { op: "move", itemId: await itemOf(a), direction: "down" });
    expect(await order()).toEqual([c, a, b]);

    const up = await change(cast.iotopsChair, {
      op: "update",
      itemId: await itemOf(b),
      presenter: "Bob Presenter",
      minutesRequested: 20,
    });
    expect(up.payload).toMatchObject({
      issueId: b,
      presenter: "Bob Presenter",
      minutesRequested: 20,
    });
    const items = (await getSessionAgenda(t.db, cast.bob, session)).items;
    expect(items.find((i) => i.issueId === b)).toMatchObject({
      presenter: "Bob Presenter",
      minutesRequested: 20,
    });

    const rm = await change(cast.iotopsChair, { op: "remove", itemId: await itemOf(a) });
    expect(rm.payload).toMatchObject({ issueId: a });
    expect(await order()).toEqual([c, b]);
    await change(cast.iotopsChair, { op: "add", issueId: d, presenter: "Dana" });
    expect(await order()).toEqual([c, b, d]);
  });

  it("exports the agenda in order, late items last and marked", async () => {
    const cutoff = agendaCutoff(IETF.startDate);
    // The cut-off day (2031-03-03) still counts; the day after is late.
    expect(cutoff.toISOString()).toBe("2031-03-04T00:00:00.000Z");
    await t.db
      .update(agendaItems)
      .set({ createdAt: new Date(cutoff.getTime() - 1_000) })
      .where(eq(agendaItems.id, await itemOf(d)));
    await t.db
      .update(agendaItems)
      .set({ createdAt: cutoff })
      .where(eq(agendaItems.id, await itemOf(c)));
    expect(await order()).toEqual([b, d, c]);
    const items = (await getSessionAgenda(t.db, cast.bob, session)).items;
    expect(items.map((i) => i.late)).toEqual([false, false, true]);

    const md = await exportAgenda(t.db, session, "md");
    expect(md).toContain("IETF 131");
    expect(md).toContain("Europe/Vienna");
    expect(md).toContain("Total requested: 50 minutes");
    const mdItems = md.split("\n").filter((l) => /^\d+\. /.test(l));
    expect(mdItems).toHaveLength(3);
    expect(mdItems[0]).toMatch(new RegExp(`^1\\. \\*\\*${titles.b}\\*\\* \\(\\[#${b}\\]`));
    expect(mdItems[0]).toContain("Bob Presenter, 20 min");
    expect(mdItems[1]).toMatch(new RegExp(`^2\\. \\*\\*${titles.d}\\*\\*`));
    expect(mdItems[2]).toMatch(new RegExp(`^3\\. \\*\\*${titles.c}\\*\\*`));
    expect(mdItems.map((l) => l.includes("late: added after the I-D cut-off"))).toEqual([
      false,
      false,
      true,
    ]);

    const txt = await exportAgenda(t.db, session, "txt");
    const pos = [b, d, c].map((id) => txt.indexOf(`(#${id})`));
    expect(pos.every((p) => p >= 0)).toBe(true);
    expect([...pos].sort((x, y) => x - y)).toEqual(pos);
    expect(txt).toMatch(new RegExp(` 1\\.  20 min  ${titles.b} \\(#${b}\\)`));
    expect(txt.match(/\[LATE\]/g)).toHaveLength(1);
    expect(txt.slice(txt.indexOf(`(#${c})`))).toContain("[LATE]");
    expect(txt).toContain("Total: 50 min");
    await expectDomainError(exportAgenda(t.db, 999_999, "md"), "NOT_FOUND");
    await expectDomainError(getSessionAgenda(t.db, null, 999_999), "NOT_FOUND");
    for (const out of [md, txt]) {
      expect(out).not.toContain(titles.a);
      expect(out).not.toContain("Narwhal");
    }
  });

  it("publishing records agenda-published and e-mails the group's followers", async () => {
    await setWatch(t.db, cast.iotopsChair, {
      subjectType: "group",
      subjectKey: "iotops",
      active: true,
    });
    const ev = await change(cast.iotopsChair, { op: "publish" });
    expect(ev.payload).toMatchObject({
      title: "IOT Operations at IETF 131",
      path: `/meetings/131/sessions/${session}`,
    });
    expect(String(ev.payload.text)).toContain(titles.b);
    const [s] = await t.db.select().from(sessions).where(eq(sessions.id, session));
    expect(s!.agendaPublishedAt).toBeInstanceOf(Date);

    const mail = await t.db.select().from(outbox).where(eq(outbox.eventId, ev.id));
    // Heidi follows the group; the chair who published does too but is the actor.
    expect(mail.map((m) => m.personId)).toEqual([heidi.personId]);
    expect(mail[0]).toMatchObject({ toAddress: heidi.email, status: "pending" });
    expect(mail[0]!.subject).toBe("Agenda published: IOT Operations at IETF 131");
    expect(mail[0]!.body).toContain(titles.b);
    expect(mail[0]!.body).toContain(titles.d);
    expect(mail[0]!.body).toContain(`/meetings/131/sessions/${session}`);
    expect(mail[0]!.body).not.toContain("Narwhal");
    const notes = await t.db.select().from(notifications).where(eq(notifications.eventId, ev.id));
    expect(notes.map((n) => n.personId)).toEqual([heidi.personId]);
    // Plain agenda changes are not announced.
    const quiet = await change(cast.iotopsChair, {
      op: "update",
      itemId: await itemOf(d),
      presenter: "Dana",
      minutesRequested: 10,
    });
    expect(await t.db.select().from(outbox).where(eq(outbox.eventId, quiet.id))).toEqual([]);
    expect(
      await t.db.select().from(notifications).where(eq(notifications.eventId, quiet.id)),
    ).toEqual([]);
  });

  it("minutes with a recommendation move the issue to AD review through the transition service", async () => {
    const before = await issueRow(t.db, b);
    expect(before.state).toBe("in-discussion");
    const since = await maxEventId();
    const r = await recordMinutes(t.db, cast.iotopsChair, {
      sessionId: session,
      itemId: await itemOf(b),
      minutes: "Consensus in the room to send this to SUIT.",
      recommendation: SUIT_RECOMMENDATION,
      issueVersion: before.version,
      sendToReview: true,
    });
    expect(r).toEqual({ recommended: true });
    const after = await issueRow(t.db, b);
    expect(after).toMatchObject({ state: "ad-review", version: before.version + 2 });
    expect(after.recommendation).toMatchObject({ outcome: { targetGroup: "suit" } });
    const [item] = await t.db
      .select()
      .from(agendaItems)
      .where(eq(agendaItems.id, await itemOf(b)));
    expect(item!.minutes).toBe("Consensus in the room to send this to SUIT.");

    const evs = await eventsAfter(since);
    expect(evs.map((e) => [e.type, e.subjectKey, e.actorId, e.actorCapacity])).toEqual([
      ["minutes-recorded", String(b), cast.iotopsChair.personId, "chair/iotops"],
      ["recommendation-recorded", String(b), cast.iotopsChair.personId, "chair/iotops"],
      ["review-requested", String(b), cast.iotopsChair.personId, "chair/iotops"],
    ]);
    expect(evs[0]!.payload).toMatchObject({ meeting: 131, sessionId: session });
    expect(evs[2]!.payload).toMatchObject({ before: "recommended", after: "ad-review" });
    // Same events as the issue page would write: they are the issue's timeline.
    expect((await issueEvents(t.db, b)).slice(-3).map((e) => e.id)).toEqual(evs.map((e) => e.id));

    const evIds = evs.map((e) => e.id);
    const adNotes = await t.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.personId, cast.opsAd.personId), inArray(notifications.eventId, evIds)),
      );
    expect(adNotes.map((n) => n.eventId).sort()).toEqual([...evIds].sort());
    const adMail = await t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.personId, cast.opsAd.personId), inArray(outbox.eventId, evIds)));
    // E-mail only for the review that needs the AD (not the recorded recommendation, nor the
    // minutes alone): other activity on area issues is not mailed by default.
    expect(adMail.map((m) => m.eventId)).toEqual([evs[2]!.id]);
    const review = adMail.find((m) => m.eventId === evs[2]!.id)!;
    expect(review.toAddress).toBe(cast.opsAd.email);
    expect(review.subject).toContain(`OPS AD review requested: #${b} ${titles.b}`);
    expect(review.body).toContain("Recommended -> AD review");
    expect(review.body).toContain(`/issues/${b}`);
  });

  it("a recommendation from the minutes on an issue changed since the agenda was read is a conflict, and keeps no minutes", async () => {
    const seen = (await issueRow(t.db, d)).version;
    // Someone else changes the issue after the chair loaded the agenda.
    await t.db
      .update(issues)
      .set({ version: seen + 1 })
      .where(eq(issues.id, d));
    const since = await maxEventId();
    await expectDomainError(
      recordMinutes(t.db, cast.iotopsChair, {
        sessionId: session,
        itemId: await itemOf(d),
        minutes: "Decided on stale information.",
        recommendation: SUIT_RECOMMENDATION,
        issueVersion: seen,
        sendToReview: true,
      }),
      "CONFLICT",
    );
    expect(await eventsAfter(since)).toEqual([]);
    expect((await issueRow(t.db, d)).state).toBe("in-discussion");
    const [item] = await t.db
      .select()
      .from(agendaItems)
      .where(eq(agendaItems.id, await itemOf(d)));
    expect(item!.minutes).not.toBe("Decided on stale information.");
    await expectDomainError(
      recordMinutes(t.db, cast.iotopsChair, {
        sessionId: session,
        itemId: await itemOf(d),
        minutes: "No version given.",
        recommendation: SUIT_RECOMMENDATION,
        sendToReview: true,
      }),
      "VALIDATION",
    );
  });

  it("minutes alone change no state; a refused recommendation keeps no minutes", async () => {
    const since = await maxEventId();
    expect(
      await recordMinutes(t.db, cast.iotopsChair2, {
        sessionId: session,
        itemId: await itemOf(d),
        minutes: "Discussed; more input needed.",
        sendToReview: true,
      }),
    ).toEqual({ recommended: false });
    expect((await issueRow(t.db, d)).state).toBe("in-discussion");
    expect((await eventsAfter(since)).map((e) => e.type)).toEqual(["minutes-recorded"]);

    // B is already with the AD: recommending again is not a legal transition.
    const again = await maxEventId();
    await expectDomainError(
      recordMinutes(t.db, cast.iotopsChair, {
        sessionId: session,
        itemId: await itemOf(b),
        minutes: "Overwritten minutes.",
        recommendation: SUIT_RECOMMENDATION,
        issueVersion: (await issueRow(t.db, b)).version,
        sendToReview: true,
      }),
      "INVALID_TRANSITION",
    );
    expect(await eventsAfter(again)).toEqual([]);
    const [item] = await t.db
      .select()
      .from(agendaItems)
      .where(eq(agendaItems.id, await itemOf(b)));
    expect(item!.minutes).toBe("Consensus in the room to send this to SUIT.");

    await expectDomainError(
      recordMinutes(t.db, cast.suitChair, {
        sessionId: session,
        itemId: await itemOf(d),
        minutes: "Not my session.",
        sendToReview: false,
      }),
      "FORBIDDEN",
    );
    await expectDomainError(
      recordMinutes(t.db, cast.iotopsChair, {
        sessionId: session,
        itemId: 999_999,
        minutes: "No such item.",
        sendToReview: false,
      }),
      "NOT_FOUND",
    );
  });

  describe("an agenda issue its submitter later makes confidential", () => {
    let e: number;
    const title = "Kakapo camera firmware backdoor";

    beforeAll(async () => {
      e = await file(t.db, cast.alice, { title: "Soon confidential agenda item" });
      await driveTo(t.db, cast, e, "in-discussion");
      await change(cast.iotopsChair, { op: "add", issueId: e });
      expect(await order()).toContain(e);
      await act(t.db, cast.iotopsChair, e, { type: "request-info", message: "Details?" });
      await editIssue(t.db, cast.alice, {
        issueId: e,
        expectedVersion: (await issueRow(t.db, e)).version,
        fields: intake({ title, confidential: true }),
      });
      expect((await issueRow(t.db, e)).confidential).toBe(true);
    });

    it("disappears from the agenda, the exports and the published e-mail", async () => {
      expect(await order()).not.toContain(e);
      for (const format of ["md", "txt"] as const) {
        expect(await exportAgenda(t.db, session, format)).not.toContain(title);
      }
      const ev = await change(cast.iotopsChair, { op: "publish" });
      expect(JSON.stringify(ev.payload)).not.toContain(title);
      const mail = await t.db.select().from(outbox).where(eq(outbox.eventId, ev.id));
      expect(mail).toHaveLength(1);
      expect(mail[0]!.body).not.toContain(title);
    });

    it("the meeting's session item count includes the confidential item", async () => {
      const visible = (await getSessionAgenda(t.db, null, session)).items.length;
      const m = await getMeeting(t.db, null, 131);
      expect(m.sessions.find((x) => x.id === session)!.items).toBe(visible);
    });
  });
});

describe(`scheduling a session on ${testDbKind()}`, () => {
  it("the chairs set the time with a version check and an event; others may not", async () => {
    const { id } = await createSession(t.db, cast.secretariat, {
      meetingNumber: 131,
      group: "iotops",
      startsAt: "",
      room: "",
    });
    // A note kept from an old free-text time, as the migration leaves one.
    await t.db.update(sessions).set({ timeNote: "Tuesday afternoon" }).where(eq(sessions.id, id));
    const at = { sessionId: id, startsAt: "2031-03-18 14:00", durationMinutes: 90, room: "Hall B" };
    await expectDomainError(
      scheduleSession(t.db, cast.suitChair, { ...at, expectedVersion: 1 }),
      "FORBIDDEN",
    );
    await expectDomainError(
      scheduleSession(t.db, null, { ...at, expectedVersion: 1 }),
      "UNAUTHENTICATED",
    );
    await expectDomainError(
      scheduleSession(t.db, cast.iotopsChair, {
        ...at,
        startsAt: "2031-03-30 02:15",
        expectedVersion: 1,
      }),
      "VALIDATION",
    );
    const since = await maxEventId();
    const { version } = await scheduleSession(t.db, cast.iotopsChair, {
      ...at,
      expectedVersion: 1,
    });
    expect(version).toBe(2);
    const [row] = await t.db.select().from(sessions).where(eq(sessions.id, id));
    // 14:00 in Vienna (CET) is 13:00 UTC; the old note is gone once there is a time.
    expect([row!.startsAt?.toISOString(), row!.durationMinutes, row!.room, row!.timeNote]).toEqual([
      "2031-03-18T13:00:00.000Z",
      90,
      "Hall B",
      "",
    ]);
    const [ev] = await eventsAfter(since);
    expect([ev!.type, ev!.actorCapacity, ev!.payload]).toMatchObject([
      "session-scheduled",
      "chair/iotops",
      { before: "Tuesday afternoon (to be confirmed)", after: "2031-03-18 14:00–15:30" },
    ]);
    await expectDomainError(
      scheduleSession(t.db, cast.secretariat, { ...at, expectedVersion: 1 }),
      "CONFLICT",
    );
  });
});
