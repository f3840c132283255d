import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events, roleGrants } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { loadActor } from "~/server/auth/load-actor";
import { markVerified } from "../people/test-helpers";
import { signUp } from "../people/sign-up";
import { grantRole, listRoleGrants, revokeRole } from "./manage-roles";
import type { Actor } from "~/server/domain/permissions/actor";
import { DomainError } from "~/server/domain/errors";

let t: TestDatabase;
let secretariat: Actor;
let alice: Actor;

describe(`role grants on ${testDbKind()}`, () => {
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
    const a = await signUp(t.db, {
      name: "Alice Author",
      email: "alice@example.org",
      password: "long-enough-pw",
    });
    await markVerified(t.db, a.personId);
    secretariat = (await loadActor(t.db, s.personId))!;
    alice = (await loadActor(t.db, a.personId))!;
  });
  afterAll(async () => t?.destroy());

  it("grants a role and records the grant as an event by the secretariat", async () => {
    const { grantId } = await grantRole(t.db, secretariat, {
      email: "ALICE@example.org",
      role: "chair",
      group: "iotops",
    });
    const reloaded = await loadActor(t.db, alice.personId);
    expect(reloaded?.roles).toContainEqual({ role: "chair", group: "iotops" });
    const ev = await t.db
      .select()
      .from(events)
      .where(and(eq(events.type, "role-granted"), eq(events.subjectKey, String(alice.personId))));
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({
      actorId: secretariat.personId,
      actorCapacity: "secretariat",
      groupAcronym: "iotops",
    });
    expect(ev[0]!.payload).toMatchObject({ role: "chair", group: "iotops", grantId });
  });

  it("refuses to grant a role to an unverified address, writing nothing", async () => {
    const u = await signUp(t.db, {
      name: "Squatter",
      email: "real-chair@example.org",
      password: "long-enough-pw",
    });
    const before = await t.db.select().from(events).where(eq(events.type, "role-granted"));
    await expect(
      grantRole(t.db, secretariat, {
        email: "real-chair@example.org",
        role: "chair",
        group: "iotops",
      }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining("verified address real-chair@example.org"),
    });
    expect((await loadActor(t.db, u.personId))?.roles).toEqual([]);
    const after = await t.db.select().from(events).where(eq(events.type, "role-granted"));
    expect(after).toHaveLength(before.length);
  });

  it("refuses a duplicate grant with a clear conflict", async () => {
    await expect(
      grantRole(t.db, secretariat, { email: "alice@example.org", role: "chair", group: "iotops" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("revokes a role and records it", async () => {
    const [grant] = await t.db
      .select()
      .from(roleGrants)
      .where(eq(roleGrants.personId, alice.personId));
    await revokeRole(t.db, secretariat, { grantId: grant!.id });
    expect((await loadActor(t.db, alice.personId))?.roles).toEqual([]);
    const ev = await t.db.select().from(events).where(eq(events.type, "role-revoked"));
    expect(ev.map((e) => e.payload)).toContainEqual(
      expect.objectContaining({ grantId: grant!.id, role: "chair" }),
    );
  });

  it("refuses non-secretariat and anonymous callers, changing nothing", async () => {
    const before = await t.db.select().from(roleGrants);
    await expect(
      grantRole(t.db, alice, { email: "alice@example.org", role: "chair", group: "suit" }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      grantRole(t.db, null, { email: "alice@example.org", role: "chair", group: "suit" }),
    ).rejects.toBeInstanceOf(DomainError);
    await expect(listRoleGrants(t.db, alice)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await t.db.select().from(roleGrants)).toEqual(before);
  });
});
