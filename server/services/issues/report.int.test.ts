import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeCounters, issues } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { commentOnIssue } from "./comment-issue";
import { dispatchReport, reportVersion } from "./report";
import { act, driveTo, file, makeCast, SUIT_RECOMMENDATION, type Cast } from "./test-fixtures";

let t: TestDatabase;
let cast: Cast;

/** A range around today, so today's dispatches are in it. */
const range = {
  from: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
  to: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
};

async function version(): Promise<number> {
  const v = await reportVersion(t.db);
  expect(v).not.toBeNull();
  return v!;
}

describe(`the dispatch report's cache on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    cast = await makeCast(t.db);
  });
  afterAll(async () => t?.destroy());

  it("counts a dispatch as soon as it commits, though the report was read (and cached) before", async () => {
    const before = await dispatchReport(t.db, range);
    const id = await file(t.db, cast.bob, { title: "Rollback of staged firmware updates" });
    await driveTo(t.db, cast, id, "dispatched");
    const after = await dispatchReport(t.db, range);
    expect(after.total).toBe(before.total + 1);
    const suit = (r: typeof before) =>
      r.byDestination.find((d) => d.destination === "suit")?.n ?? 0;
    expect(suit(after)).toBe(suit(before) + 1);
  });

  it("moves its counter for what the report reads, and only for that", async () => {
    const id = await file(t.db, cast.bob, { title: "Onboarding keys for new sensors" });
    const cases: [string, () => Promise<unknown>, boolean][] = [
      [
        "a comment",
        () => commentOnIssue(t.db, cast.alice, { issueId: id, body: "Same here." }),
        false,
      ],
      [
        "starting the discussion",
        () => act(t.db, cast.iotopsChair, id, { type: "start-discussion" }),
        false,
      ],
      [
        "recommending and asking for review",
        async () => {
          await act(t.db, cast.iotopsChair, id, {
            type: "recommend",
            recommendation: SUIT_RECOMMENDATION,
          });
          await act(t.db, cast.iotopsChair, id, { type: "request-review" });
        },
        false,
      ],
      [
        "the AD's approval, which dispatches it",
        () => act(t.db, cast.opsAd, id, { type: "approve", rationale: "Agreed." }),
        true,
      ],
      [
        "a new title on a dispatched issue",
        () => t.db.update(issues).set({ title: "Renamed" }).where(eq(issues.id, id)),
        false,
      ],
      [
        "its confidentiality",
        () => t.db.update(issues).set({ confidential: true }).where(eq(issues.id, id)),
        true,
      ],
      [
        "its charter item",
        () => t.db.update(issues).set({ charterItem: "onboarding" }).where(eq(issues.id, id)),
        true,
      ],
      [
        "its recommendation",
        () =>
          t.db
            .update(issues)
            .set({ recommendation: sql`jsonb_set(recommendation, '{rationale}', '"Changed."')` })
            .where(eq(issues.id, id)),
        true,
      ],
      [
        "undoing the dispatch",
        () => t.db.update(issues).set({ dispatchedAt: null }).where(eq(issues.id, id)),
        true,
      ],
      [
        "a change to an issue that was never dispatched",
        async () => {
          const other = await file(t.db, cast.alice, { title: "Quarantine of noisy devices" });
          await t.db
            .update(issues)
            .set({ charterItem: "isolation-quarantine" })
            .where(eq(issues.id, other));
        },
        false,
      ],
    ];
    for (const [what, change, moves] of cases) {
      const v0 = await version();
      await change();
      const v1 = await version();
      if (moves) expect(v1, what).toBeGreaterThan(v0);
      else expect(v1, what).toBe(v0);
    }
  });

  it("computes once for concurrent readers and serves the same report until something changes", async () => {
    const [a, b] = await Promise.all([dispatchReport(t.db, range), dispatchReport(t.db, range)]);
    expect(b).toBe(a);
    expect(await dispatchReport(t.db, range)).toBe(a);
    // Another range is another report.
    expect(await dispatchReport(t.db, { from: range.from, to: range.from })).not.toBe(a);

    const id = await file(t.db, cast.bob, { title: "End of life notices for gateways" });
    await driveTo(t.db, cast, id, "dispatched");
    const c = await dispatchReport(t.db, range);
    expect(c).not.toBe(a);
    expect(c.total).toBe(a.total + 1);
  });

  it("computes every time when the counter is missing, rather than risk a stale report", async () => {
    await t.db.delete(changeCounters).where(eq(changeCounters.name, "dispatch-report"));
    try {
      expect(await reportVersion(t.db)).toBeNull();
      const a = await dispatchReport(t.db, range);
      const b = await dispatchReport(t.db, range);
      expect(b).not.toBe(a);
      expect(b).toEqual(a);
    } finally {
      await t.db.insert(changeCounters).values({ name: "dispatch-report" });
    }
  });
});
