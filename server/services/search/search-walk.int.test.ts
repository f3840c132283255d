import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueComments, issues } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { SEARCH_RARE, SEARCH_SCAN, SEARCH_WALK } from "~/server/domain/search/query";
import { commentOnIssue } from "../issues/comment-issue";
import { countIssuesByState, findIssues } from "../issues/find-issues";
import { file, makeCast, type Cast } from "../issues/test-fixtures";
import { searchEverything } from "./search-everything";

let t: TestDatabase;
let cast: Cast;
let oldRare: number;
let oldRareComment: number;
let oldSecret: number;
let oldMiddle: number;

/** Words of old issues, all older than the newest `SEARCH_WALK` issues and comments. */
const RARE = "okapirare";
const RARE_IN_COMMENT = "narwhalnote";
const SECRET = "wombatsecret";
/** In a few of the newest issues (more than `SEARCH_RARE`, fewer than `SEARCH_SCAN`) and one old one. */
const MIDDLE = "dingomiddle";
const MIDDLE_NEW = SEARCH_RARE + 6;

async function everyMatchNewestFirst(actor: MaybeActor, q: string): Promise<Set<number>> {
  const seen = new Set<number>();
  let cursor: string | undefined;
  for (let i = 0; i < 30; i++) {
    const page = await findIssues(t.db, actor, { q, sort: "newest", limit: 100, cursor });
    for (const x of page.items) seen.add(x.id);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return seen;
}

async function ranked(actor: MaybeActor, q: string): Promise<number[]> {
  const page = await findIssues(t.db, actor, { q, sort: "relevance", limit: 100 });
  return page.items.map((x) => x.id);
}

/**
 * A search reads the newest `SEARCH_WALK` issues and comments in order, and a
 * rare word's matches from the text index: with more issues and comments than
 * that, an old match of a rare word is still found and counted exactly, a word
 * of middling frequency counts a lower bound, and a hidden issue stays hidden.
 */
describe(`search beyond the newest ${SEARCH_WALK} issues, on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    cast = await makeCast(t.db);
    oldRare = await file(t.db, cast.bob, { title: `Okapirare sensors lose their keys` });
    oldRareComment = await file(t.db, cast.bob, { title: "Gateway reboots after update" });
    await commentOnIssue(t.db, cast.alice, {
      issueId: oldRareComment,
      body: "The narwhalnote bridge does the same.",
    });
    oldSecret = await file(t.db, cast.alice, {
      title: "Wombatsecret provisioning leak",
      confidential: true,
    });
    oldMiddle = await file(t.db, cast.bob, { title: "Dingomiddle relays drop packets" });
    // Newer than all of those: more issues and comments than a search walks.
    await t.db.execute(sql`
      insert into ${issues} (title, problem_statement, submitter_id, created_at)
      select 'Filler meter ' || n,
             case when n > ${SEARCH_WALK + 40 - MIDDLE_NEW}
               then 'Meters relay through a ${sql.raw(MIDDLE)} hub.' else 'Meters relay through a hub.' end,
             ${cast.bob.personId}, now() + make_interval(secs => n)
      from generate_series(1, ${SEARCH_WALK + 40}) as n`);
    await t.db.execute(sql`
      insert into ${issueComments} (issue_id, author_id, body)
      select ${oldMiddle}, ${cast.alice.personId}, 'Filler note ' || n
      from generate_series(1, ${SEARCH_WALK + 40}) as n`);
  }, 120_000);
  afterAll(async () => t?.destroy());

  it("finds and counts exactly an old issue of a rare word, in every order", async () => {
    const r = await searchEverything(t.db, null, { q: RARE });
    expect(r.issues.items.map((x) => x.id)).toEqual([oldRare]);
    expect(r.issues).toMatchObject({ total: 1, atLeast: false });
    expect(await ranked(null, RARE)).toEqual([oldRare]);
    expect([...(await everyMatchNewestFirst(null, RARE))]).toEqual([oldRare]);
    const counts = await countIssuesByState(t.db, null, { q: RARE });
    expect(counts.atLeast).toBe(false);
    expect(counts.byState.submitted).toBe(1);
  });

  it("finds an old comment's rare word", async () => {
    const r = await searchEverything(t.db, null, { q: RARE_IN_COMMENT });
    expect(r.issues.items.map((x) => x.id)).toEqual([oldRareComment]);
    expect(r.issues).toMatchObject({ total: 1, atLeast: false });
    expect([...(await everyMatchNewestFirst(null, RARE_IN_COMMENT))]).toEqual([oldRareComment]);
  });

  it("ranks the newest matches of a middling word and counts them as a lower bound", async () => {
    const best = await ranked(null, MIDDLE);
    expect(best).toHaveLength(MIDDLE_NEW);
    expect(best).not.toContain(oldMiddle);
    const counts = await countIssuesByState(t.db, null, { q: MIDDLE });
    expect(counts).toMatchObject({ atLeast: true });
    expect(counts.byState.submitted).toBe(MIDDLE_NEW);
    // Newest first lists every match, the old one too.
    const all = await everyMatchNewestFirst(null, MIDDLE);
    expect(all.size).toBe(MIDDLE_NEW + 1);
    expect(all).toContain(oldMiddle);
  });

  it("keeps an old confidential issue's rare word from anyone who may not see it", async () => {
    for (const actor of [null, cast.bob]) {
      const r = await searchEverything(t.db, actor, { q: SECRET });
      expect(r.issues).toMatchObject({ total: 0, atLeast: false, items: [] });
      expect(await ranked(actor, SECRET)).toEqual([]);
      expect(await everyMatchNewestFirst(actor, SECRET)).toEqual(new Set());
      const counts = await countIssuesByState(t.db, actor, { q: SECRET });
      expect(Object.values(counts.byState).reduce((a, b) => a + b, 0)).toBe(0);
    }
    // Its submitter and the IOTOPS chair find it.
    for (const actor of [cast.alice, cast.iotopsChair]) {
      const r = await searchEverything(t.db, actor, { q: SECRET });
      expect(r.issues.items.map((x) => x.id)).toEqual([oldSecret]);
      expect(await ranked(actor, SECRET)).toEqual([oldSecret]);
    }
  });

  it("a common word ranks at most the newest matches and says more exist", async () => {
    const r = await searchEverything(t.db, null, { q: "meters relay" });
    expect(r.issues.atLeast).toBe(true);
    expect(r.issues.total).toBeGreaterThanOrEqual(SEARCH_SCAN);
    expect(r.issues.total).toBeLessThanOrEqual(2 * SEARCH_SCAN);
  });
});
