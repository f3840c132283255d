import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, events, people, roleGrants } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { loadActor } from "~/server/auth/load-actor";
import type { Actor } from "~/server/domain/permissions/actor";
import { grantRole } from "../roles/manage-roles";
import { authenticate } from "./authenticate";
import {
  DATATRACKER_SIGN_IN_CAPACITY,
  personForDatatrackerSubject,
  signInWithDatatracker,
} from "./sign-in-with-datatracker";
import { signUp } from "./sign-up";
import { markVerified } from "./test-helpers";

let t: TestDatabase;

async function personIdForDatatrackerSubject(db: TestDatabase["db"], subject: string) {
  return (await personForDatatrackerSubject(db, subject))?.id ?? null;
}
let secretariat: Actor;

/** A Datatracker userinfo response, as the real one looks (no email_verified unless given). */
function claims(
  sub: string,
  email: string,
  roles: unknown,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { sub, name: `Person ${sub}`, email, nickname: "-", picture: "", roles, ...extra };
}

async function grantsOf(personId: number) {
  const rows = await t.db
    .select({ role: roleGrants.role, group: roleGrants.groupAcronym, source: roleGrants.source })
    .from(roleGrants)
    .where(eq(roleGrants.personId, personId));
  return rows.sort((a, b) =>
    `${a.source}/${a.role}/${a.group}`.localeCompare(`${b.source}/${b.role}/${b.group}`),
  );
}

async function eventsOf(personId: number) {
  return t.db
    .select()
    .from(events)
    .where(and(eq(events.subjectType, "person"), eq(events.subjectKey, String(personId))))
    .orderBy(events.id);
}

async function count(table: typeof people | typeof accounts | typeof events) {
  const [row] = await t.db.select({ n: sql<number>`count(*)::int` }).from(table);
  return row!.n;
}

describe(`Datatracker sign-in on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    const s = await signUp(t.db, {
      name: "Sec Retariat",
      email: "sec@example.org",
      password: "long-enough-pw",
    });
    await t.db
      .insert(roleGrants)
      .values({ personId: s.personId, role: "secretariat", groupAcronym: "secretariat" });
    secretariat = (await loadActor(t.db, s.personId))!;
  });
  afterAll(async () => t?.destroy());

  it("creates a person on first sign-in, links the subject and grants the claimed roles", async () => {
    const res = await signInWithDatatracker(
      t.db,
      claims("dt-100", "Carla@Example.org", [
        ["chair", "iotops"],
        ["techadv", "t2trg"],
      ]),
    );
    expect(res).toMatchObject({ ok: true, matchedBy: "created", email: "carla@example.org" });
    if (!res.ok) return;
    expect(res.name).toBe("Person dt-100");
    expect(await personIdForDatatrackerSubject(t.db, "dt-100")).toBe(res.personId);
    expect(await grantsOf(res.personId)).toEqual([
      { role: "chair", group: "iotops", source: "datatracker" },
      { role: "techadv", group: "t2trg", source: "datatracker" },
    ]);
    const [person] = await t.db.select().from(people).where(eq(people.id, res.personId));
    expect(person?.passwordHash).toBeNull();
    expect(person?.emailVerified).toBeInstanceOf(Date);

    const ev = await eventsOf(res.personId);
    expect(ev.map((e) => e.type)).toEqual([
      "person-signed-up",
      "account-linked",
      "role-granted",
      "role-granted",
    ]);
    for (const e of ev) {
      expect(e).toMatchObject({
        actorId: res.personId,
        actorCapacity: DATATRACKER_SIGN_IN_CAPACITY,
      });
    }
    expect(ev[1]!.payload).toMatchObject({
      provider: "datatracker",
      subject: "dt-100",
      matchedBy: "new-person",
    });
    expect(ev[2]).toMatchObject({ groupAcronym: "iotops" });
    expect(ev[2]!.payload).toMatchObject({ role: "chair", group: "iotops", source: "datatracker" });

    // the roles apply: loadActor reads them fresh
    const actor = await loadActor(t.db, res.personId);
    expect(actor?.roles).toContainEqual({ role: "chair", group: "iotops" });
  });

  it("a second sign-in with the same claim changes nothing and records nothing", async () => {
    const personId = (await personIdForDatatrackerSubject(t.db, "dt-100"))!;
    const before = await count(events);
    const res = await signInWithDatatracker(
      t.db,
      claims("dt-100", "carla@example.org", [
        ["techadv", "t2trg"],
        ["chair", "iotops"],
      ]),
    );
    expect(res).toMatchObject({
      ok: true,
      personId,
      matchedBy: "subject",
      granted: [],
      revoked: [],
    });
    expect(await count(events)).toBe(before);
  });

  it("removes a role the claim drops, keeps a manual grant of the same role, and records the revocation", async () => {
    const personId = (await personIdForDatatrackerSubject(t.db, "dt-100"))!;
    // the secretariat grants the same role by hand, plus another one
    await grantRole(t.db, secretariat, {
      email: "carla@example.org",
      role: "chair",
      group: "iotops",
    });
    await grantRole(t.db, secretariat, { email: "carla@example.org", role: "ad", group: "ops" });

    const res = await signInWithDatatracker(
      t.db,
      claims("dt-100", "carla@example.org", [["techadv", "t2trg"]]),
    );
    expect(res).toMatchObject({
      ok: true,
      granted: [],
      revoked: [{ role: "chair", group: "iotops" }],
    });
    expect(await grantsOf(personId)).toEqual([
      { role: "techadv", group: "t2trg", source: "datatracker" },
      { role: "ad", group: "ops", source: "manual" },
      { role: "chair", group: "iotops", source: "manual" },
    ]);
    const revoked = (await eventsOf(personId)).filter((e) => e.type === "role-revoked");
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatchObject({
      actorCapacity: DATATRACKER_SIGN_IN_CAPACITY,
      groupAcronym: "iotops",
    });
    expect(revoked[0]!.payload).toMatchObject({
      role: "chair",
      group: "iotops",
      source: "datatracker",
    });
    // manual and Datatracker grants both apply
    const actor = await loadActor(t.db, personId);
    expect(actor?.roles).toEqual(
      expect.arrayContaining([
        { role: "chair", group: "iotops" },
        { role: "ad", group: "ops" },
        { role: "techadv", group: "t2trg" },
      ]),
    );
  });

  it("a missing roles claim removes every Datatracker role but no manual one", async () => {
    const personId = (await personIdForDatatrackerSubject(t.db, "dt-100"))!;
    const res = await signInWithDatatracker(t.db, {
      sub: "dt-100",
      email: "carla@example.org",
      name: "Carla",
    });
    expect(res).toMatchObject({ ok: true, revoked: [{ role: "techadv", group: "t2trg" }] });
    expect(await grantsOf(personId)).toEqual([
      { role: "ad", group: "ops", source: "manual" },
      { role: "chair", group: "iotops", source: "manual" },
    ]);
  });

  it("adds a role again when the claim brings it back, beside the manual grant", async () => {
    const personId = (await personIdForDatatrackerSubject(t.db, "dt-100"))!;
    await signInWithDatatracker(t.db, claims("dt-100", "carla@example.org", [["chair", "iotops"]]));
    expect(await grantsOf(personId)).toEqual([
      { role: "chair", group: "iotops", source: "datatracker" },
      { role: "ad", group: "ops", source: "manual" },
      { role: "chair", group: "iotops", source: "manual" },
    ]);
  });

  it("links a password account with the same (verified) email: one person, both ways in", async () => {
    const { personId } = await signUp(t.db, {
      name: "Pat Password",
      email: "pat@example.org",
      password: "long-enough-pw",
    });
    await markVerified(t.db, personId);
    const res = await signInWithDatatracker(
      t.db,
      claims("dt-200", "PAT@example.org", [["chair", "suit"]], { email_verified: true }),
    );
    expect(res).toMatchObject({ ok: true, personId, matchedBy: "email", name: "Pat Password" });
    expect(await personIdForDatatrackerSubject(t.db, "dt-200")).toBe(personId);
    expect(await grantsOf(personId)).toEqual([
      { role: "chair", group: "suit", source: "datatracker" },
    ]);
    const linked = (await eventsOf(personId)).find((e) => e.type === "account-linked");
    expect(linked?.payload).toMatchObject({ matchedBy: "email", subject: "dt-200" });
    // the password still works for the same person
    expect(await authenticate(t.db, "pat@example.org", "long-enough-pw")).toMatchObject({
      id: personId,
    });
  });

  it("links by email when the claim says nothing about verification (as the Datatracker does)", async () => {
    const { personId } = await signUp(t.db, {
      name: "Quinn Quiet",
      email: "quinn@example.org",
      password: "long-enough-pw",
    });
    await markVerified(t.db, personId);
    const res = await signInWithDatatracker(t.db, claims("dt-300", "quinn@example.org", []));
    expect(res).toMatchObject({ ok: true, personId, matchedBy: "email" });
  });

  it("never links an unverified sign-up: the real owner gets a separate account with the roles", async () => {
    // Someone signs up first with the chair's address and never confirms it.
    const squatter = await signUp(t.db, {
      name: "Squatter",
      email: "real-chair@example.org",
      password: "squatters-password",
    });
    const res = await signInWithDatatracker(
      t.db,
      claims("dt-350", "Real-Chair@example.org", [["chair", "iotops"]]),
    );
    expect(res).toMatchObject({ ok: true, matchedBy: "created", email: "real-chair@example.org" });
    if (!res.ok) return;
    expect(res.personId).not.toBe(squatter.personId);
    expect(await personIdForDatatrackerSubject(t.db, "dt-350")).toBe(res.personId);
    // the roles went to the Datatracker person only
    expect(await grantsOf(squatter.personId)).toEqual([]);
    expect(await grantsOf(res.personId)).toEqual([
      { role: "chair", group: "iotops", source: "datatracker" },
    ]);
    // the new person's address is verified; the squatter's is not, and their password
    // still signs in to their own (roleless) account only
    const [created] = await t.db.select().from(people).where(eq(people.id, res.personId));
    expect(created?.emailVerified).toBeInstanceOf(Date);
    const bySquatter = await authenticate(t.db, "real-chair@example.org", "squatters-password");
    expect(bySquatter?.id).toBe(squatter.personId);
    expect((await loadActor(t.db, squatter.personId))?.roles).toEqual([]);
    // a second sign-in finds the same person by subject
    const again = await signInWithDatatracker(
      t.db,
      claims("dt-350", "real-chair@example.org", [["chair", "iotops"]]),
    );
    expect(again).toMatchObject({ ok: true, personId: res.personId, matchedBy: "subject" });
  });

  it("refuses an unverified email that belongs to someone here, writing nothing", async () => {
    const { personId } = await signUp(t.db, {
      name: "Vic Victim",
      email: "vic@example.org",
      password: "long-enough-pw",
    });
    const before = {
      people: await count(people),
      accounts: await count(accounts),
      events: await count(events),
    };
    const res = await signInWithDatatracker(
      t.db,
      claims("dt-400", "vic@example.org", [["secretariat", "secretariat"]], {
        email_verified: false,
      }),
    );
    expect(res).toEqual({ ok: false, reason: "email-unverified" });
    expect(await personIdForDatatrackerSubject(t.db, "dt-400")).toBeNull();
    expect(await grantsOf(personId)).toEqual([]);
    expect({
      people: await count(people),
      accounts: await count(accounts),
      events: await count(events),
    }).toEqual(before);
  });

  it("refuses an unverified email nobody has, creating no one", async () => {
    const before = await count(people);
    const res = await signInWithDatatracker(
      t.db,
      claims("dt-401", "new-unverified@example.org", [], { email_verified: "false" }),
    );
    expect(res).toEqual({ ok: false, reason: "email-unverified" });
    expect(await count(people)).toBe(before);
  });

  it("refuses a sign-in without an email or without a subject", async () => {
    expect(await signInWithDatatracker(t.db, claims("dt-500", "", []))).toEqual({
      ok: false,
      reason: "no-email",
    });
    expect(await signInWithDatatracker(t.db, { email: "x@example.org" })).toEqual({
      ok: false,
      reason: "no-subject",
    });
  });

  it("a linked subject stays the same person when the Datatracker email changes", async () => {
    const personId = (await personIdForDatatrackerSubject(t.db, "dt-200"))!;
    const res = await signInWithDatatracker(
      t.db,
      claims("dt-200", "pat-new@example.org", [["chair", "suit"]], { email_verified: false }),
    );
    expect(res).toMatchObject({
      ok: true,
      personId,
      matchedBy: "subject",
      email: "pat@example.org",
    });
  });

  it("keeps unknown role names and groups, and ignores malformed entries", async () => {
    const res = await signInWithDatatracker(
      t.db,
      claims("dt-600", "odd@example.org", [
        ["liaison_contact", "ietf-iab"],
        ["chair", "some-bof"],
        ["chair"],
        "nonsense",
      ]),
    );
    expect(res).toMatchObject({ ok: true, ignoredRoles: [["chair"], "nonsense"] });
    if (!res.ok) return;
    expect(await grantsOf(res.personId)).toEqual([
      { role: "chair", group: "some-bof", source: "datatracker" },
      { role: "liaison_contact", group: "ietf-iab", source: "datatracker" },
    ]);
  });

  it("two first sign-ins at once make one person with one set of grants", async () => {
    const c = claims("dt-700", "twice@example.org", [["chair", "iotops"]]);
    const [a, b] = await Promise.all([
      signInWithDatatracker(t.db, c),
      signInWithDatatracker(t.db, c),
    ]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.personId).toBe(b.personId);
    expect(await grantsOf(a.personId)).toEqual([
      { role: "chair", group: "iotops", source: "datatracker" },
    ]);
    const types = (await eventsOf(a.personId)).map((e) => e.type);
    expect(types.filter((x) => x === "person-signed-up")).toHaveLength(1);
    expect(types.filter((x) => x === "role-granted")).toHaveLength(1);
  });
});
