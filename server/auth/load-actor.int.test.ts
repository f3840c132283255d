import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roleGrants } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { signUp } from "../services/people/sign-up";
import { loadActor } from "./load-actor";

let t: TestDatabase;

describe(`loading the actor on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t?.destroy());

  it("is null for a person who does not exist (e.g. deleted since the session began)", async () => {
    expect(await loadActor(t.db, 987_654)).toBeNull();
  });

  it("carries a person without roles, with an empty role list", async () => {
    const p = await signUp(t.db, {
      name: "No Roles",
      email: "none@example.org",
      password: "long-enough-pw",
    });
    expect(await loadActor(t.db, p.personId)).toEqual({
      personId: p.personId,
      name: "No Roles",
      email: "none@example.org",
      emailVerified: false,
      roles: [],
    });
  });

  it("carries every role once, even when it was granted both here and by the Datatracker", async () => {
    const p = await signUp(t.db, {
      name: "Many Hats",
      email: "hats@example.org",
      password: "long-enough-pw",
    });
    const other = await signUp(t.db, {
      name: "Someone Else",
      email: "else@example.org",
      password: "long-enough-pw",
    });
    await t.db.insert(roleGrants).values([
      { personId: p.personId, role: "chair", groupAcronym: "iotops", source: "manual" },
      { personId: p.personId, role: "chair", groupAcronym: "iotops", source: "datatracker" },
      { personId: p.personId, role: "ad", groupAcronym: "ops", source: "manual" },
      { personId: other.personId, role: "secretariat", groupAcronym: "secretariat" },
    ]);
    const actor = await loadActor(t.db, p.personId);
    expect(actor?.personId).toBe(p.personId);
    expect(actor?.roles).toHaveLength(2);
    expect(actor?.roles).toEqual(
      expect.arrayContaining([
        { role: "chair", group: "iotops" },
        { role: "ad", group: "ops" },
      ]),
    );
  });
});
