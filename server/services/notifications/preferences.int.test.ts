/**
 * Who is mailed by default, how each person's per-kind choice changes it, and
 * the daily digest: one message per person per period, never two, whether the
 * worker runs again after a restart or several run at once.
 */
import { and, asc, eq, inArray, isNull, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { digestItems, digests, events, notificationKindPrefs, outbox } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import type { Actor } from "~/server/domain/permissions/actor";
import {
  act,
  callerFor,
  expectDomainError,
  file,
  intake,
  issueRow,
  makeCast,
  makePerson,
  SUIT_RECOMMENDATION,
  type Cast,
} from "~/server/services/issues/test-fixtures";
import { editIssue } from "~/server/services/issues/edit-issue";
import { mergeAccounts } from "~/server/services/people/merge-accounts";
import { buildDigests } from "./build-digests";
import { setDeliveryPreference } from "./preferences";
import { setWatch } from "./watches";

let t: TestDatabase;
let cast: Cast;
const BASE = "https://dispatch.example";
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestDatabase();
  cast = await makeCast(t.db);
});
afterAll(async () => t?.destroy());

async function issueEventIds(id: number): Promise<number[]> {
  const rows = await t.db
    .select({ id: events.id })
    .from(events)
    .where(and(eq(events.subjectType, "issue"), eq(events.subjectKey, String(id))));
  return rows.map((r) => r.id);
}

/** Outbox rows about the issue's events, as [person, subject]. */
async function mailAbout(id: number) {
  const evs = await issueEventIds(id);
  const rows = await t.db
    .select()
    .from(outbox)
    .where(inArray(outbox.eventId, evs))
    .orderBy(asc(outbox.id));
  return rows.map((r) => [r.personId, r.subject] as const);
}

const to = (a: Actor) => a.personId;

describe(`default e-mail choices on ${testDbKind()}`, () => {
  it("mails only what needs the person's action, what they watch, and their own issue", async () => {
    const id = await file(t.db, cast.alice, { title: "Default choices issue" });
    // Bob watches the issue himself; the OPS AD watches it automatically.
    await setWatch(t.db, cast.bob, { subjectType: "issue", subjectKey: String(id), active: true });
    await act(t.db, cast.iotopsChair, id, { type: "start-discussion" });
    await act(t.db, cast.iotopsChair, id, {
      type: "recommend",
      recommendation: SUIT_RECOMMENDATION,
    });
    await act(t.db, cast.iotopsChair, id, { type: "request-review" });
    await act(t.db, cast.opsAd, id, { type: "approve", rationale: "Agreed." });
    const mail = await mailAbout(id);
    const ref = `#${id} Default choices issue`;
    const forAd = mail.filter(([p]) => p === to(cast.opsAd)).map(([, s]) => s);
    // The AD: only the review that needs them, not discussion or recommendation activity.
    expect(forAd).toEqual([`OPS AD review requested: ${ref} (Existing WG: SUIT)`]);
    // The SUIT chair: the hand-off that needs their acknowledgement.
    expect(mail.filter(([p]) => p === to(cast.suitChair)).map(([, s]) => s)).toEqual([
      `OPS AD approved: ${ref} is dispatched to SUIT`,
    ]);
    // The submitter and the explicit watcher hear about every state change.
    expect(mail.filter(([p]) => p === to(cast.alice))).toHaveLength(4);
    expect(mail.filter(([p]) => p === to(cast.bob))).toHaveLength(4);
    // Nothing waits for a digest: nobody chose one.
    const evs = await issueEventIds(id);
    expect(await t.db.select().from(digestItems).where(inArray(digestItems.eventId, evs))).toEqual(
      [],
    );
  });

  it("a choice applies to its kind only, and off silences it", async () => {
    await setDeliveryPreference(t.db, cast.bob, { kind: "watched", delivery: "off" });
    const id = await file(t.db, cast.alice, { title: "Choices per kind" });
    await setWatch(t.db, cast.bob, { subjectType: "issue", subjectKey: String(id), active: true });
    await act(t.db, cast.iotopsChair, id, { type: "start-discussion" });
    const mail = await mailAbout(id);
    expect(mail.map(([p]) => p)).toEqual([to(cast.alice)]);
    await setDeliveryPreference(t.db, cast.bob, { kind: "watched", delivery: "immediately" });
  });
});

describe(`choosing through the API on ${testDbKind()}`, () => {
  it("reads back the effective choices, defaults included", async () => {
    const api = callerFor(t.db, t.mode, cast.intAd);
    expect((await api.notification.deliveries()).kinds).toEqual({
      action: "immediately",
      watched: "immediately",
      filed: "immediately",
      activity: "off",
    });
    await api.notification.setDelivery({ kind: "activity", delivery: "digest" });
    expect((await api.notification.deliveries()).kinds.activity).toBe("digest");
  });

  it.each([
    ["__proto__", { kind: "__proto__", delivery: "digest" }],
    ["toString", { kind: "toString", delivery: "off" }],
    ["an unknown delivery", { kind: "action", delivery: "weekly" }],
    ["a NUL byte", { kind: "action\u0000", delivery: "off" }],
    ["a huge kind", { kind: "x".repeat(100_000), delivery: "off" }],
    ["a missing delivery", { kind: "action" }],
  ])("refuses %s as a bad request", async (_label, input) => {
    const api = callerFor(t.db, t.mode, cast.bob);
    await expect(api.notification.setDelivery(input as never)).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("anonymous callers have no choices to read or make", async () => {
    await expectDomainError(
      setDeliveryPreference(t.db, null, { kind: "action", delivery: "off" }),
      "UNAUTHENTICATED",
    );
    const api = callerFor(t.db, t.mode, null);
    await expect(api.notification.deliveries()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe(`the daily digest on ${testDbKind()}`, () => {
  let issueA: number;
  let issueB: number;

  beforeAll(async () => {
    // The OPS AD wants the activity on area issues once a day.
    await setDeliveryPreference(t.db, cast.opsAd, { kind: "activity", delivery: "digest" });
    issueA = await file(t.db, cast.alice, { title: "Digest issue A" });
    issueB = await file(t.db, cast.bob, { title: "Digest issue B" });
    await act(t.db, cast.iotopsChair, issueA, { type: "start-discussion" });
    await act(t.db, cast.iotopsChair, issueB, { type: "start-discussion" });
    await act(t.db, cast.iotopsChair, issueA, {
      type: "close",
      reason: "out-of-scope",
    });
  });

  async function adDigests() {
    return t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.personId, to(cast.opsAd)), like(outbox.messageId, "<digest-%")))
      .orderBy(asc(outbox.id));
  }

  it("queues the AD's activity instead of mailing it", async () => {
    expect((await mailAbout(issueA)).filter(([p]) => p === to(cast.opsAd))).toEqual([]);
    const waiting = await t.db
      .select()
      .from(digestItems)
      .where(and(eq(digestItems.personId, to(cast.opsAd)), isNull(digestItems.digestId)));
    expect(waiting.map((w) => w.subject)).toEqual([
      `#${issueA} Digest issue A is in discussion`,
      `#${issueB} Digest issue B is in discussion`,
      `#${issueA} Digest issue A was closed: out of scope`,
    ]);
  });

  it("builds nothing before the period closes", async () => {
    expect(await buildDigests(t.db, { now: new Date(), baseUrl: BASE })).toEqual({ built: 0 });
    expect(await adDigests()).toEqual([]);
  });

  it("builds one message per person once the period closed, and never a second", async () => {
    const tomorrow = new Date(Date.now() + DAY);
    const first = await buildDigests(t.db, { now: tomorrow, baseUrl: BASE });
    expect(first.built).toBeGreaterThanOrEqual(1);
    // Run again, as after a restart, and several at once, as on several app servers.
    expect(await buildDigests(t.db, { now: tomorrow, baseUrl: BASE })).toEqual({ built: 0 });
    const concurrent = await Promise.all(
      [1, 2, 3].map(() => buildDigests(t.db, { now: tomorrow, baseUrl: BASE })),
    );
    expect(concurrent.map((r) => r.built)).toEqual([0, 0, 0]);
    const mine = await adDigests();
    expect(mine).toHaveLength(1);
    const [m] = mine;
    expect(m!.toAddress).toBe(cast.opsAd.email);
    expect(m!.subject).toMatch(
      /^Your IOTOPS Dispatch digest for \d{4}-\d{2}-\d{2}: 3 updates on 2 items$/,
    );
    expect(m!.body).toContain(
      `- #${issueA} Digest issue A is in discussion\n- #${issueA} Digest issue A was closed: out of scope\n  ${BASE}/issues/${issueA}`,
    );
    expect(m!.body).toContain(`${BASE}/issues/${issueB}`);
    const rows = await t.db
      .select()
      .from(digests)
      .where(eq(digests.personId, to(cast.opsAd)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.itemCount).toBe(3);
  });

  it("builds concurrently from scratch exactly one digest per person", async () => {
    await act(t.db, cast.iotopsChair, issueB, {
      type: "close",
      reason: "out-of-scope",
    });
    const later = new Date(Date.now() + 3 * DAY);
    const runs = await Promise.all(
      [1, 2, 3, 4].map(() => buildDigests(t.db, { now: later, baseUrl: BASE })),
    );
    expect(runs.reduce((n, r) => n + r.built, 0)).toBe(1);
    const mine = await adDigests();
    expect(mine).toHaveLength(2);
    expect(mine[1]!.subject).toMatch(/: 1 update on 1 item$/);
    expect(new Set(mine.map((m) => m.messageId)).size).toBe(2);
  });
});

describe(`the digest and confidentiality on ${testDbKind()}`, () => {
  it("leaves out an issue made confidential after it was queued, and keeps the rest", async () => {
    await setDeliveryPreference(t.db, cast.bob, { kind: "watched", delivery: "digest" });
    const open = await file(t.db, cast.alice, { title: "Stays public sensor issue" });
    const soon = await file(t.db, cast.alice, { title: "Soon confidential sensor issue" });
    for (const id of [open, soon]) {
      await setWatch(t.db, cast.bob, {
        subjectType: "issue",
        subjectKey: String(id),
        active: true,
      });
      await act(t.db, cast.iotopsChair, id, { type: "request-info", message: "Which gateways?" });
    }
    const queued = await t.db
      .select({ subject: digestItems.subject })
      .from(digestItems)
      .where(and(eq(digestItems.personId, to(cast.bob)), isNull(digestItems.digestId)));
    expect(queued.map((q) => q.subject)).toEqual([
      `More information requested on #${open} Stays public sensor issue`,
      `More information requested on #${soon} Soon confidential sensor issue`,
    ]);
    // The submitter makes the second one confidential: Bob may no longer see it.
    await editIssue(t.db, cast.alice, {
      issueId: soon,
      expectedVersion: (await issueRow(t.db, soon)).version,
      fields: intake({ title: "Soon confidential sensor issue", confidential: true }),
    });
    await buildDigests(t.db, { now: new Date(Date.now() + 6 * DAY), baseUrl: BASE });
    const [mail, ...more] = await t.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.personId, to(cast.bob)), like(outbox.messageId, "<digest-%")));
    expect(more).toEqual([]);
    expect(mail!.subject).toMatch(/: 1 update on 1 item$/);
    expect(mail!.body).toContain(`#${open} Stays public sensor issue`);
    expect(mail!.body).not.toContain("Soon confidential");
    expect(mail!.body).not.toContain(`/issues/${soon}`);
    await setDeliveryPreference(t.db, cast.bob, { kind: "watched", delivery: "immediately" });
  });
});

describe(`merging accounts on ${testDbKind()}`, () => {
  it("hands the merged account's waiting digest items to the survivor and drops its choices", async () => {
    const old = await makePerson(t.db, "Otto Old Account");
    const survivor = await makePerson(t.db, "Sam Survivor");
    await setDeliveryPreference(t.db, old, { kind: "watched", delivery: "digest" });
    const id = await file(t.db, cast.alice, { title: "Merged watcher issue" });
    await setWatch(t.db, old, { subjectType: "issue", subjectKey: String(id), active: true });
    await act(t.db, cast.iotopsChair, id, { type: "start-discussion" });
    const pendingOf = async (personId: number) =>
      (
        await t.db
          .select({ subject: digestItems.subject })
          .from(digestItems)
          .where(and(eq(digestItems.personId, personId), isNull(digestItems.digestId)))
      ).map((r) => r.subject);
    expect(await pendingOf(old.personId)).toEqual([`#${id} Merged watcher issue is in discussion`]);

    await mergeAccounts(t.db, survivor, { email: old.email, password: "long-enough-pw" });
    expect(await pendingOf(old.personId)).toEqual([]);
    expect(await pendingOf(survivor.personId)).toEqual([
      `#${id} Merged watcher issue is in discussion`,
    ]);
    expect(
      await t.db
        .select()
        .from(notificationKindPrefs)
        .where(eq(notificationKindPrefs.personId, old.personId)),
    ).toEqual([]);
  });
});
