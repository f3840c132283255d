import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issues } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { COUNT_CAP, formatCappedCount, SEARCH_SCAN } from "~/server/domain/search/query";
import { countIssues, countIssuesByState } from "./find-issues";
import { file, makeCast, type Cast } from "./test-fixtures";

let t: TestDatabase;
let cast: Cast;
const OVER = COUNT_CAP + 7;
const DISCUSSED = 3;

beforeAll(async () => {
  t = await createTestDatabase();
  cast = await makeCast(t.db);
  // Many submitted issues, a few in discussion, and one confidential submitted issue.
  const id = await file(t.db, cast.alice);
  await t.db.execute(sql`
    insert into ${issues} (title, problem_statement, state, submitter_id)
    select 'Bulk issue ' || n, 'A problem statement long enough for a bulk issue.',
           case when n <= ${DISCUSSED} then 'in-discussion' else 'submitted' end, ${cast.bob.personId}
    from generate_series(1, ${OVER + DISCUSSED - 1}) as n`);
  await t.db.execute(sql`update ${issues} set confidential = true where id = ${id}`);
}, 120_000);

afterAll(async () => {
  await t?.destroy();
});

describe(`state counts on ${testDbKind()}`, () => {
  it("stop just past the cap for a large state and are exact below it", async () => {
    const { byState: counts, atLeast } = await countIssuesByState(t.db, null, {});
    // OVER - 1 public submitted issues (Alice's own is confidential): still over the cap.
    expect(atLeast).toBe(false);
    expect(counts.submitted).toBe(COUNT_CAP + 1);
    expect(formatCappedCount(counts.submitted)).toBe(`${COUNT_CAP.toLocaleString("en")}+`);
    expect(counts["in-discussion"]).toBe(DISCUSSED);
    expect(counts.dispatched).toBe(0);
    expect(await countIssues(t.db, null, { states: ["in-discussion"] })).toBe(DISCUSSED);
    // Someone who sees every issue has no visibility condition at all.
    const all = await countIssuesByState(t.db, cast.secretariat, {});
    expect(all.byState).toMatchObject({ submitted: COUNT_CAP + 1, "in-discussion": DISCUSSED });
    expect(await countIssues(t.db, cast.secretariat, {})).toBe(COUNT_CAP + 1);
  });

  it("with a text filter, count the newest matches and say when they are lower bounds", async () => {
    // Over a thousand issues say "bulk": only the newest SEARCH_SCAN are read, all submitted
    // (the three in discussion are the oldest), and every count is marked "at least".
    const matching = await countIssuesByState(t.db, null, { q: "bulk" });
    expect(matching.atLeast).toBe(true);
    expect(matching.byState).toMatchObject({
      submitted: SEARCH_SCAN,
      "in-discussion": 0,
      dispatched: 0,
    });
    // Few matches are counted exactly.
    const one = await countIssuesByState(t.db, null, { q: "bulk 1000" });
    expect(one).toEqual({ byState: expect.objectContaining({ submitted: 1 }), atLeast: false });
  });

  it("count a confidential issue only for those who may see it", async () => {
    const hers = { submitter: cast.alice.personId };
    expect((await countIssuesByState(t.db, cast.alice, hers)).byState.submitted).toBe(1);
    expect((await countIssuesByState(t.db, cast.bob, hers)).byState.submitted).toBe(0);
    expect((await countIssuesByState(t.db, null, hers)).byState.submitted).toBe(0);
    // Bob's own: more than the cap of submitted, and those in discussion exactly.
    const his = await countIssuesByState(t.db, cast.bob, { submitter: cast.bob.personId });
    expect(his.byState).toMatchObject({ submitted: COUNT_CAP + 1, "in-discussion": DISCUSSED });
  });
});
