import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events, savedViews } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { callerFor, expectDomainError, file, makeCast, type Cast } from "../issues/test-fixtures";
import { deleteView } from "./delete-view";
import { listViews } from "./list-views";
import { renameView } from "./rename-view";
import { saveView } from "./save-view";
import { shareView } from "./share-view";

let t: TestDatabase;
let cast: Cast;

async function codeOf(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  return (err as TRPCError).code;
}

const names = async (actor: MaybeActor, page: "issues" | "triage") =>
  (await listViews(t.db, actor, { page })).map((v) => v.name);

describe(`saved views on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    cast = await makeCast(t.db);
    await file(t.db, cast.alice, {
      title: "Pangolinbeacon provisioning leak",
      confidential: true,
    });
    await file(t.db, cast.bob, { title: "Open sensor telemetry" });
  });
  afterAll(async () => t?.destroy());

  it("saves a private view with a live count the owner alone sees", async () => {
    const { id } = await saveView(t.db, cast.bob, {
      page: "issues",
      name: "Telemetry",
      filters: { q: "telemetry", states: ["submitted"] },
    });
    const [mine] = await listViews(t.db, cast.bob, { page: "issues" });
    expect(mine).toMatchObject({
      id,
      name: "Telemetry",
      mine: true,
      check: { ok: true, count: 1 },
    });
    expect(await names(cast.alice, "issues")).toEqual([]);
    expect(await names(cast.iotopsChair, "issues")).toEqual([]);
    expect(await names(null, "issues")).toEqual([]);
    expect(await names(cast.bob, "triage")).toEqual([]);
    const [ev] = await t.db
      .select()
      .from(events)
      .where(and(eq(events.subjectType, "view"), eq(events.subjectKey, String(id))));
    expect(ev).toMatchObject({ type: "view-saved", actorId: cast.bob.personId });
  });

  it("counts only what the reader may see", async () => {
    const filters = { q: "pangolinbeacon" };
    await saveView(t.db, cast.bob, { page: "issues", name: "Secret word (Bob)", filters });
    await saveView(t.db, cast.alice, { page: "issues", name: "Secret word (Alice)", filters });
    const bob = (await listViews(t.db, cast.bob, { page: "issues" })).find((v) =>
      v.name.includes("Bob"),
    );
    const alice = (await listViews(t.db, cast.alice, { page: "issues" }))[0];
    expect(bob?.check).toMatchObject({ ok: true, count: 0 });
    expect(alice?.check).toMatchObject({ ok: true, count: 1 });
  });

  it("shares a chair's triage view with the other chairs of the group only", async () => {
    const { id } = await saveView(t.db, cast.iotopsChair, {
      page: "triage",
      name: "Old and unassigned",
      filters: { states: ["submitted"], responsibleChair: "none", minAgeDays: 14 },
    });
    expect(await names(cast.iotopsChair2, "triage")).toEqual([]);
    await shareView(t.db, cast.iotopsChair, { id, group: "iotops" });
    const [shared] = await listViews(t.db, cast.iotopsChair2, { page: "triage" });
    expect(shared).toMatchObject({ id, mine: false, sharedWith: "iotops", check: { ok: true } });
    for (const outsider of [cast.suitChair, cast.alice, cast.opsAd, cast.secretariat]) {
      expect(await names(outsider, "triage")).toEqual([]);
    }
    // The other chair sees it but may not change it; others do not learn it exists.
    await expectDomainError(
      renameView(t.db, cast.iotopsChair2, { id, name: "Mine now" }),
      "FORBIDDEN",
    );
    await expectDomainError(deleteView(t.db, cast.iotopsChair2, { id }), "FORBIDDEN");
    await expectDomainError(shareView(t.db, cast.iotopsChair2, { id, group: null }), "FORBIDDEN");
    for (const outsider of [cast.bob, cast.suitChair, cast.secretariat]) {
      await expectDomainError(renameView(t.db, outsider, { id, name: "x" }), "NOT_FOUND");
      await expectDomainError(deleteView(t.db, outsider, { id }), "NOT_FOUND");
    }
    await expectDomainError(renameView(t.db, null, { id, name: "x" }), "NOT_FOUND");
    await shareView(t.db, cast.iotopsChair, { id, group: null });
    expect(await names(cast.iotopsChair2, "triage")).toEqual([]);
  });

  it("lets only a group's chairs share with it", async () => {
    const { id } = await saveView(t.db, cast.alice, {
      page: "issues",
      name: "Alice's",
      filters: {},
    });
    await expectDomainError(shareView(t.db, cast.alice, { id, group: "iotops" }), "FORBIDDEN");
    await expectDomainError(
      shareView(t.db, cast.iotopsChair, { id, group: "iotops" }),
      "NOT_FOUND",
    );
  });

  it("renames and deletes, with events", async () => {
    const { id } = await saveView(t.db, cast.bob, { page: "issues", name: "Draft", filters: {} });
    await renameView(t.db, cast.bob, { id, name: "Everything" });
    expect(await names(cast.bob, "issues")).toContain("Everything");
    await deleteView(t.db, cast.bob, { id });
    expect(await names(cast.bob, "issues")).not.toContain("Everything");
    const types = (
      await t.db
        .select({ type: events.type })
        .from(events)
        .where(and(eq(events.subjectType, "view"), eq(events.subjectKey, String(id))))
    ).map((e) => e.type);
    expect(types).toEqual(["view-saved", "view-renamed", "view-deleted"]);
    await expectDomainError(deleteView(t.db, cast.bob, { id }), "NOT_FOUND");
  });

  it("says when a stored view is no longer valid instead of failing", async () => {
    await t.db.insert(savedViews).values([
      {
        ownerId: cast.bob.personId,
        page: "triage",
        name: "Gone group",
        filters: { suggestedGroup: "zzgone" },
      },
      {
        ownerId: cast.bob.personId,
        page: "triage",
        name: "Old state",
        filters: { states: ["parked"] },
      },
      { ownerId: cast.bob.personId, page: "triage", name: "Odd key", filters: { colour: "red" } },
    ]);
    const views = await listViews(t.db, cast.bob, { page: "triage" });
    const byName = Object.fromEntries(views.map((v) => [v.name, v.check]));
    expect(byName["Gone group"]).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/ZZGONE.*no longer exists/),
    });
    expect(byName["Old state"]).toMatchObject({ ok: false });
    expect(byName["Odd key"]).toMatchObject({ ok: false });
  });

  it("refuses hostile input with 4xx codes", async () => {
    const anon = callerFor(t.db, t.mode, null);
    const bob = callerFor(t.db, t.mode, cast.bob);
    expect(await codeOf(anon.view.save({ page: "issues", name: "x", filters: {} }))).toBe(
      "UNAUTHORIZED",
    );
    const bad: unknown[] = [
      { page: "issues", name: "", filters: {} },
      { page: "issues", name: "a\0b", filters: {} },
      { page: "issues", name: "x".repeat(81), filters: {} },
      { page: "admin", name: "x", filters: {} },
      { page: "issues", name: "x", filters: { toString: "x" } },
      { page: "issues", name: "x", filters: JSON.parse('{"__proto__": {"polluted": 1}}') },
      { page: "issues", name: "x", filters: { states: ["bogus"] } },
      { page: "issues", name: "x", filters: { suggestedGroup: "zzgone" } },
      { page: "issues", name: "x", filters: { q: "a\0b" } },
      { page: "issues", name: "x", filters: { responsibleChair: 2 ** 31 } },
      { page: "issues", name: "x", filters: "not an object" },
    ];
    for (const input of bad) {
      // @ts-expect-error hostile input on purpose
      expect(await codeOf(bob.view.save(input)), JSON.stringify(input)).toBe("BAD_REQUEST");
    }
    expect(await codeOf(bob.view.rename({ id: 2 ** 31, name: "x" }))).toBe("BAD_REQUEST");
    expect(await codeOf(bob.view.delete({ id: 2 ** 31 - 1 }))).toBe("NOT_FOUND");
    expect(await codeOf(bob.view.share({ id: 1, group: "NOT AN ACRONYM!" }))).toBe("BAD_REQUEST");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
