import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~/db/client";
import { savedViews } from "~/db/schema";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { assertCan } from "~/server/domain/permissions/policy";
import { zId } from "~/server/domain/validation";
import { recordEvent } from "../events";
import { loadViewForUpdate, viewResource } from "./access";

export const ZDeleteView = z.object({ id: zId("The view") });

export async function deleteView(db: Db, actor: MaybeActor, input: z.input<typeof ZDeleteView>) {
  const { id } = ZDeleteView.parse(input);
  return db.transaction(async (tx) => {
    const row = await loadViewForUpdate(tx, actor, id);
    const capacity = assertCan(actor, "view.manage", viewResource(row));
    await tx.delete(savedViews).where(eq(savedViews.id, id));
    await recordEvent(tx, {
      subjectType: "view",
      subjectKey: id,
      type: "view-deleted",
      actorId: actor!.personId,
      actorCapacity: capacity,
      groupAcronym: row.sharedWith,
      payload: { name: row.name, page: row.page },
    });
    return { id };
  });
}
