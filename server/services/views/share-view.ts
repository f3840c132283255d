import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~/db/client";
import { savedViews } from "~/db/schema";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { assertCan } from "~/server/domain/permissions/policy";
import { ZAcronym, zId } from "~/server/domain/validation";
import { recordEvent } from "../events";
import { loadViewForUpdate, viewResource } from "./access";

export const ZShareView = z.object({
  id: zId("The view"),
  /** The group to share with, or null to make the view private again. */
  group: ZAcronym.nullable(),
});

/** Share a view with a group the actor chairs, or make it private again. */
export async function shareView(db: Db, actor: MaybeActor, input: z.input<typeof ZShareView>) {
  const { id, group } = ZShareView.parse(input);
  return db.transaction(async (tx) => {
    const row = await loadViewForUpdate(tx, actor, id);
    let capacity = assertCan(actor, "view.manage", viewResource(row));
    if (group) capacity = assertCan(actor, "view.share", { kind: "group", acronym: group });
    await tx
      .update(savedViews)
      .set({ sharedWith: group, updatedAt: sql`now()`, version: row.version + 1 })
      .where(eq(savedViews.id, id));
    await recordEvent(tx, {
      subjectType: "view",
      subjectKey: id,
      type: group ? "view-shared" : "view-unshared",
      actorId: actor!.personId,
      actorCapacity: capacity,
      groupAcronym: group ?? row.sharedWith,
      payload: { name: row.name },
    });
    return { id, sharedWith: group };
  });
}
