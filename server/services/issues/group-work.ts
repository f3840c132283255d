import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "~/db/client";
import { issues } from "~/db/schema";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { visibleIssues } from "./access";

/**
 * Work dispatched to a group: awaiting its chairs' acknowledgement, and
 * accepted so far. Only issues the actor may see.
 */
export async function findGroupWork(db: Db, actor: MaybeActor, acronym: string) {
  const group = acronym.toLowerCase();
  const rows = await db
    .select({
      id: issues.id,
      title: issues.title,
      state: issues.state,
      charterItem: issues.charterItem,
      dispatchedAt: issues.dispatchedAt,
      recommendation: issues.recommendation,
    })
    .from(issues)
    .where(
      and(
        // The stored outcomeTargetGroup: an existing WG's acronym, or "iotops" for work IOTOPS keeps.
        eq(issues.targetGroup, group),
        inArray(issues.state, ["dispatched", "accepted"]),
        visibleIssues(actor),
      ),
    )
    .orderBy(desc(issues.dispatchedAt), desc(issues.id))
    .limit(200);
  return {
    awaiting: rows.filter((r) => r.state === "dispatched"),
    accepted: rows.filter((r) => r.state === "accepted"),
  };
}
