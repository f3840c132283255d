import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "~/db/client";
import { queryRows, ZCountRow } from "~/db/rows";
import { ISSUE_STATES } from "~/server/domain/dispatch/states";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { HIGHLIGHT_START, HIGHLIGHT_STOP, SEARCH_SCAN } from "~/server/domain/search/query";
import { zInt, zText } from "~/server/domain/validation";
import { visibleIssues } from "../issues/access";
import { findExactMatch, type ExactMatch } from "./exact-match";
import { rankAndCountIssues } from "./issue-text";
import { textQueries, type TextQuery } from "./text-query";

export const ZSearch = z.object({
  q: zText("the search", 200, 1),
  /** Results per kind. */
  limit: zInt("The number of results", 1, 50).default(10),
});
export type SearchInput = z.input<typeof ZSearch>;

const SNIPPET = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
const headline = (text: SQL, query: SQL, opts: string) =>
  sql`ts_headline('english', ${text}, ${query}, ${opts})`;

const ZIssueHit = z.object({
  id: z.number(),
  title: z.string(),
  state: z.enum(ISSUE_STATES),
  confidential: z.boolean(),
  snippet: z.string(),
  commentSnippet: z.string().nullable(),
});
const ZDocumentHit = z.object({
  name: z.string(),
  title: z.string(),
  groupAcronym: z.string().nullable(),
  snippet: z.string(),
});
const ZGroupHit = z.object({
  acronym: z.string(),
  name: z.string(),
  type: z.string(),
  state: z.string(),
  snippet: z.string(),
});
/**
 * One kind's results. `total` counts the matches read (`SEARCH_SCAN` newest per
 * way of matching); `atLeast` says more may match, so it is a lower bound.
 * `allWords` is false when nothing had every word and these results have only
 * some of them.
 */
export interface Hits<T> {
  total: number;
  atLeast: boolean;
  allWords: boolean;
  items: T[];
}

export interface SearchResults {
  q: string;
  /** The page the query names exactly, when there is one the reader may see. */
  exact: ExactMatch | null;
  issues: Hits<z.output<typeof ZIssueHit>>;
  documents: Hits<z.output<typeof ZDocumentHit>>;
  groups: Hits<z.output<typeof ZGroupHit>>;
}

type Found<T> = Omit<Hits<T>, "allWords">;

async function searchIssues(db: Queryable, actor: MaybeActor, query: SQL, limit: number) {
  const { items, counts } = await rankAndCountIssues(
    db,
    query,
    visibleIssues(actor),
    limit,
    (ranked) =>
      sql`select i.id, i.title, i.state, i.confidential, r.relevance,
            ${headline(sql`i.title || ' — ' || i.problem_statement`, query, SNIPPET)} as snippet,
            case when i.search_text @@ ${query} then null else (
              select ${headline(sql`c.body`, query, SNIPPET)} from issue_comments c
              where c.issue_id = i.id and c.search_text @@ ${query}
              order by ts_rank_cd(c.search_text, ${query}) desc, c.id limit 1) end as "commentSnippet"
          from ${ranked} as r join issues i on i.id = r.id`,
    ZIssueHit,
  );
  const total = Object.values(counts.byState).reduce((a, b) => a + b, 0);
  return { total, atLeast: counts.atLeast, items };
}

/**
 * The documents relevance ranks: the `SEARCH_SCAN` most recently updated
 * matches, a bounded read (`documents_updated_idx`) however many match.
 */
const documentMatches = (query: SQL) =>
  sql`select name from documents where search_text @@ ${query}
    order by updated_at desc, name desc limit ${SEARCH_SCAN}`;

async function searchDocuments(db: Queryable, query: SQL, limit: number) {
  const ranked = sql`select name, ts_rank_cd(search_text, ${query}) as rank from documents
    where name in (${documentMatches(query)})
    order by rank desc, name limit ${limit}`;
  const [items, [count]] = await Promise.all([
    queryRows(
      db,
      sql`select d.name, d.title, d.group_acronym as "groupAcronym",
            ${headline(sql`d.title || ' — ' || d.abstract`, query, SNIPPET)} as snippet
          from (${ranked}) as r join documents d on d.name = r.name
          order by r.rank desc, d.name`,
      ZDocumentHit,
    ),
    queryRows(db, sql`select count(*) as n from (${documentMatches(query)}) as m`, ZCountRow),
  ]);
  const total = count?.n ?? 0;
  return { total, atLeast: total >= SEARCH_SCAN, items };
}

/** Groups are a few hundred at most: every match is ranked and counted. */
async function searchGroups(db: Queryable, query: SQL, limit: number) {
  const ranked = sql`select acronym, ts_rank_cd(search_text, ${query}) as rank from groups
    where search_text @@ ${query} order by rank desc, acronym limit ${limit}`;
  const [items, [count]] = await Promise.all([
    queryRows(
      db,
      sql`select g.acronym, g.name, g.type, g.state,
            ${headline(sql`g.name || ' — ' || g.summary`, query, SNIPPET)} as snippet
          from (${ranked}) as r join groups g on g.acronym = r.acronym
          order by r.rank desc, g.acronym`,
      ZGroupHit,
    ),
    queryRows(db, sql`select count(*) as n from groups where search_text @@ ${query}`, ZCountRow),
  ]);
  return { total: count?.n ?? 0, atLeast: false, items };
}

/** Results with every word, else (for a query of several words) with any of them. */
async function allOrAny<T>(query: TextQuery, run: (q: SQL) => Promise<Found<T>>): Promise<Hits<T>> {
  const all = await run(query.all);
  if (all.total > 0 || !query.any) return { ...all, allWords: true };
  return { ...(await run(query.any)), allWords: false };
}

/**
 * The header search: issues the reader may see, documents and groups, each
 * ranked by relevance with highlighted snippets, and the page the query names
 * exactly, if any. A kind where nothing has every word shows what has some.
 */
export async function searchEverything(
  db: Queryable,
  actor: MaybeActor,
  input: SearchInput,
): Promise<SearchResults> {
  const { q, limit } = ZSearch.parse(input);
  const empty = { total: 0, atLeast: false, allWords: true, items: [] };
  const [exact, query] = await Promise.all([
    findExactMatch(db, actor, q),
    textQueries(db, actor, q),
  ]);
  if (!query) return { q, exact, issues: empty, documents: empty, groups: empty };
  const [issueHits, documentHits, groupHits] = await Promise.all([
    allOrAny(query, (tsq) => searchIssues(db, actor, tsq, limit)),
    allOrAny(query, (tsq) => searchDocuments(db, tsq, limit)),
    allOrAny(query, (tsq) => searchGroups(db, tsq, limit)),
  ]);
  return { q, exact, issues: issueHits, documents: documentHits, groups: groupHits };
}
