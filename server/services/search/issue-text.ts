import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "~/db/client";
import { queryRows } from "~/db/rows";
import { issues } from "~/db/schema";
import { ISSUE_STATES, type IssueState } from "~/server/domain/dispatch/states";
import { SEARCH_SCAN } from "~/server/domain/search/query";

/**
 * Issues whose own text or one of whose comments matches the query. Written as
 * `text @@ q or id = any(array(comment matches))` so PostgreSQL combines the two
 * GIN lookups (and the primary key) in one BitmapOr: no scan of all issues. The
 * caller adds the reader's visibility condition, so a hidden issue's comments
 * never surface.
 */
export function issueMatches(query: SQL): SQL {
  return sql`(${issues.searchText} @@ ${query} or ${issues.id} = any(array(
    select c.issue_id from issue_comments c where c.search_text @@ ${query})))`;
}

/**
 * An issue's relevance in the lists, 0 to 999: `ts_rank_cd` over its weighted
 * text (title A, problem statement B, desired outcome C), squashed into an
 * integer so it can be a keyset-pagination key. An issue found only through a
 * comment ranks 0 here; the search page ranks comments too (`rankedIssues`).
 */
export function issueRelevance(query: SQL): SQL<number> {
  return sql<number>`floor(1000 * ts_rank_cd(${issues.searchText}, ${query})
    / (ts_rank_cd(${issues.searchText}, ${query}) + 1))::int`;
}

const andWhere = (where: SQL | undefined) => (where ? sql` and ${where}` : sql``);
const newestFirst = sql`order by ${issues.createdAt} desc, ${issues.id} desc`;

/*
 * The two ways an issue matches, each read newest first and stopped after `limit`
 * matches under `where` (the reader's visibility and the list's filters).
 * PostgreSQL picks per query between walking the creation-time index until enough
 * rows match (a common word) and collecting the few matches from the GIN index (a
 * rare one); either way a part reads a bounded number of rows.
 */
const textPart = (query: SQL, where: SQL | undefined, limit: number) =>
  sql`select ${issues.id} as id from ${issues}
    where ${issues.searchText} @@ ${query}${andWhere(where)} ${newestFirst} limit ${limit}`;
/** The issues of the newest matching comments (a comment's issue may repeat, so it yields up to `limit`). */
const commentPart = (query: SQL, where: SQL | undefined, limit: number) =>
  sql`select c.issue_id as id from issue_comments c join ${issues} on ${issues.id} = c.issue_id
    where c.search_text @@ ${query}${andWhere(where)} order by c.id desc limit ${limit}`;

/**
 * The ids relevance ranks for `query` under `where`: the newest `SEARCH_SCAN`
 * issues whose text matches and those of the newest `SEARCH_SCAN` matching
 * comments. Two bounded reads, however many issues match. An older issue is
 * ranked only while it is among them; newest or oldest first lists every match.
 * (A third read of the newest title matches was tried: a title word is rarer, so
 * the walk reads 3 to 4 times as many rows, 30 ms at 100,000 issues.)
 */
export function issueCandidates(query: SQL, where: SQL | undefined): SQL {
  return sql`(${textPart(query, where, SEARCH_SCAN)})
    union (${commentPart(query, where, SEARCH_SCAN)})`;
}

/**
 * The best `limit` candidates for the search page, as (id, relevance): the rank
 * of the issue's own text plus half that of each of its matching comments.
 * `where` is the reader's visibility condition.
 */
export function rankedIssues(query: SQL, where: SQL | undefined, limit: number): SQL {
  return sql`select id, floor(1000 * x / (x + 1))::int as relevance from (
      select i.id, ts_rank_cd(i.search_text, ${query}) + coalesce((
          select 0.5 * sum(ts_rank_cd(c.search_text, ${query})) from issue_comments c
          where c.issue_id = i.id and c.search_text @@ ${query}), 0) as x
        from issues i where i.id in (${issueCandidates(query, where)})) as m
    order by relevance desc, id desc limit ${limit}`;
}

/** Issues per state among the matches counted; `atLeast` when each is only a lower bound. */
export interface MatchCounts {
  byState: Partial<Record<IssueState, number>>;
  atLeast: boolean;
}

const ZMatchCount = z.object({
  state: z.enum(ISSUE_STATES),
  n: z.coerce.number(),
  partial: z.boolean(),
});

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
  const rows = await queryRows(
    db,
    sql`with t as (${textPart(query, where, SEARCH_SCAN)}),
          c as (${commentPart(query, where, SEARCH_SCAN)})
        select i.state, count(*) as n,
          (select count(*) from t) >= ${SEARCH_SCAN} or (select count(*) from c) >= ${SEARCH_SCAN} as partial
        from issues i where i.id in (select id from t union select id from c)
        group by i.state`,
    ZMatchCount,
  );
  const byState: MatchCounts["byState"] = {};
  for (const r of rows) byState[r.state] = r.n;
  return { byState, atLeast: rows.some((r) => r.partial) };
}
