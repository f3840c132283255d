import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "~/db/client";
import { queryRows, ZCountRow } from "~/db/rows";
import { issues } from "~/db/schema";
import { ISSUE_STATES, type IssueState } from "~/server/domain/dispatch/states";
import { SEARCH_RARE, SEARCH_SCAN, SEARCH_WALK } from "~/server/domain/search/query";

/**
 * Issues whose own text or one of whose comments matches the query. Written as
 * `text @@ q or id = any(array(comment matches))` so PostgreSQL combines the two
 * GIN lookups (and the primary key) in one BitmapOr: no scan of all issues. The
 * caller adds the reader's visibility condition, so a hidden issue's comments
 * never surface.
 */
export function issueMatches(query: SQL): SQL {
  return sql`(${issues.searchText} @@ ${query} or ${commentMatchIds(query)})`;
}

/** The issue is one of those with a matching comment, collected from the comments' text index. */
const commentMatchIds = (query: SQL) =>
  sql`${issues.id} = any(array(select c.issue_id from issue_comments c where c.search_text @@ ${query}))`;

/**
 * `issueMatches` for a rare word: the issues whose text matches are collected
 * from the text index first (a rare word has few), so the list reads only those
 * rows. Listed newest first with `issueMatches`, PostgreSQL may instead walk the
 * creation-time index testing every issue, which is fast for a common word but
 * reads the whole table for a word it has no statistics on (4 s at 1,000,000).
 */
export function rareIssueMatches(query: SQL): SQL {
  return sql`(${issues.id} = any(array(select i.id from issues i where i.search_text @@ ${query}))
    or ${commentMatchIds(query)})`;
}

/**
 * Whether `query`'s words are rare among the issues under `where`: found at most
 * `SEARCH_RARE` times in the newest `SEARCH_WALK` (a bounded read). Lists choose
 * `rareIssueMatches` or `issueMatches` by it.
 */
export async function isRareText(
  db: Queryable,
  query: SQL,
  where: SQL | undefined,
): Promise<boolean> {
  const [row] = await queryRows(
    db,
    sql`select count(*) as n from (select 1 from (${newestIssues(sql`${issues.searchText} as st`, where)}) as r
        where r.st @@ ${query} limit ${SEARCH_RARE + 1}) as m`,
    ZCountRow,
  );
  return (row?.n ?? 0) <= SEARCH_RARE;
}

/**
 * An issue's relevance in the lists, 0 to 999: `ts_rank_cd` over its weighted
 * text (title A, problem statement B, desired outcome C), squashed into an
 * integer so it can be a keyset-pagination key. An issue found only through a
 * comment ranks 0 here; the search page ranks comments too (`rankAndCountIssues`).
 */
export function issueRelevance(query: SQL): SQL<number> {
  return sql<number>`floor(1000 * ts_rank_cd(${issues.searchText}, ${query})
    / (ts_rank_cd(${issues.searchText}, ${query}) + 1))::int`;
}

const andWhere = (where: SQL | undefined) => (where ? sql` and ${where}` : sql``);
const whereClause = (where: SQL | undefined) => (where ? sql`where ${where}` : sql``);
const newestFirst = sql`order by ${issues.createdAt} desc, ${issues.id} desc`;
/** `columns` of the newest `SEARCH_WALK` issues under `where`: the bounded walk a search reads. */
const newestIssues = (columns: SQL, where: SQL | undefined) =>
  sql`select ${columns} from ${issues} ${whereClause(where)} ${newestFirst} limit ${SEARCH_WALK}`;
/** `columns` of the newest `SEARCH_WALK` comments. */
const newestComments = (columns: SQL) =>
  sql`select ${columns} from issue_comments c order by c.id desc limit ${SEARCH_WALK}`;

/**
 * One way an issue matches (its own text, `t`, or a comment, `c`), as common
 * table expressions named after it:
 * - `<p>_recent`: the matches among the newest `SEARCH_WALK` rows, newest first,
 *   at most `limit`. A walk in creation order stops as soon as it has `limit`, so
 *   a common word reads few rows, and never reads more than `SEARCH_WALK`.
 * - `<p>_older`: when the walk found at most `SEARCH_RARE` (a rare word, or a
 *   misspelling widened to one), the newest `limit` matches of all, collected from
 *   the text index. The collection is fenced (an `offset 0` subquery, sorted outside), so
 *   PostgreSQL cannot turn it back into a walk of the whole table, which is what it
 *   chose for a rare word it had no statistics on (4 s at 1,000,000 issues). A rare
 *   word has few matches, so the index returns few rows.
 * - `<p>_exact`: true when the two hold every match (nothing was cut off).
 *
 * A word between the two (more than `SEARCH_RARE` matches in the newest rows,
 * fewer than `limit`) contributes the matches among the newest rows; its counts
 * are then lower bounds. Every read is bounded by `SEARCH_WALK` or by the matches
 * of a rare word, however large the tracker grows.
 */
function matchPart(
  p: "t" | "c",
  query: SQL,
  where: SQL | undefined,
  limit: number,
): { ctes: SQL; ids: SQL; exact: SQL } {
  const [recent, older, seen, exact] = ["recent", "older", "seen", "exact"].map((n) =>
    sql.raw(`${p}_${n}`),
  );
  const ctes =
    p === "t"
      ? sql`${recent} as (
            select r.id from (${newestIssues(sql`${issues.id} as id, ${issues.searchText} as st`, where)}) as r
            where r.st @@ ${query} limit ${limit}),
          ${older} as (
            select m.id from (select ${issues.id} as id, ${issues.createdAt} as at from ${issues}
              where (select count(*) from ${recent}) <= ${SEARCH_RARE}
                and ${issues.searchText} @@ ${query}${andWhere(where)} offset 0) as m
            order by m.at desc, m.id desc limit ${limit}),
          ${seen} as (select count(*) as n from (${newestIssues(sql`1`, where)}) as w)`
      : // Comments: the newest comments, then those of issues under `where`.
        sql`${recent} as (
            select r.issue_id as id from (${newestComments(sql`c.issue_id, c.search_text as st`)}) as r join ${issues} on ${issues.id} = r.issue_id
            where r.st @@ ${query}${andWhere(where)} limit ${limit}),
          ${older} as (
            select m.id from (select c.issue_id as id, c.id as cid from issue_comments c
              join ${issues} on ${issues.id} = c.issue_id
              where (select count(*) from ${recent}) <= ${SEARCH_RARE}
                and c.search_text @@ ${query}${andWhere(where)} offset 0) as m
            order by m.cid desc limit ${limit}),
          ${seen} as (select count(*) as n from (${newestComments(sql`1`)}) as w)`;
  return {
    ctes: sql`${ctes}, ${exact} as (select (select count(*) from ${recent}) < ${limit} and
        case when (select count(*) from ${recent}) <= ${SEARCH_RARE}
          then (select count(*) from ${older}) < ${limit}
          else (select n from ${seen}) < ${SEARCH_WALK} end as ok)`,
    ids: sql`select id from ${recent} union select id from ${older}`,
    exact: sql`(select ok from ${exact})`,
  };
}

/**
 * The ids relevance ranks for `query` under `where`: the newest matches of each
 * way of matching (`matchPart`), at most `SEARCH_SCAN` each. Bounded reads,
 * however many issues match. An older issue is ranked only while it is among
 * them; newest or oldest first lists every match.
 * (A third read of the newest title matches was tried: a title word is rarer, so
 * the walk reads 3 to 4 times as many rows, 30 ms at 100,000 issues.)
 */
export function issueCandidates(query: SQL, where: SQL | undefined): SQL {
  const walk = candidateWalk(query, where);
  return sql`with ${walk.ctes} ${walk.ids}`;
}

/**
 * Both ways of matching (`matchPart`), the newest `SEARCH_SCAN` of each: their
 * common table expressions, then `candidates` (id, state) of the issues they
 * found, and whether together they hold every match (`exact`).
 */
function candidateWalk(query: SQL, where: SQL | undefined) {
  const t = matchPart("t", query, where, SEARCH_SCAN);
  const c = matchPart("c", query, where, SEARCH_SCAN);
  const ids = sql`${t.ids} union ${c.ids}`;
  return {
    ctes: sql`${t.ctes}, ${c.ctes},
      candidates as (select i.id, i.state from issues i where i.id in (${ids}))`,
    ids,
    exact: sql`(${t.exact} and ${c.exact})`,
  };
}

/** Issues per state among the matches counted; `atLeast` when each is only a lower bound. */
export interface MatchCounts {
  byState: Partial<Record<IssueState, number>>;
  atLeast: boolean;
}

const ZStateCount = z.object({ state: z.enum(ISSUE_STATES), n: z.coerce.number() });

/** Per-state counts of the candidates, and whether they are only lower bounds. */
function matchCounts(rows: readonly z.infer<typeof ZStateCount>[], partial: boolean): MatchCounts {
  const byState: MatchCounts["byState"] = {};
  for (const r of rows) byState[r.state] = r.n;
  return { byState, atLeast: rows.length > 0 && partial };
}

/**
 * How many issues under `where` match `query`, per state, read from the newest
 * `SEARCH_SCAN` text matches and the newest `SEARCH_SCAN` matching comments.
 * When either read stopped at its limit, more may match: each count is then a
 * true lower bound ("at least"), never a guess.
 */
export async function countIssueMatches(
  db: Queryable,
  query: SQL,
  where: SQL | undefined,
): Promise<MatchCounts> {
  const walk = candidateWalk(query, where);
  const rows = await queryRows(
    db,
    sql`with ${walk.ctes}
        select state, count(*) as n, not ${walk.exact} as partial from candidates group by state`,
    ZStateCount.extend({ partial: z.boolean() }),
  );
  return matchCounts(
    rows,
    rows.some((r) => r.partial),
  );
}

const ZRankedAndCounted = z.object({
  counts: z.array(ZStateCount),
  partial: z.boolean(),
  items: z.array(z.unknown()),
});

/**
 * The search page's issue results from one walk (`candidateWalk`): the best
 * `limit` candidates and the per-state counts of all of them, as
 * `countIssueMatches` gives them. A candidate's relevance is the rank of its own
 * text plus half that of each of its matching comments. `hits` reads the common
 * table expression `ranked` (id, relevance) and returns one row per hit with its
 * `relevance` and `id`; the rows come back best first, each checked by `ZHit`.
 * `where` is the reader's visibility condition.
 */
export async function rankAndCountIssues<T>(
  db: Queryable,
  query: SQL,
  where: SQL | undefined,
  limit: number,
  hits: (ranked: SQL) => SQL,
  ZHit: z.ZodType<T>,
): Promise<{ items: T[]; counts: MatchCounts }> {
  const walk = candidateWalk(query, where);
  const [row] = await queryRows(
    db,
    sql`with ${walk.ctes},
        ranked as (select id, floor(1000 * x / (x + 1))::int as relevance from (
            select i.id, ts_rank_cd(i.search_text, ${query}) + coalesce((
                select 0.5 * sum(ts_rank_cd(c.search_text, ${query})) from issue_comments c
                where c.issue_id = i.id and c.search_text @@ ${query}), 0) as x
              from issues i where i.id in (select id from candidates)) as m
          order by relevance desc, id desc limit ${limit})
      select
        coalesce((select json_agg(json_build_object('state', s.state, 'n', s.n))
          from (select state, count(*) as n from candidates group by state) as s), '[]'::json) as counts,
        not ${walk.exact} as partial,
        coalesce((select json_agg(h order by h.relevance desc, h.id desc)
          from (${hits(sql`ranked`)}) as h), '[]'::json) as items`,
    ZRankedAndCounted,
  );
  return {
    items: z.array(ZHit).parse(row?.items ?? []),
    counts: matchCounts(row?.counts ?? [], row?.partial ?? false),
  };
}
