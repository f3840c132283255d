import { eq } from "drizzle-orm";
import type { Tx } from "~/db/client";
import { savedViews } from "~/db/schema";
import { DomainError } from "~/server/domain/errors";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { decide, type SavedViewResource } from "~/server/domain/permissions/policy";
export type ViewRow = typeof savedViews.$inferSelect;

export function viewResource(row: ViewRow): SavedViewResource {
  return { kind: "saved-view", ownerId: row.ownerId, sharedWith: row.sharedWith };
}

/**
 * A view the actor may see, locked for the change; one they may not see does
 * not exist for them (NOT_FOUND), so its existence does not leak.
 */
export async function loadViewForUpdate(tx: Tx, actor: MaybeActor, id: number): Promise<ViewRow> {
  const [row] = await tx.select().from(savedViews).where(eq(savedViews.id, id)).for("update");
  if (!row || !actor || !decide(actor, "view.see", viewResource(row)).allowed) {
    throw new DomainError("NOT_FOUND", "There is no such view.");
  }
  return row;
}
