import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, events, issues, people, roleGrants, savedViews, watches } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { loadActor } from "~/server/auth/load-actor";
import { createApiToken, personForApiToken, revokeApiToken } from "../api-tokens/api-tokens";
import { fileIssue } from "../issues/file-issue";
import { saveView } from "../views/save-view";
import { intake } from "../issues/test-fixtures";
import { authenticate } from "./authenticate";
import { mergeAccounts } from "./merge-accounts";
import { revokeSession, sessionVersionOf, signOutEverywhere } from "./sessions";
import { signInWithDatatracker } from "./sign-in-with-datatracker";
import { signUp } from "./sign-up";
import { markVerified } from "./test-helpers";

let t: TestDatabase;
const inAMonth = () => new Date(Date.now() + 30 * 24 * 60 * 60 * 1000);

async function typesOf(personId: number) {
  const rows = await t.db
    .select({ type: events.type, actorId: events.actorId })
    .from(events)
    .where(and(eq(events.subjectType, "person"), eq(events.subjectKey, String(personId))))
    .orderBy(events.id);
  return rows;
}

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

describe(`sessions on ${testDbKind()}`, () => {
  it("signing out refuses that session at once and keeps the person's other sessions", async () => {
    const { personId } = await signUp(t.db, {
      name: "Sam Sessions",
      email: "sam@example.org",
      password: "long-enough-pw",
    });
    const sv = (await sessionVersionOf(t.db, personId))!;
    expect(sv).toBe(1);
    const laptop = { sessionVersion: sv, sessionId: "laptop" };
    const phone = { sessionVersion: sv, sessionId: "phone" };
    expect(await loadActor(t.db, personId, laptop)).not.toBeNull();

    await revokeSession(t.db, { personId, sessionId: "laptop", expiresAt: inAMonth() });
    expect(await loadActor(t.db, personId, laptop)).toBeNull();
    expect(await loadActor(t.db, personId, phone)).toMatchObject({ personId });
    // signing out twice is harmless
    await revokeSession(t.db, { personId, sessionId: "laptop", expiresAt: inAMonth() });
    expect(await loadActor(t.db, personId, laptop)).toBeNull();
    expect((await typesOf(personId)).map((e) => e.type)).toContain("signed-out");
  });

  it("sign out everywhere ends every session; a new sign-in carries the new version", async () => {
    const { personId } = await signUp(t.db, {
      name: "Eva Everywhere",
      email: "eva@example.org",
      password: "long-enough-pw",
    });
    const actor = (await loadActor(t.db, personId))!;
    const old = [
      { sessionVersion: 1, sessionId: "a" },
      { sessionVersion: 1, sessionId: "b" },
      { sessionVersion: 1, sessionId: null },
    ];
    await signOutEverywhere(t.db, actor);
    for (const s of old) expect(await loadActor(t.db, personId, s)).toBeNull();
    const sv = (await sessionVersionOf(t.db, personId))!;
    expect(sv).toBe(2);
    expect(await loadActor(t.db, personId, { sessionVersion: sv, sessionId: "c" })).toMatchObject({
      personId,
    });
    const ev = (await typesOf(personId)).filter((e) => e.type === "signed-out");
    expect(ev).toEqual([{ type: "signed-out", actorId: personId }]);
    await expect(signOutEverywhere(t.db, null)).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
  });

  it("a token from before session ids is ended by raising the version", async () => {
    const { personId } = await signUp(t.db, {
      name: "Olly Old-Token",
      email: "olly@example.org",
      password: "long-enough-pw",
    });
    const legacy = { sessionVersion: 1, sessionId: null };
    expect(await loadActor(t.db, personId, legacy)).not.toBeNull();
    await revokeSession(t.db, { personId, sessionId: null, expiresAt: inAMonth() });
    expect(await loadActor(t.db, personId, legacy)).toBeNull();
  });
});

describe(`merging accounts on ${testDbKind()}`, () => {
  let dtPersonId: number;
  let localPersonId: number;
  let scriptToken: string;
  let revokedToken: string;

  beforeAll(async () => {
    // A password account that never confirmed its address, which filed an issue and watches a group.
    const local = await signUp(t.db, {
      name: "Mia Local",
      email: "mia@example.org",
      password: "mias-password-1",
    });
    localPersonId = local.personId;
    const localActor = (await loadActor(t.db, localPersonId))!;
    await fileIssue(t.db, localActor, intake());
    await t.db
      .insert(watches)
      .values({ personId: localPersonId, subjectType: "group", subjectKey: "suit" });
    await t.db
      .insert(roleGrants)
      .values({ personId: localPersonId, role: "chair", groupAcronym: "suit", source: "manual" });
    // A saved view, a token a script uses, and a revoked one.
    const localChair = (await loadActor(t.db, localPersonId))!;
    await saveView(t.db, localChair, {
      page: "issues",
      name: "Mine",
      filters: { states: ["submitted"] },
    });
    scriptToken = (await createApiToken(t.db, localChair, { name: "script" })).token;
    const old = await createApiToken(t.db, localChair, { name: "old" });
    revokedToken = old.token;
    await revokeApiToken(t.db, localChair, { id: old.id });
    // The same human signs in with the Datatracker: a separate, verified account.
    const dt = await signInWithDatatracker(t.db, {
      sub: "dt-mia",
      email: "mia@example.org",
      name: "Mia Datatracker",
      roles: [["chair", "iotops"]],
    });
    if (!dt.ok) throw new Error("Datatracker sign-in failed");
    dtPersonId = dt.personId;
    expect(dtPersonId).not.toBe(localPersonId);
  });

  it("refuses a wrong password, the account itself and anonymous callers, changing nothing", async () => {
    const dtActor = (await loadActor(t.db, dtPersonId))!;
    await expect(
      mergeAccounts(t.db, dtActor, { email: "mia@example.org", password: "wrong-password" }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      mergeAccounts(t.db, dtActor, { email: "nobody@example.org", password: "mias-password-1" }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    const localActor = (await loadActor(t.db, localPersonId))!;
    await expect(
      mergeAccounts(t.db, localActor, { email: "mia@example.org", password: "mias-password-1" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      mergeAccounts(t.db, null, { email: "mia@example.org", password: "mias-password-1" }),
    ).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const [local] = await t.db.select().from(people).where(eq(people.id, localPersonId));
    expect(local?.mergedInto).toBeNull();
  });

  it("moves roles, issues, watches and the password to the proven survivor, with events", async () => {
    const localIssues = await t.db
      .select({ id: issues.id })
      .from(issues)
      .where(eq(issues.submitterId, localPersonId));
    expect(localIssues).toHaveLength(1);
    const dtActor = (await loadActor(t.db, dtPersonId))!;
    const res = await mergeAccounts(t.db, dtActor, {
      email: "MIA@example.org",
      password: "mias-password-1",
    });
    expect(res).toMatchObject({
      mergedPersonId: localPersonId,
      moved: { roles: 1, issues: 1, links: 0, views: 1, tokens: 1 },
    });
    // the view and the live token now belong to the survivor; the revoked token stays dead
    const views = await t.db.select().from(savedViews).where(eq(savedViews.name, "Mine"));
    expect(views.map((v) => v.ownerId)).toEqual([dtPersonId]);
    expect(await personForApiToken(t.db, scriptToken)).toMatchObject({ personId: dtPersonId });
    expect(await personForApiToken(t.db, revokedToken)).toBeNull();
    const survivor = (await loadActor(t.db, dtPersonId))!;
    expect(survivor.roles).toEqual(
      expect.arrayContaining([
        { role: "chair", group: "iotops" },
        { role: "chair", group: "suit" },
      ]),
    );
    expect(survivor.emailVerified).toBe(true);
    const moved = await t.db.select().from(issues).where(eq(issues.id, localIssues[0]!.id));
    expect(moved[0]?.submitterId).toBe(dtPersonId);
    const w = await t.db.select().from(watches).where(eq(watches.personId, dtPersonId));
    expect(w.map((x) => x.subjectKey)).toContain("suit");
    // the merged account cannot be used any more; its password now opens the survivor
    expect(await loadActor(t.db, localPersonId)).toBeNull();
    expect(
      await loadActor(t.db, localPersonId, { sessionVersion: 1, sessionId: "old" }),
    ).toBeNull();
    expect(await authenticate(t.db, "mia@example.org", "mias-password-1")).toMatchObject({
      id: dtPersonId,
    });
    // the Datatracker subject still leads to the survivor
    const again = await signInWithDatatracker(t.db, {
      sub: "dt-mia",
      email: "mia@example.org",
      roles: [["chair", "iotops"]],
    });
    expect(again).toMatchObject({ ok: true, personId: dtPersonId, matchedBy: "subject" });
    expect((await typesOf(dtPersonId)).map((e) => e.type)).toContain("accounts-merged");
    expect(await typesOf(localPersonId)).toContainEqual({
      type: "account-merged-into",
      actorId: dtPersonId,
    });
    // merging the same account again is refused
    await expect(
      mergeAccounts(t.db, survivor, { email: "mia@example.org", password: "mias-password-1" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("a merge the other way round moves the Datatracker link to the password account", async () => {
    const a = await signUp(t.db, {
      name: "Ann Password",
      email: "ann@example.org",
      password: "anns-password-1",
    });
    await markVerified(t.db, a.personId);
    const b = await signUp(t.db, {
      name: "Ann Second",
      email: "ann.second@example.org",
      password: "anns-password-2",
    });
    await t.db
      .insert(accounts)
      .values({ personId: b.personId, provider: "datatracker", providerAccountId: "dt-ann" });
    const annActor = (await loadActor(t.db, a.personId))!;
    const res = await mergeAccounts(t.db, annActor, {
      email: "ann.second@example.org",
      password: "anns-password-2",
    });
    expect(res.moved.links).toBe(1);
    const dt = await signInWithDatatracker(t.db, { sub: "dt-ann", email: "x@example.org" });
    expect(dt).toMatchObject({ ok: true, personId: a.personId, matchedBy: "subject" });
    // the survivor keeps its own password; the other's no longer opens anything
    expect(await authenticate(t.db, "ann@example.org", "anns-password-1")).toMatchObject({
      id: a.personId,
    });
    expect(await authenticate(t.db, "ann.second@example.org", "anns-password-2")).toBeNull();
  });
});
