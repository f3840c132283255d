import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "~/db/client";
import { issues, people } from "~/db/schema";
import { CHARTER_ITEM_IDS } from "~/server/domain/catalog";
import type { CandidateKind } from "~/server/domain/routing";
import { ISSUE_STATES, type IssueState } from "~/server/domain/dispatch/states";
import { DomainError } from "~/server/domain/errors";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import {
  decodeCursor,
  encodeCursor,
  ZAcronym,
  ZCursor,
  zId,
  zInt,
  zText,
  type CursorPosition,
} from "~/server/domain/validation";
import { queryRows, ZCountRow } from "~/db/rows";
import { COUNT_CAP } from "~/server/domain/search/query";
import {
  countIssueMatches,
  issueCandidates,
  issueMatches,
  isRareText,
  rareIssueMatches,
  issueRelevance,
} from "../search/issue-text";
import { textQuery } from "../search/text-query";
import { visibleIssues } from "./access";
import { redactSimilarIssues } from "./issue-refs";

/** `relevance` orders by how well issues match `q`; without `q` it is `newest`. */
export const ISSUE_SORTS = ["newest", "oldest", "readiness", "relevance"] as const;

export const ZFindIssues = z.object({
  q: zText("the search", 200).optional(),
  states: z.array(z.enum(ISSUE_STATES)).max(ISSUE_STATES.length).optional(),
  charterItem: z.enum([...CHARTER_ITEM_IDS, "none"]).optional(),
  suggestedGroup: ZAcronym.optional(),
  /** A person id, or `none` for unassigned. */
  responsibleChair: z.union([zId("The chair"), z.literal("none")]).optional(),
  /** Only issues at least this many days old. */
  minAgeDays: zInt("The minimum age", 0, 36_500).optional(),
  /** Only issues at most this many days old. */
  maxAgeDays: zInt("The maximum age", 0, 36_500).optional(),
  /** Only issues this person submitted (a contributor's own work). */
  submitter: zId("The submitter").optional(),
  /** Restrict to these areas (AD review queue). */
  areas: z.array(ZAcronym).max(20).optional(),
  sort: z.enum(ISSUE_SORTS).default("newest"),
  cursor: ZCursor.optional(),
  limit: zInt("The page size", 1, 100).default(25),
});
export type FindIssuesInput = z.input<typeof ZFindIssues>;

/** The position a page cursor encodes; a cursor this app did not write is a VALIDATION error. */
function positionOf(raw: string): CursorPosition {
  const c = decodeCursor(raw);
  if (c) return c;
  throw new DomainError(
    "VALIDATION",
    "That page link is no longer valid. Start from the first page.",
    {
      fieldErrors: { cursor: ["Invalid page cursor."] },
    },
  );
}

/** The filters other than the text search, shared by the list and the counts. */
function filters(actor: MaybeActor, f: z.output<typeof ZFindIssues>): SQL[] {
  const where: (SQL | undefined)[] = [visibleIssues(actor)];
  if (f.states?.length) where.push(inArray(issues.state, f.states));
  if (f.charterItem === "none") where.push(isNull(issues.charterItem));
  else if (f.charterItem) where.push(eq(issues.charterItem, f.charterItem));
  if (f.suggestedGroup) where.push(eq(issues.suggestedGroup, f.suggestedGroup));
  if (f.responsibleChair === "none") where.push(isNull(issues.responsibleChairId));
  else if (f.responsibleChair) where.push(eq(issues.responsibleChairId, f.responsibleChair));
  if (f.minAgeDays !== undefined) {
    where.push(sql`${issues.createdAt} <= now() - make_interval(days => ${f.minAgeDays})`);
  }
  if (f.maxAgeDays !== undefined) {
    where.push(sql`${issues.createdAt} >= now() - make_interval(days => ${f.maxAgeDays})`);
  }
  if (f.areas?.length) where.push(inArray(issues.area, f.areas));
  if (f.submitter !== undefined) where.push(eq(issues.submitterId, f.submitter));
  return where.filter((w): w is SQL => w !== undefined);
}

type ListFilter = z.output<typeof ZFindIssues>;
type ListSort = ListFilter["sort"];

/**
 * The list's conditions and order for a filter, without the page cursor: what
 * `findIssues` pages through and `listStart` reads from the top at once.
 */
async function listQuery(db: Queryable, actor: MaybeActor, f: ListFilter) {
  const query = f.q ? await textQuery(db, actor, f.q) : null;
  const where = filters(actor, f);
  const relevance = query ? issueRelevance(query) : sql<number>`0`;
  const sort: ListSort = f.sort === "relevance" && !query ? "newest" : f.sort;
  // Newest or oldest first, every match is listed in order. Best match first ranks
  // the bounded set of candidates (`issueCandidates`): ranking every match of a
  // common word would read thousands of issues for each page.
  if (f.q && !query) where.push(sql`false`);
  else if (query && sort === "relevance") {
    where.push(sql`${issues.id} in (${issueCandidates(query, and(...where))})`);
  } else if (query) {
    // Newest or oldest first: a rare word's few matches come from the text index.
    const rare = await isRareText(db, query, and(...where));
    where.push(rare ? rareIssueMatches(query) : issueMatches(query));
  }
  const order =
    sort === "relevance"
      ? [desc(relevance), desc(issues.id)]
      : sort === "newest"
        ? [desc(issues.createdAt), desc(issues.id)]
        : sort === "oldest"
          ? [asc(issues.createdAt), asc(issues.id)]
          : [desc(issues.readiness), asc(issues.createdAt), asc(issues.id)];
  return { where, order, relevance, sort };
}

/** The columns a list row shows. */
function listColumns(relevance: SQL<number>) {
  return {
    id: issues.id,
    title: issues.title,
    state: issues.state,
    charterItem: issues.charterItem,
    suggestedGroup: issues.suggestedGroup,
    topCandidates: topCandidates(),
    readiness: issues.readiness,
    confidential: issues.confidential,
    area: issues.area,
    recommendation: issues.recommendation,
    createdAt: issues.createdAt,
    updatedAt: issues.updatedAt,
    version: issues.version,
    relevance,
    submitterName: people.name,
    responsibleChairId: issues.responsibleChairId,
    responsibleChairName: sql<
      string | null
    >`(select p.name from people p where p.id = ${issues.responsibleChairId})`,
    // The creation time to the microsecond, as PostgreSQL stores it: a cursor written
    // from the millisecond Date would sort before its own row and repeat it.
    cursorAt: sql<string>`to_char(${issues.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  };
}

/** List rows as the actor may see them: similar-issue references they may not see are redacted. */
async function toItems<R extends { topCandidates: ListCandidate[]; cursorAt: string }>(
  db: Queryable,
  actor: MaybeActor,
  rows: R[],
) {
  const candidates = await redactSimilarIssues(
    db,
    actor,
    rows.map((r) => r.topCandidates),
  );
  return rows.map(({ cursorAt: _at, ...r }, i) => ({ ...r, topCandidates: candidates[i] ?? [] }));
}

/** A page of issues the actor may see, by keyset pagination. */
export async function findIssues(db: Queryable, actor: MaybeActor, input: FindIssuesInput) {
  const f = ZFindIssues.parse(input);
  const { where, order, relevance, sort } = await listQuery(db, actor, f);
  if (f.cursor) {
    const c = positionOf(f.cursor);
    const at = sql`${c.c}::timestamptz`;
    if (sort === "relevance") {
      where.push(
        sql`(${relevance} < ${c.r ?? 0} or (${relevance} = ${c.r ?? 0} and ${issues.id} < ${c.id}))`,
      );
    } else if (sort === "newest")
      where.push(sql`(${issues.createdAt}, ${issues.id}) < (${at}, ${c.id})`);
    else if (sort === "oldest")
      where.push(sql`(${issues.createdAt}, ${issues.id}) > (${at}, ${c.id})`);
    else {
      where.push(
        sql`(${issues.readiness} < ${c.r ?? 0} or (${issues.readiness} = ${c.r ?? 0} and (${issues.createdAt}, ${issues.id}) > (${at}, ${c.id})))`,
      );
    }
  }
  const rows = await db
    .select(listColumns(relevance))
    .from(issues)
    .innerJoin(people, eq(people.id, issues.submitterId))
    .where(and(...where))
    .orderBy(...order)
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const items = await toItems(db, actor, page);
  const last = rows.length > f.limit ? page.at(-1) : undefined;
  return {
    items,
    nextCursor: last
      ? encodeCursor({
          c: last.cursorAt,
          id: last.id,
          r: sort === "relevance" ? last.relevance : last.readiness,
        })
      : null,
  };
}

/** A row of the issue list, as `findIssues` returns it. */
export type IssueListRow = Awaited<ReturnType<typeof findIssues>>["items"][number];

/** The list's conditions and order for a read of its first rows at once (no cursor). */
async function listStart(db: Queryable, actor: MaybeActor, input: FindIssuesInput) {
  const f = ZFindIssues.parse({ ...input, cursor: undefined });
  const { where, order } = await listQuery(db, actor, f);
  return { where: and(...where), order };
}

/**
 * The ids of the first `limit` issues of the list, in its order: for a download,
 * which then reads the rows a batch at a time with `issuesInOrder` instead of
 * repeating the list's query for every page.
 */
export async function findIssueIds(
  db: Queryable,
  actor: MaybeActor,
  input: FindIssuesInput,
  limit: number,
): Promise<number[]> {
  const { where, order } = await listStart(db, actor, input);
  const rows = await db
    .select({ id: issues.id })
    .from(issues)
    .where(where)
    .orderBy(...order)
    .limit(limit);
  return rows.map((r) => r.id);
}

/**
 * The first `limit` issues of the list with only what a link to each needs (its
 * number, title and times): My work's sections, which do not show the routing
 * candidates a list row carries.
 */
export async function findIssueLinks(
  db: Queryable,
  actor: MaybeActor,
  input: FindIssuesInput,
  limit: number,
) {
  const { where, order } = await listStart(db, actor, input);
  return db
    .select({
      id: issues.id,
      title: issues.title,
      createdAt: issues.createdAt,
      updatedAt: issues.updatedAt,
    })
    .from(issues)
    .where(where)
    .orderBy(...order)
    .limit(limit);
}

/**
 * The list rows of these issues, in the order given, that the actor may still see
 * (the visibility rule is applied again: an issue made confidential since its id
 * was read is left out).
 */
export async function issuesInOrder(
  db: Queryable,
  actor: MaybeActor,
  ids: readonly number[],
): Promise<IssueListRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select(listColumns(sql<number>`0`))
    .from(issues)
    .innerJoin(people, eq(people.id, issues.submitterId))
    .where(and(inArray(issues.id, [...ids]), visibleIssues(actor)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = ids.flatMap((id) => byId.get(id) ?? []);
  return toItems(db, actor, ordered);
}

/** A routing candidate as lists show it: who, how good, and its first two reasons. */
export interface ListCandidate {
  wg: string;
  kind: CandidateKind;
  score: number;
  reasons: string[];
}

/**
 * Lists show the top three candidates with their first two reasons; the full routing
 * record (all candidates, every reason, similar documents) stays on the issue page.
 * Trimming in SQL keeps the rest off the wire: it was over half of a triage page's
 * payload, and of its parsing and serialising time (docs/benchmarks.md).
 */
function topCandidates() {
  const list = sql`case when jsonb_typeof(${issues.suggestion}->'candidates') = 'array'
    then ${issues.suggestion}->'candidates' else '[]'::jsonb end`;
  return sql<ListCandidate[]>`coalesce((
    select jsonb_agg(jsonb_build_object('wg', c->'wg', 'kind', c->'kind', 'score', c->'score',
      'reasons', case when jsonb_typeof(c->'reasons') = 'array'
        then jsonb_path_query_array(c->'reasons', '$[0 to 1]') else '[]'::jsonb end) order by n)
    from jsonb_array_elements(${list}) with ordinality as t(c, n) where n <= 3), '[]'::jsonb)`;
}

const ZStateCount = z.object({ state: z.enum(ISSUE_STATES), n: z.coerce.number() });

/** Issues per state; `atLeast` when each count is only a lower bound (see `countIssuesByState`). */
export interface StateCounts {
  byState: Record<IssueState, number>;
  atLeast: boolean;
}

/**
 * Counts per state for the same filters (without the state filter itself).
 *
 * Without `q`, each count stops just past `COUNT_CAP` (show it with `formatCount`):
 * counting every issue of a state reads the whole table, which grows without
 * bound, while a capped count reads at most `COUNT_CAP + 1` index entries per
 * state whatever the table's size. Exact totals over time are the dispatch
 * report's job.
 *
 * With `q`, the matches are counted from the newest `SEARCH_SCAN` of them
 * (`countIssueMatches`): a text index builds its whole list of matches before any
 * row is read, so a cap saves nothing there. When there are more, `atLeast` is
 * set and each count is a lower bound.
 */
export async function countIssuesByState(
  db: Queryable,
  actor: MaybeActor,
  input: FindIssuesInput,
): Promise<StateCounts> {
  const f = ZFindIssues.parse({ ...input, states: undefined, cursor: undefined });
  const byState = Object.fromEntries(ISSUE_STATES.map((s) => [s, 0])) as Record<IssueState, number>;
  const where = and(...filters(actor, f));
  if (f.q) {
    const query = await textQuery(db, actor, f.q);
    if (!query) return { byState, atLeast: false };
    const counts = await countIssueMatches(db, query, where);
    return { byState: { ...byState, ...counts.byState }, atLeast: counts.atLeast };
  }
  const rows = await queryRows(
    db,
    sql`select s.state, (select count(*) from (select 1 from ${issues}
          where ${and(sql`${issues.state} = s.state`, where)} limit ${COUNT_CAP + 1}) as m) as n
        from unnest(array[${sql.join(
          ISSUE_STATES.map((s) => sql`${s}`),
          sql`, `,
        )}]::text[]) as s(state)`,
    ZStateCount,
  );
  for (const r of rows) byState[r.state] = Math.min(r.n, COUNT_CAP + 1);
  return { byState, atLeast: false };
}

/**
 * How many issues match the filters, counting no further than just past
 * `COUNT_CAP` (show it with `formatCappedCount`): saved-view tabs show it live.
 */
export async function countIssues(db: Queryable, actor: MaybeActor, input: FindIssuesInput) {
  const f = ZFindIssues.parse({ ...input, cursor: undefined });
  const query = f.q ? await textQuery(db, actor, f.q) : null;
  const match = f.q ? (query ? issueMatches(query) : sql`false`) : undefined;
  const [row] = await queryRows(
    db,
    sql`select count(*) as n from (select 1 from ${issues}
          where ${and(sql`true`, match, ...filters(actor, f))} limit ${COUNT_CAP + 1}) as m`,
    ZCountRow,
  );
  return row?.n ?? 0;
}
