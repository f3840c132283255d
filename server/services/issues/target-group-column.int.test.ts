import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issues } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { SAMPLES } from "~/server/domain/dispatch/outcome-samples";
import { outcomeTargetGroup } from "~/server/domain/dispatch/outcomes";
import { file, makeCast, type Cast } from "./test-fixtures";

let t: TestDatabase;
let cast: Cast;

/**
 * `issues.target_group` is computed by PostgreSQL from the stored recommendation;
 * `outcomeTargetGroup` computes the same in TypeScript (the policy, the report).
 * The two must agree for every kind of outcome.
 */
describe(`the stored target group, on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    cast = await makeCast(t.db);
  });
  afterAll(async () => t?.destroy());

  const targetOf = async (id: number) =>
    (await t.db.select({ g: issues.targetGroup }).from(issues).where(eq(issues.id, id)))[0]!.g;

  it("is null before a recommendation", async () => {
    const id = await file(t.db, cast.alice, { title: "Quarantined devices never come back" });
    expect(await targetOf(id)).toBeNull();
  });

  it.each(Object.entries(SAMPLES))("agrees with outcomeTargetGroup for %s", async (_, outcome) => {
    const id = await file(t.db, cast.alice, { title: `Outcome ${outcome.kind}` });
    await t.db
      .update(issues)
      .set({ recommendation: { outcome, rationale: "Because." } })
      .where(eq(issues.id, id));
    expect(await targetOf(id)).toBe(outcomeTargetGroup(outcome));
  });

  it("follows a changed recommendation and a removed one", async () => {
    const id = await file(t.db, cast.alice, { title: "Firmware rollback is not signed" });
    const set = (outcome: (typeof SAMPLES)[string] | null) =>
      t.db
        .update(issues)
        .set({ recommendation: outcome ? { outcome, rationale: "Because." } : null })
        .where(eq(issues.id, id));
    await set(SAMPLES["existing-wg"]!);
    expect(await targetOf(id)).toBe("suit");
    await set(SAMPLES["existing-wg-no-recharter"]!);
    expect(await targetOf(id)).toBe("6lo");
    await set(SAMPLES["bof"]!);
    expect(await targetOf(id)).toBeNull();
    await set(null);
    expect(await targetOf(id)).toBeNull();
  });
});
