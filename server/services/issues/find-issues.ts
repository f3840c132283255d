import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "~/db/client";
import { issues, people } from "~/db/schema";
import { CHARTER_ITEM_IDS } from "~/server/domain/catalog";
import type { CandidateKind } from "~/server/domain/routing";
import { ISSUE_STATES } from "~/server/domain/dispatch/states";
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
import { visibleIssues } from "./access";
import { redactSimilarIssues } from "./issue-refs";

export const ISSUE_SORTS = ["newest", "oldest", "readiness"] as const;

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

/** The filter part, shared by the list and the counts. */
function filters(actor: MaybeActor, f: z.output<typeof ZFindIssues>): SQL[] {
  const where: (SQL | undefined)[] = [visibleIssues(actor)];
  if (f.q) {
    where.push(
      sql`to_tsvector('english', ${issues.title} || ' ' || ${issues.problemStatement}) @@ websearch_to_tsquery('english', ${f.q})`,
    );
  }
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
  return where.filter((w): w is SQL => w !== undefined);
}

/** A page of issues the actor may see, by keyset pagination. */
export async function findIssues(db: Queryable, actor: MaybeActor, input: FindIssuesInput) {
  const f = ZFindIssues.parse(input);
  const where = filters(actor, f);
  if (f.cursor) {
    const c = positionOf(f.cursor);
    const at = sql`${c.c}::timestamptz`;
    if (f.sort === "newest")
      where.push(sql`(${issues.createdAt}, ${issues.id}) < (${at}, ${c.id})`);
    else if (f.sort === "oldest")
      where.push(sql`(${issues.createdAt}, ${issues.id}) > (${at}, ${c.id})`);
    else {
      where.push(
        sql`(${issues.readiness} < ${c.r ?? 0} or (${issues.readiness} = ${c.r ?? 0} and (${issues.createdAt}, ${issues.id}) > (${at}, ${c.id})))`,
      );
    }
  }
  const order =
    f.sort === "newest"
      ? [desc(issues.createdAt), desc(issues.id)]
      : f.sort === "oldest"
        ? [asc(issues.createdAt), asc(issues.id)]
        : [desc(issues.readiness), asc(issues.createdAt), asc(issues.id)];
  const rows = await db
    .select({
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
      submitterName: people.name,
      responsibleChairId: issues.responsibleChairId,
      responsibleChairName: sql<
        string | null
      >`(select p.name from people p where p.id = ${issues.responsibleChairId})`,
    })
    .from(issues)
    .innerJoin(people, eq(people.id, issues.submitterId))
    .where(and(...where))
    .orderBy(...order)
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const candidates = await redactSimilarIssues(
    db,
    actor,
    page.map((r) => r.topCandidates),
  );
  const items = page.map((r, i) => ({ ...r, topCandidates: candidates[i] ?? [] }));
  const last = rows.length > f.limit ? items.at(-1) : undefined;
  return {
    items,
    nextCursor: last
      ? encodeCursor({ c: last.createdAt.toISOString(), id: last.id, r: last.readiness })
      : null,
  };
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

/** Counts per state for the same filters (without the state filter itself). */
export async function countIssuesByState(db: Queryable, actor: MaybeActor, input: FindIssuesInput) {
  const f = ZFindIssues.parse({ ...input, states: undefined, cursor: undefined });
  const rows = await db
    .select({ state: issues.state, n: count() })
    .from(issues)
    .where(and(...filters(actor, f)))
    .groupBy(issues.state);
  const out: Record<string, number> = {};
  for (const s of ISSUE_STATES) out[s] = 0;
  for (const r of rows) out[r.state] = Number(r.n);
  return out;
}
