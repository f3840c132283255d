import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { DomainError } from "~/server/domain/errors";
import {
  act,
  callerFor,
  dbState,
  driveTo,
  expectDomainError,
  file,
  issueEvents,
  issueRow,
  makeCast,
  type Cast,
} from "./test-fixtures";
import { bulkTriage } from "./triage-issue";

let t: TestDatabase;
let cast: Cast;

describe(`bulk triage on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    cast = await makeCast(t.db);
  });
  afterAll(async () => t?.destroy());

  it("assigns a responsible chair and starts the discussion for every selected issue", async () => {
    const a = await file(t.db, cast.alice, { title: "Bulk one" });
    const b = await file(t.db, cast.bob, { title: "Bulk two" });
    const r = await bulkTriage(t.db, cast.iotopsChair, {
      issues: [
        { id: a, version: 1 },
        { id: b, version: 1 },
      ],
      responsibleChairId: cast.iotopsChair2.personId,
      startDiscussion: true,
    });
    expect(r).toEqual({
      updated: [
        { id: a, version: 3 },
        { id: b, version: 3 },
      ],
    });
    for (const id of [a, b]) {
      expect(await issueRow(t.db, id)).toMatchObject({
        state: "in-discussion",
        responsibleChairId: cast.iotopsChair2.personId,
        version: 3,
      });
      const evs = await issueEvents(t.db, id);
      expect(evs.map((e) => [e.type, e.actorId, e.actorCapacity])).toEqual([
        ["filed", expect.any(Number), "participant"],
        ["chair-assigned", cast.iotopsChair.personId, "chair/iotops"],
        ["discussion-started", cast.iotopsChair.personId, "chair/iotops"],
      ]);
      expect(evs[1]!.payload).toMatchObject({
        before: null,
        after: cast.iotopsChair2.personId,
        chairName: cast.iotopsChair2.name,
        version: 2,
      });
      expect(evs[2]!.payload).toMatchObject({
        before: "submitted",
        after: "in-discussion",
        version: 3,
      });
    }
  });

  it("changes nothing for any issue when one of them is stale", async () => {
    const fresh = await file(t.db, cast.alice, { title: "Bulk fresh" });
    const stale = await file(t.db, cast.bob, { title: "Bulk stale" });
    // Someone else acts on `stale` after the chair loaded the list at version 1.
    await act(t.db, cast.iotopsChair2, stale, { type: "request-info", message: "More detail?" });
    const before = await dbState(t.db);

    const err = await expectDomainError(
      bulkTriage(t.db, cast.iotopsChair, {
        issues: [
          { id: fresh, version: 1 },
          { id: stale, version: 1 },
        ],
        responsibleChairId: cast.iotopsChair.personId,
        startDiscussion: true,
      }),
      "CONFLICT",
    );
    expect(err.message).toContain(`Issue #${stale}:`);
    expect(err.message).toContain("changed by someone else");
    expect(err.message).toContain("Nothing was changed.");
    // `fresh` came first and was updated inside the transaction, but is rolled back.
    expect(await dbState(t.db)).toEqual(before);
    expect(await issueRow(t.db, fresh)).toMatchObject({
      state: "submitted",
      responsibleChairId: null,
      version: 1,
    });
    expect((await issueEvents(t.db, fresh)).map((e) => e.type)).toEqual(["filed"]);
    expect(await issueRow(t.db, stale)).toMatchObject({ state: "needs-info", version: 2 });
  });

  it("changes nothing when one issue cannot take the action", async () => {
    const ok = await file(t.db, cast.alice, { title: "Bulk movable" });
    const stuck = await file(t.db, cast.bob, { title: "Bulk already recommended" });
    await driveTo(t.db, cast, stuck, "recommended");
    const stuckVersion = (await issueRow(t.db, stuck)).version;
    const before = await dbState(t.db);
    const err = await expectDomainError(
      bulkTriage(t.db, cast.iotopsChair, {
        issues: [
          { id: ok, version: 1 },
          { id: stuck, version: stuckVersion },
        ],
        startDiscussion: true,
      }),
      "INVALID_TRANSITION",
    );
    expect(err.message).toContain(`Issue #${stuck}:`);
    expect(await dbState(t.db)).toEqual(before);
  });

  it("refuses a responsible chair who is not an IOTOPS chair, changing nothing", async () => {
    const a = await file(t.db, cast.alice, { title: "Bulk wrong chair" });
    const before = await dbState(t.db);
    await expectDomainError(
      bulkTriage(t.db, cast.iotopsChair, {
        issues: [{ id: a, version: 1 }],
        responsibleChairId: cast.suitChair.personId,
      }),
      "VALIDATION",
      /IOTOPS chairs/,
    );
    expect(await dbState(t.db)).toEqual(before);
  });

  it("reports unknown issues as NOT_FOUND, changing nothing", async () => {
    const a = await file(t.db, cast.alice, { title: "Bulk with a missing one" });
    const before = await dbState(t.db);
    await expectDomainError(
      bulkTriage(t.db, cast.iotopsChair, {
        issues: [
          { id: a, version: 1 },
          { id: 999_999, version: 1 },
        ],
        startDiscussion: true,
      }),
      "NOT_FOUND",
      /#999999/,
    );
    expect(await dbState(t.db)).toEqual(before);
  });

  it("works the same through the router, and maps a stale selection to CONFLICT", async () => {
    const a = await file(t.db, cast.alice, { title: "Router bulk a" });
    const b = await file(t.db, cast.bob, { title: "Router bulk b" });
    const api = callerFor(t.db, t.mode, cast.iotopsChair);
    const before = await dbState(t.db);
    await expect(
      api.issue.bulkTriage({
        issues: [
          { id: a, version: 1 },
          { id: b, version: 2 },
        ],
        startDiscussion: true,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(api.issue.bulkTriage({ issues: [{ id: a, version: 1 }] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      callerFor(t.db, t.mode, cast.bob).issue.bulkTriage({
        issues: [{ id: a, version: 1 }],
        startDiscussion: true,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await dbState(t.db)).toEqual(before);
    const r = await api.issue.bulkTriage({
      issues: [
        { id: a, version: 1 },
        { id: b, version: 1 },
      ],
      startDiscussion: true,
    });
    expect(r.updated).toEqual([
      { id: a, version: 2 },
      { id: b, version: 2 },
    ]);
  });

  it("refuses an issue selected twice, changing nothing", async () => {
    const a = await file(t.db, cast.alice, { title: "Selected twice" });
    const outcome = await bulkTriage(t.db, cast.iotopsChair, {
      issues: [
        { id: a, version: 1 },
        { id: a, version: 1 },
      ],
      responsibleChairId: cast.iotopsChair.personId,
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(outcome).toBeInstanceOf(DomainError);
    expect((outcome as DomainError).code).toBe("VALIDATION");
    expect((await issueRow(t.db, a)).responsibleChairId).toBeNull();
  });
});
