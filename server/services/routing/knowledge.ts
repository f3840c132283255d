import { and, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "~/db/client";
import { queryRows } from "~/db/rows";
import { documents, issues } from "~/db/schema";
import { outcomeTargetGroup, type Recommendation } from "~/server/domain/dispatch/outcomes";
import type { KnownDocument } from "~/server/domain/routing";
import { isCharterItemId } from "~/server/domain/catalog";

/** How many confirmed decisions the engine learns from (the most recent ones). */
export const MAX_DECISIONS = 5_000;

/** A chair's confirmed dispatch decision, as a labelled example for the engine. */
export function decisionDocument(issue: {
  id: number;
  title: string;
  problemStatement: string;
  charterItem: string | null;
  recommendation: Recommendation | null;
}): KnownDocument | null {
  const rec = issue.recommendation;
  const group = rec ? outcomeTargetGroup(rec.outcome) : null;
  if (!group) return null;
  return {
    name: `issue-${issue.id}`,
    title: issue.title,
    abstract: issue.problemStatement.slice(0, 4000),
    group,
    source: "decision",
    ...(issue.charterItem && isCharterItemId(issue.charterItem)
      ? { charterItem: issue.charterItem }
      : {}),
  };
}

/**
 * Everything the routing engine learns from the database: every document with a
 * group, and every issue whose dispatch to a group was approved.
 */
export async function loadKnowledge(db: Queryable): Promise<KnownDocument[]> {
  const docs = await db
    .select({
      name: documents.name,
      title: documents.title,
      abstract: documents.abstract,
      group: documents.groupAcronym,
    })
    .from(documents)
    .where(isNotNull(documents.groupAcronym))
    .orderBy(documents.name);
  const decided = await db
    .select({
      id: issues.id,
      title: issues.title,
      problemStatement: issues.problemStatement,
      charterItem: issues.charterItem,
      recommendation: issues.recommendation,
    })
    .from(issues)
    .where(and(inArray(issues.state, ["dispatched", "accepted"]), eq(issues.confidential, false)))
    // The most recent decisions are the useful examples; an unbounded history would make
    // the engine grow (memory, build time, routing time) with every dispatch.
    .orderBy(desc(issues.dispatchedAt), desc(issues.id))
    .limit(MAX_DECISIONS);
  return [
    ...docs.map((d): KnownDocument => ({
      name: d.name,
      title: d.title,
      abstract: d.abstract,
      group: d.group!,
      source: "document",
    })),
    ...decided.map(decisionDocument).filter((d): d is KnownDocument => d !== null),
  ];
}

/** A cheap fingerprint of the knowledge, so a server notices what other servers added. */
export async function knowledgeFingerprint(db: Queryable): Promise<string> {
  const rows = await queryRows(
    db,
    sql`
    select
      (select count(*) from documents where group_acronym is not null)::text || ':' ||
      coalesce((select max(updated_at) from documents)::text, '-') || ':' ||
      (select count(*) from issues where state in ('dispatched', 'accepted') and not confidential)::text || ':' ||
      (select count(*) from groups)::text || ':' ||
      coalesce((select max(updated_at) from groups)::text, '-') || ':' ||
      (select count(*) from groups where state = 'active')::text
      as fp`,
    z.object({ fp: z.string() }),
  );
  return rows[0]?.fp ?? "";
}
