import { sql, type SQL } from "drizzle-orm";
import { issues } from "~/db/schema";

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
 * comment ranks 0 here (reading every match's comments again would double the
 * cost of a common word); the search page ranks comments too (`rankedIssues`).
 */
export function issueRelevance(query: SQL): SQL<number> {
  return sql<number>`floor(1000 * ts_rank_cd(${issues.searchText}, ${query})
    / (ts_rank_cd(${issues.searchText}, ${query}) + 1))::int`;
}

/**
 * The best `limit` issues for the search page, as (id, relevance): the rank of
 * the issue's own text plus half that of each matching comment, under the
 * reader's visibility condition. Each side reads only its GIN index matches.
 */
export function rankedIssues(query: SQL, visible: SQL | undefined, limit: number): SQL {
  const where = visible ? sql` and ${visible}` : sql``;
  return sql`select id, floor(1000 * sum(x) / (sum(x) + 1))::int as relevance from (
      select ${issues.id} as id, ts_rank_cd(${issues.searchText}, ${query}) as x
        from ${issues} where ${issues.searchText} @@ ${query}${where}
      union all
      select ${issues.id}, 0.5 * ts_rank_cd(c.search_text, ${query})
        from issue_comments c join ${issues} on ${issues.id} = c.issue_id
        where c.search_text @@ ${query}${where}) as m
    group by id order by relevance desc, id desc limit ${limit}`;
}
