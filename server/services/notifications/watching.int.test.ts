/**
 * Watches, in-app notifications and outbox e-mail caused by issue events, and
 * the guarantee that they are written in the event's own transaction.
 */
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events, notifications, outbox, watches } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import type { Actor } from "~/server/domain/permissions/actor";
import { env } from "~/server/env";
import { commentOnIssue } from "~/server/services/issues/comment-issue";
import {
  act,
  file,
  issueEvents,
  issueRow,
  SUIT_RECOMMENDATION,
} from "~/server/services/issues/test-fixtures";
import { makeCast, makePerson, type Cast } from "~/server/services/people/test-fixtures";
import { expectDomainError } from "~/server/testing/calls";
import { transitionIssue } from "~/server/services/issues/transition-issue";
import { triageIssue } from "~/server/services/issues/triage-issue";
import { unreadCount } from "./notify";
import {
  getSettings,
  isWatching,
  listNotifications,
  markNotificationsRead,
  setEmailPreference,
  setWatch,
} from "./watches";
import { mailEverything } from "./test-preferences";

let t: TestDatabase;
let cast: Cast;

const BASE = (env().APP_URL ?? `http://localhost:${env().PORT}`).replace(/\/$/, "");

beforeAll(async () => {
  t = await createTestDatabase();
  cast = await makeCast(t.db);
  // These tests are about who may be mailed at all: everyone asks for every kind of mail
  // at once (the default choices are tested in preferences.int.test.ts).
  await mailEverything(t.db, Object.values(cast));
});
afterAll(async () => t?.destroy());

async function lastEventId(): Promise<number> {
  const [r] = await t.db
    .select({ id: sql<number>`coalesce(max(${events.id}), 0)::int` })
    .from(events);
  return Number(r!.id);
}

/** Events written after `since`, oldest first. */
async function eventsAfter(since: number) {
  return t.db.select().from(events).where(gt(events.id, since)).orderBy(asc(events.id));
}

async function notificationsOf(eventIds: number[]) {
  if (eventIds.length === 0) return [];
  return t.db
    .select()
    .from(notifications)
    .where(inArray(notifications.eventId, eventIds))
    .orderBy(asc(notifications.id));
}

async function outboxOf(eventIds: number[]) {
  if (eventIds.length === 0) return [];
  return t.db
    .select()
    .from(outbox)
    .where(inArray(outbox.eventId, eventIds))
    .orderBy(asc(outbox.id));
}

/** Run `change` and return what it caused: its events, notifications and outbox rows. */
async function caused(change: () => Promise<unknown>) {
  const since = await lastEventId();
  await change();
  const evs = await eventsAfter(since);
  const ids = evs.map((e) => e.id);
  return { events: evs, notifications: await notificationsOf(ids), outbox: await outboxOf(ids) };
}

const ids = (rows: { personId: number | null }[]) =>
  rows.map((r) => r.personId).sort((a, b) => (a ?? 0) - (b ?? 0));
const people = (...actors: Actor[]) => actors.map((a) => a.personId).sort((a, b) => a - b);

async function activeWatch(a: Actor, key: number) {
  const [w] = await t.db
    .select()
    .from(watches)
    .where(
      and(
        eq(watches.personId, a.personId),
        eq(watches.subjectType, "issue"),
        eq(watches.subjectKey, String(key)),
      ),
    );
  return w ?? null;
}

describe(`watching and notifications on ${testDbKind()}`, () => {
  /** A public issue filed by Alice, the responsible chair assigned by the secretariat. */
  let issue: number;
  let title: string;

  beforeAll(async () => {
    title = "Watched firmware rollback issue";
    issue = await file(t.db, cast.alice, { title });
  });

  it("the submitter and the area's ADs watch from filing; the responsible chair once assigned", async () => {
    expect(await activeWatch(cast.alice, issue)).toMatchObject({ active: true, automatic: true });
    expect(await activeWatch(cast.opsAd, issue)).toMatchObject({ active: true, automatic: true });
    // Not the AD of another area, nor a chair before being assigned.
    expect(await activeWatch(cast.intAd, issue)).toBeNull();
    expect(await activeWatch(cast.iotopsChair, issue)).toBeNull();

    const assigned = await caused(() =>
      triageIssue(t.db, cast.secretariat, {
        issueId: issue,
        expectedVersion: 1,
        responsibleChairId: cast.iotopsChair.personId,
      }),
    );
    expect(assigned.events.map((e) => e.type)).toEqual(["chair-assigned"]);
    expect(await activeWatch(cast.iotopsChair, issue)).toMatchObject({
      active: true,
      automatic: true,
    });
    expect(await activeWatch(cast.iotopsChair2, issue)).toBeNull();
    // Not a state change: in-app for the watchers (the new chair included), no e-mail.
    expect(ids(assigned.notifications)).toEqual(people(cast.alice, cast.iotopsChair, cast.opsAd));
    expect(assigned.outbox).toEqual([]);
    expect(
      await isWatching(t.db, cast.iotopsChair, { subjectType: "issue", subjectKey: String(issue) }),
    ).toBe(true);
  });

  it("a state change notifies each watcher but the actor once, in-app and by e-mail", async () => {
    const r = await caused(() => act(t.db, cast.iotopsChair2, issue, { type: "start-discussion" }));
    expect(r.events.map((e) => e.type)).toEqual(["discussion-started"]);
    const [ev] = r.events;
    const watchers = people(cast.alice, cast.iotopsChair, cast.opsAd);
    expect(ids(r.notifications)).toEqual(watchers);
    expect(ids(r.outbox)).toEqual(watchers);
    for (const n of r.notifications) {
      expect(n.eventId).toBe(ev!.id);
      expect(n.url).toBe(`/issues/${issue}`);
      expect(n.subject).toContain(`#${issue} ${title}`);
      expect(n.readAt).toBeNull();
    }
    const emails = new Map(
      [cast.alice, cast.iotopsChair, cast.opsAd].map((a) => [a.personId, a.email]),
    );
    for (const m of r.outbox) {
      expect(m.toAddress).toBe(emails.get(m.personId!));
      expect(m.status).toBe("pending");
      expect(m.attempts).toBe(0);
      expect(m.eventId).toBe(ev!.id);
      expect(m.messageId).toBe(`<event-${ev!.id}.person-${m.personId}@iotops-dispatch>`);
      expect(m.subject).toBe(`#${issue} ${title} is in discussion`);
      expect(m.body).toContain("Submitted -> In discussion");
      expect(m.body).toContain(`${BASE}/issues/${issue}`);
      expect(m.body).toContain("Changed by Chris Iotops Chair.");
      expect(m.body).toContain(`${BASE}/settings`);
    }
    // The actor, a non-watcher and an AD of another area hear nothing.
    for (const a of [cast.iotopsChair2, cast.bob, cast.intAd, cast.suitChair]) {
      expect(r.notifications.some((n) => n.personId === a.personId)).toBe(false);
      expect(r.outbox.some((n) => n.personId === a.personId)).toBe(false);
    }
  });

  it("a watcher who acts is not notified of their own change", async () => {
    const r = await caused(() =>
      act(t.db, cast.iotopsChair, issue, { type: "request-info", message: "Which bootloaders?" }),
    );
    expect(r.events.map((e) => e.type)).toEqual(["info-requested"]);
    expect(ids(r.notifications)).toEqual(people(cast.alice, cast.opsAd));
    expect(ids(r.outbox)).toEqual(people(cast.alice, cast.opsAd));
    expect(r.outbox.find((m) => m.personId === cast.alice.personId)!.body).toContain(
      "Which bootloaders?",
    );
  });

  it("a comment notifies in-app but sends no e-mail", async () => {
    const r = await caused(() =>
      commentOnIssue(t.db, cast.bob, { issueId: issue, body: "We see this on our fleet too." }),
    );
    expect(r.events.map((e) => e.type)).toEqual(["commented"]);
    expect(ids(r.notifications)).toEqual(people(cast.alice, cast.iotopsChair, cast.opsAd));
    expect(r.notifications[0]!.subject).toContain("New comment on");
    expect(r.outbox).toEqual([]);
    // Commenting does not make the commenter a watcher.
    expect(await activeWatch(cast.bob, issue)).toBeNull();
  });

  it("unsubscribing stops notifications and e-mail, and automatic watching does not undo it", async () => {
    // Back to discussion first (the submitter's edit would answer; the chair restarts).
    await act(t.db, cast.iotopsChair, issue, { type: "start-discussion" });
    expect(
      await setWatch(t.db, cast.opsAd, {
        subjectType: "issue",
        subjectKey: String(issue),
        active: false,
      }),
    ).toEqual({ watching: false });
    expect(
      await setWatch(t.db, cast.iotopsChair, {
        subjectType: "issue",
        subjectKey: String(issue),
        active: false,
      }),
    ).toEqual({ watching: false });

    const r = await caused(() =>
      act(t.db, cast.iotopsChair2, issue, {
        type: "recommend",
        recommendation: SUIT_RECOMMENDATION,
      }),
    );
    expect(r.events.map((e) => e.type)).toEqual(["recommendation-recorded"]);
    expect(ids(r.notifications)).toEqual(people(cast.alice));
    expect(ids(r.outbox)).toEqual(people(cast.alice));

    // Reassigning the chair away and back again re-runs the automatic watch: it stays off.
    const { version } = await issueRow(t.db, issue);
    const away = await triageIssue(t.db, cast.secretariat, {
      issueId: issue,
      expectedVersion: version,
      responsibleChairId: cast.iotopsChair2.personId,
    });
    await triageIssue(t.db, cast.secretariat, {
      issueId: issue,
      expectedVersion: away.version,
      responsibleChairId: cast.iotopsChair.personId,
    });
    expect(await activeWatch(cast.iotopsChair, issue)).toMatchObject({ active: false });
    expect(await activeWatch(cast.iotopsChair2, issue)).toMatchObject({ active: true });

    const again = await caused(() =>
      act(t.db, cast.iotopsChair2, issue, { type: "request-review" }),
    );
    expect(again.events.map((e) => e.type)).toEqual(["review-requested"]);
    expect(ids(again.notifications)).toEqual(people(cast.alice));
    expect(ids(again.outbox)).toEqual(people(cast.alice));
    for (const a of [cast.opsAd, cast.iotopsChair]) {
      expect(await isWatching(t.db, a, { subjectType: "issue", subjectKey: String(issue) })).toBe(
        false,
      );
    }

    // Watching again brings notifications back.
    await setWatch(t.db, cast.opsAd, {
      subjectType: "issue",
      subjectKey: String(issue),
      active: true,
    });
    const back = await caused(() =>
      act(t.db, cast.secretariat, issue, { type: "return", comment: "Needs a wider review." }),
    );
    expect(ids(back.notifications)).toEqual(people(cast.alice, cast.iotopsChair2, cast.opsAd));
    expect(ids(back.outbox)).toEqual(people(cast.alice, cast.iotopsChair2, cast.opsAd));
  });

  it("e-mail off keeps in-app notifications but writes no outbox rows", async () => {
    expect(await setEmailPreference(t.db, cast.alice, false)).toEqual({ email: false });
    expect((await getSettings(t.db, cast.alice)).email).toBe(false);
    const r = await caused(() => act(t.db, cast.iotopsChair, issue, { type: "start-discussion" }));
    expect(r.events.map((e) => e.type)).toEqual(["discussion-started"]);
    expect(ids(r.notifications)).toEqual(people(cast.alice, cast.iotopsChair2, cast.opsAd));
    expect(ids(r.outbox)).toEqual(people(cast.iotopsChair2, cast.opsAd));

    await setEmailPreference(t.db, cast.alice, true);
    const on = await caused(() =>
      act(t.db, cast.iotopsChair, issue, {
        type: "recommend",
        recommendation: SUIT_RECOMMENDATION,
      }),
    );
    expect(ids(on.outbox)).toEqual(people(cast.alice, cast.iotopsChair2, cast.opsAd));
  });

  it("a manual watch of a public issue by anyone signed in works; anonymous cannot watch", async () => {
    await setWatch(t.db, cast.bob, {
      subjectType: "issue",
      subjectKey: String(issue),
      active: true,
    });
    const w = await activeWatch(cast.bob, issue);
    expect(w).toMatchObject({ active: true, automatic: false });
    const r = await caused(() => act(t.db, cast.iotopsChair, issue, { type: "request-review" }));
    expect(r.notifications.some((n) => n.personId === cast.bob.personId)).toBe(true);
    expect(r.outbox.some((n) => n.personId === cast.bob.personId)).toBe(true);
    await expectDomainError(
      setWatch(t.db, null, { subjectType: "issue", subjectKey: String(issue), active: true }),
      "UNAUTHENTICATED",
    );
  });

  it("markNotificationsRead marks only the caller's notifications, and unreadCount follows", async () => {
    const mine = await listNotifications(t.db, cast.alice);
    expect(mine.items.length).toBeGreaterThanOrEqual(5);
    expect(mine.items.every((n) => n.personId === cast.alice.personId)).toBe(true);
    expect(mine.unread).toBe(mine.items.length);
    expect(await unreadCount(t.db, cast.alice)).toBe(mine.items.length);
    const opsBefore = await unreadCount(t.db, cast.opsAd);
    expect(opsBefore).toBeGreaterThan(0);

    const two = mine.items.slice(0, 2).map((n) => n.id);
    const someoneElses = (await listNotifications(t.db, cast.opsAd)).items[0]!.id;
    const after = await markNotificationsRead(t.db, cast.alice, [...two, someoneElses]);
    expect(after).toEqual({ unread: mine.items.length - 2 });
    expect(await unreadCount(t.db, cast.opsAd)).toBe(opsBefore);
    const unreadOnly = await listNotifications(t.db, cast.alice, { unreadOnly: true });
    expect(unreadOnly.items.map((n) => n.id)).not.toContain(two[0]);
    expect(unreadOnly.items).toHaveLength(mine.items.length - 2);

    // Marking again is harmless; an empty list changes nothing.
    expect(await markNotificationsRead(t.db, cast.alice, two)).toEqual({
      unread: mine.items.length - 2,
    });
    expect(await markNotificationsRead(t.db, cast.alice, [])).toEqual({
      unread: mine.items.length - 2,
    });
    expect(await markNotificationsRead(t.db, cast.alice, "all")).toEqual({ unread: 0 });
    expect(await unreadCount(t.db, cast.alice)).toBe(0);
    expect(await unreadCount(t.db, cast.opsAd)).toBe(opsBefore);

    // A new notification is unread again.
    await commentOnIssue(t.db, cast.bob, { issueId: issue, body: "Ping." });
    expect(await unreadCount(t.db, cast.alice)).toBe(1);
  });
});

describe(`the outbox is written in the event's transaction on ${testDbKind()}`, () => {
  let issue: number;
  let dave: Actor;

  beforeAll(async () => {
    dave = await makePerson(t.db, "Dave Atomic Submitter");
    issue = await file(t.db, dave, { title: "Atomic outbox issue" });
  });

  async function nothingFor(since: number) {
    const evs = await eventsAfter(since);
    expect(evs).toEqual([]);
    const [n] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(outbox)
      .where(sql`${outbox.eventId} > ${since}`);
    expect(Number(n!.n)).toBe(0);
    const [m] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(sql`${notifications.eventId} > ${since}`);
    expect(Number(m!.n)).toBe(0);
    expect(await issueRow(t.db, issue)).toMatchObject({ state: "submitted", version: 1 });
  }

  it("a failing extra step in transitionIssue leaves neither event nor outbox row", async () => {
    const since = await lastEventId();
    await expect(
      transitionIssue(
        t.db,
        cast.iotopsChair,
        { issueId: issue, expectedVersion: 1, command: { type: "start-discussion" } },
        async () => {
          throw new Error("extra step failed");
        },
      ),
    ).rejects.toThrow("extra step failed");
    await nothingFor(since);
  });

  it("a failure after the event and its outbox rows were written rolls all of them back", async () => {
    const since = await lastEventId();
    let seen: { events: number; outbox: number; notifications: number } | null = null;
    await expect(
      t.db.transaction(async (tx) => {
        await transitionIssue(tx, cast.iotopsChair, {
          issueId: issue,
          expectedVersion: 1,
          command: { type: "start-discussion" },
        });
        const evs = await tx.select().from(events).where(gt(events.id, since));
        const evIds = evs.map((e) => e.id);
        seen = {
          events: evs.length,
          outbox: (await tx.select().from(outbox).where(inArray(outbox.eventId, evIds))).length,
          notifications: (
            await tx.select().from(notifications).where(inArray(notifications.eventId, evIds))
          ).length,
        };
        throw new Error("crash after the event");
      }),
    ).rejects.toThrow("crash after the event");
    // Inside the transaction the event, its e-mail (Dave, the OPS AD) and notifications existed.
    expect(seen).toEqual({ events: 1, outbox: 2, notifications: 2 });
    await nothingFor(since);
  });

  it("when writing the outbox fails, the event and the change are not kept either", async () => {
    await t.db.execute(
      sql.raw(`CREATE FUNCTION test_refuse_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'test: refusing outbox row %', NEW.message_id;
END $$`),
    );
    await t.db.execute(
      sql.raw(`CREATE TRIGGER test_refuse_outbox BEFORE INSERT ON outbox
  FOR EACH ROW EXECUTE FUNCTION test_refuse_outbox()`),
    );
    try {
      const since = await lastEventId();
      const err: unknown = await act(t.db, cast.iotopsChair, issue, {
        type: "start-discussion",
      }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, "the transition should have failed").not.toBeNull();
      expect(String((err as { cause?: unknown }).cause ?? err)).toContain("refusing outbox row");
      await nothingFor(since);
    } finally {
      await t.db.execute(sql.raw(`DROP TRIGGER test_refuse_outbox ON outbox`));
      await t.db.execute(sql.raw(`DROP FUNCTION test_refuse_outbox()`));
    }
    // Without the refusal the same change goes through with its e-mail.
    const r = await caused(() => act(t.db, cast.iotopsChair, issue, { type: "start-discussion" }));
    expect(ids(r.outbox)).toEqual(people(dave, cast.opsAd));
    expect((await issueEvents(t.db, issue)).map((e) => e.type)).toEqual([
      "filed",
      "discussion-started",
    ]);
  });
});

// Last: a second OPS AD would otherwise join the watchers of every later issue.
describe(`automatic watches of the area's ADs on ${testDbKind()}`, () => {
  it("every AD of the issue's area watches, and only of that area", async () => {
    const earlier = await file(t.db, cast.bob, { title: "Filed before the second AD" });
    const opsAd2 = await makePerson(t.db, "Olga Second Ops AD", [["ad", "ops"]]);
    const id = await file(t.db, cast.bob, { title: "Two ADs in the area" });
    expect(await activeWatch(opsAd2, id)).toMatchObject({ active: true, automatic: true });
    expect(await activeWatch(cast.opsAd, id)).toMatchObject({ active: true, automatic: true });
    expect(await activeWatch(cast.intAd, id)).toBeNull();
    // The second AD did not watch the issue filed before they got the role.
    expect(await activeWatch(opsAd2, earlier)).toBeNull();
    const r = await caused(() => act(t.db, cast.iotopsChair, id, { type: "start-discussion" }));
    // The new AD keeps the default choices: activity on an area issue is in-app only,
    // while the first AD asked for every kind of mail (see the top of this file).
    expect(ids(r.notifications)).toEqual(people(cast.bob, cast.opsAd, opsAd2));
    expect(ids(r.outbox)).toEqual(people(cast.bob, cast.opsAd));
  });
});
