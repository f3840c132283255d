import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "~/db/client";
import { issues } from "~/db/schema";
import { outcomeTargetGroup } from "~/server/domain/dispatch/outcomes";
import { DomainError } from "~/server/domain/errors";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import {
  decide,
  HANDED_OFF_STATES,
  issueVisibility,
  type IssueResource,
} from "~/server/domain/permissions/policy";

export type IssueRow = typeof issues.$inferSelect;

export function issueResource(row: IssueRow): IssueResource {
  const rec = row.recommendation;
  return {
    kind: "issue",
    submitterId: row.submitterId,
    confidential: row.confidential,
    area: row.area,
    state: row.state,
    targetGroup: rec ? outcomeTargetGroup(rec.outcome) : null,
  };
}

/**
 * SQL condition for the issues an actor may see in lists, searches, counts and
 * reports: public issues, plus confidential ones the policy would show them.
 * Mirrors `issue.view` in the policy; the integration tests hold the two together.
 */
export function visibleIssues(actor: MaybeActor): SQL | undefined {
  const visibility = issueVisibility(actor);
  if (visibility === "all") return undefined;
  const publicOnly = eq(issues.confidential, false);
  if (visibility.submitterId === null) return publicOnly;
  const parts: SQL[] = [publicOnly, eq(issues.submitterId, visibility.submitterId)];
  if (visibility.areas.length > 0) parts.push(sql`${issues.area} in ${[...visibility.areas]}`);
  if (visibility.receivingGroups.length > 0) {
    // Work handed off to a group the actor chairs (the policy's receiving-chair rule).
    parts.push(
      and(
        inArray(issues.state, [...HANDED_OFF_STATES]),
        sql`${issues.recommendation}->'outcome'->>'kind' = 'existing-wg'`,
        sql`${issues.recommendation}->'outcome'->>'targetGroup' in ${[...visibility.receivingGroups]}`,
      )!,
    );
  }
  return or(...parts);
}

/**
 * Load an issue the actor may see, optionally locking the row for update.
 * A confidential issue the actor may not see is reported as not found, so its
 * existence does not leak.
 */
export async function loadVisibleIssue(
  db: Queryable,
  actor: MaybeActor,
  id: number,
  opts: { forUpdate?: boolean } = {},
): Promise<IssueRow> {
  const q = db.select().from(issues).where(eq(issues.id, id));
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  if (!row || !decide(actor, "issue.view", issueResource(row)).allowed) {
    throw new DomainError("NOT_FOUND", `There is no issue #${id}.`);
  }
  return row;
}

/** The optimistic-concurrency check every issue change goes through. */
export function assertVersion(row: IssueRow, expectedVersion: number): void {
  if (row.version !== expectedVersion) {
    throw new DomainError(
      "CONFLICT",
      `Issue #${row.id} was changed by someone else while you were looking at it. It is now "${row.state}" (version ${row.version}). Reload to see the changes, then try again.`,
      {
        current: { state: row.state, version: row.version, updatedAt: row.updatedAt.toISOString() },
      },
    );
  }
}
