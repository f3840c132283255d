/**
 * Notifications and e-mail about confidential issues reach only the people the
 * issue page would show it to: the submitter, the IOTOPS chairs, the ADs of the
 * issue's area and the secretariat.
 */
import { asc, eq, gt, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events, notifications, outbox, watches } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import type { Actor } from "~/server/domain/permissions/actor";
import { commentOnIssue } from "~/server/services/issues/comment-issue";
import { editIssue } from "~/server/services/issues/edit-issue";
import { act, driveTo, file, intake, issueRow } from "~/server/services/issues/test-fixtures";
import { makeCast, makePerson, type Cast } from "~/server/services/people/test-fixtures";
import { triageIssue } from "~/server/services/issues/triage-issue";
import { setWatch } from "./watches";
import { mailEverything } from "./test-preferences";

let t: TestDatabase;
let cast: Cast;
/** Watches the IOTOPS group: hears about public dispatch activity. */
let heidi: Actor;
/** Watches the SUIT group. */
let ivan: Actor;

const SECRET = "Quokka lockbox firmware signing key exposure";
const SECRET2 = "Wombat gateway default credential leak";

/** Everyone who may see a confidential OPS-area issue filed by Alice. */
let entitled: Set<number>;

async function maxEventId(): Promise<number> {
  const [r] = await t.db
    .select({ id: sql<number>`coalesce(max(${events.id}), 0)::int` })
    .from(events);
  return Number(r!.id);
}

async function issueEventIds(id: number): Promise<number[]> {
  const rows = await t.db
    .select({ id: events.id })
    .from(events)
    .where(sql`${events.subjectType} = 'issue' and ${events.subjectKey} = ${String(id)}`)
    .orderBy(asc(events.id));
  return rows.map((r) => r.id);
}

async function recipientsOf(eventIds: number[]) {
  if (eventIds.length === 0) return { notified: new Set<number>(), mailed: new Set<number>() };
  const n = await t.db
    .select({ personId: notifications.personId })
    .from(notifications)
    .where(inArray(notifications.eventId, eventIds));
  const m = await t.db
    .select({ personId: outbox.personId })
    .from(outbox)
    .where(inArray(outbox.eventId, eventIds));
  return {
    notified: new Set(n.map((r) => r.personId)),
    mailed: new Set(m.map((r) => r.personId!)),
  };
}

function watch(a: Actor, subjectType: "issue" | "group", subjectKey: string | number) {
  return setWatch(t.db, a, { subjectType, subjectKey: String(subjectKey), active: true });
}

beforeAll(async () => {
  t = await createTestDatabase();
  cast = await makeCast(t.db);
  // These tests are about who may be mailed at all: everyone asks for every kind of mail
  // at once (the default choices are tested in preferences.int.test.ts).
  await mailEverything(t.db, Object.values(cast));
  heidi = await makePerson(t.db, "Heidi Group Follower");
  ivan = await makePerson(t.db, "Ivan Suit Follower");
  await watch(heidi, "group", "iotops");
  await watch(ivan, "group", "suit");
  entitled = new Set(
    [cast.alice, cast.iotopsChair, cast.iotopsChair2, cast.opsAd, cast.secretariat].map(
      (a) => a.personId,
    ),
  );
});
afterAll(async () => t?.destroy());

describe(`notifications about confidential issues on ${testDbKind()}`, () => {
  let secret: number;
  let open: number;
  /** Non-entitled people who watch the issues by hand, plus the group followers. */
  let outsiders: Actor[];
  /**
   * The confidential issue's dispatch to SUIT: from this event on, the SUIT chairs
   * are entitled to it (the receiving group's chairs acknowledge it), not before.
   */
  let dispatchEvent: number;
  /** The confidential issue's events from its dispatch to SUIT on. */
  let handedOff: Set<number>;
  /** Whether a person may hear of an event: the entitled always, the SUIT chair once handed off. */
  const mayHear = (personId: number, eventId: number | null) =>
    entitled.has(personId) ||
    (personId === cast.suitChair.personId && eventId !== null && handedOff.has(eventId));

  beforeAll(async () => {
    outsiders = [cast.bob, cast.intAd, heidi, ivan];
    secret = await file(t.db, cast.alice, { title: SECRET, confidential: true });
    open = await file(t.db, cast.alice, { title: "Public twin of the lockbox issue" });
    for (const id of [secret, open]) {
      // Bob, the SUIT chair and the INT AD watch by hand (anyone may watch a number).
      for (const a of [cast.bob, cast.suitChair, cast.intAd]) await watch(a, "issue", id);
      // The secretariat is entitled, and watches by hand.
      await watch(cast.secretariat, "issue", id);
      await triageIssue(t.db, cast.secretariat, {
        issueId: id,
        expectedVersion: (await issueRow(t.db, id)).version,
        responsibleChairId: cast.iotopsChair.personId,
      });
      await commentOnIssue(t.db, cast.alice, { issueId: id, body: "More detail for the chairs." });
      // Through SUIT's acknowledgement-waiting state: the SUIT chairs then watch automatically.
      await driveTo(t.db, cast, id, "dispatched");
    }
    dispatchEvent = Math.max(...(await issueEventIds(secret)));
  });

  it("the confidential issue is confidential and its events exist", async () => {
    expect((await issueRow(t.db, secret)).confidential).toBe(true);
    expect((await issueRow(t.db, open)).confidential).toBe(false);
    expect((await issueEventIds(secret)).length).toBeGreaterThanOrEqual(7);
  });

  it("entitled watchers hear about every confidential event; outsiders hear nothing", async () => {
    const evIds = await issueEventIds(secret);
    const { notified, mailed } = await recipientsOf(evIds);
    for (const a of [cast.alice, cast.iotopsChair, cast.opsAd, cast.secretariat]) {
      expect(notified.has(a.personId), `${a.name} should be notified`).toBe(true);
      expect(mailed.has(a.personId), `${a.name} should be e-mailed`).toBe(true);
    }
    for (const a of outsiders) {
      expect(notified.has(a.personId), `${a.name} must not be notified`).toBe(false);
      expect(mailed.has(a.personId), `${a.name} must not be e-mailed`).toBe(false);
    }
    // The SUIT chair watches by hand from the start, but hears of nothing before the dispatch…
    const before = await recipientsOf(evIds.filter((id) => id < dispatchEvent));
    expect(before.notified.has(cast.suitChair.personId)).toBe(false);
    expect(before.mailed.has(cast.suitChair.personId)).toBe(false);
    for (const id of [...before.notified, ...before.mailed]) expect(entitled.has(id)).toBe(true);
    // …and of the dispatch itself, which asks the SUIT chairs to acknowledge it.
    const dispatch = await recipientsOf([dispatchEvent]);
    expect(dispatch.notified.has(cast.suitChair.personId)).toBe(true);
  });

  it("the same watchers do hear about the public issue (the filter is about confidentiality)", async () => {
    const { notified, mailed } = await recipientsOf(await issueEventIds(open));
    for (const a of [cast.bob, cast.suitChair, cast.intAd, heidi, ivan]) {
      expect(notified.has(a.personId), `${a.name} should be notified`).toBe(true);
      expect(mailed.has(a.personId), `${a.name} should be e-mailed`).toBe(true);
    }
  });

  it("the receiving group's chairs, who watch automatically, hear of a confidential issue once it is dispatched to them", async () => {
    const w = await t.db
      .select()
      .from(watches)
      .where(sql`${watches.subjectType} = 'issue' and ${watches.subjectKey} = ${String(secret)}`);
    expect(w.map((r) => r.personId)).toContain(cast.suitChair.personId);
    const since = await maxEventId();
    await act(t.db, cast.secretariat, secret, { type: "acknowledge" });
    const evIds = (
      await t.db.select({ id: events.id }).from(events).where(gt(events.id, since))
    ).map((r) => r.id);
    const { notified } = await recipientsOf(evIds);
    expect([...notified].sort()).toEqual(
      [cast.alice, cast.iotopsChair, cast.suitChair, cast.opsAd].map((a) => a.personId).sort(),
    );
    expect(notified.has(cast.bob.personId)).toBe(false);
    expect(notified.has(cast.intAd.personId)).toBe(false);
  });

  it("an issue made confidential by its submitter stops reaching outsiders from then on", async () => {
    const id = await file(t.db, cast.alice, { title: "Soon secret: sensor gateway issue" });
    await watch(cast.bob, "issue", id);
    const filed = await recipientsOf(await issueEventIds(id));
    expect(filed.notified.has(heidi.personId)).toBe(true);
    const since = await maxEventId();
    await editIssue(t.db, cast.alice, {
      issueId: id,
      expectedVersion: 1,
      fields: intake({ title: SECRET2, confidential: true }),
    });
    await act(t.db, cast.iotopsChair, id, { type: "start-discussion" });
    const later = (
      await t.db.select({ id: events.id }).from(events).where(gt(events.id, since))
    ).map((r) => r.id);
    expect(later).toHaveLength(2);
    const { notified, mailed } = await recipientsOf(later);
    expect(notified.has(cast.opsAd.personId)).toBe(true);
    expect(mailed.has(cast.opsAd.personId)).toBe(true);
    for (const a of [cast.bob, heidi]) {
      expect(notified.has(a.personId)).toBe(false);
      expect(mailed.has(a.personId)).toBe(false);
    }
  });

  it("closing a confidential issue as a duplicate of a public one tells the public watchers nothing about it", async () => {
    const dup = await file(t.db, cast.alice, {
      title: `${SECRET} (again)`,
      confidential: true,
    });
    const target = await file(t.db, cast.bob, { title: "Public target of a merge" });
    const since = await maxEventId();
    await act(t.db, cast.iotopsChair, dup, {
      type: "close",
      reason: "duplicate",
      duplicateOf: target,
    });
    const merged = await t.db.select().from(events).where(gt(events.id, since));
    expect(merged.map((e) => e.type).sort()).toEqual(["closed", "duplicate-merged"]);
    const { notified } = await recipientsOf(merged.map((e) => e.id));
    // Bob, the public issue's submitter, is told of the merge but not of what was merged.
    expect(notified.has(cast.bob.personId)).toBe(true);
    const bobs = await t.db
      .select()
      .from(notifications)
      .where(eq(notifications.personId, cast.bob.personId));
    for (const n of bobs) {
      expect(n.subject).not.toContain("Quokka");
      expect(n.url).not.toBe(`/issues/${dup}`);
    }
  });

  it("no outbox row or notification for a non-entitled person mentions a confidential title", async () => {
    handedOff = new Set((await issueEventIds(secret)).filter((id) => id >= dispatchEvent));
    expect(handedOff.size).toBeGreaterThanOrEqual(2);
    const all = await t.db.select().from(outbox);
    expect(all.length).toBeGreaterThan(20);
    const leaks = all.filter(
      (m) =>
        !mayHear(m.personId!, m.eventId) &&
        [SECRET, SECRET2, "Quokka", "Wombat"].some(
          (s) => m.subject.includes(s) || m.body.includes(s),
        ),
    );
    expect(leaks).toEqual([]);
    // Positive control: the confidential titles did go out, to entitled people.
    const secretMail = all.filter((m) => m.subject.includes(SECRET) || m.subject.includes(SECRET2));
    expect(secretMail.length).toBeGreaterThan(0);
    for (const m of secretMail) expect(mayHear(m.personId!, m.eventId)).toBe(true);

    const notes = await t.db.select().from(notifications);
    const noteLeaks = notes.filter(
      (n) =>
        !mayHear(n.personId, n.eventId) && ["Quokka", "Wombat"].some((s) => n.subject.includes(s)),
    );
    expect(noteLeaks).toEqual([]);
    // Nothing addressed to an outsider links to a confidential issue.
    const secretIssues = new Set([`/issues/${secret}`]);
    for (const n of notes.filter((x) => !mayHear(x.personId, x.eventId))) {
      expect(secretIssues.has(n.url), `${n.subject} -> ${n.url}`).toBe(false);
    }
  });
});
