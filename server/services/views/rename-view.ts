import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~/db/client";
import { savedViews } from "~/db/schema";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { assertCan } from "~/server/domain/permissions/policy";
import { zId } from "~/server/domain/validation";
import { recordEvent } from "../events";
import { loadViewForUpdate, viewResource } from "./access";
import { ZViewName } from "./view-filters";

export const ZRenameView = z.object({ id: zId("The view"), name: ZViewName });

export async function renameView(db: Db, actor: MaybeActor, input: z.input<typeof ZRenameView>) {
  const { id, name } = ZRenameView.parse(input);
  return db.transaction(async (tx) => {
    const row = await loadViewForUpdate(tx, actor, id);
    const capacity = assertCan(actor, "view.manage", viewResource(row));
    await tx
      .update(savedViews)
      .set({ name, updatedAt: sql`now()`, version: row.version + 1 })
      .where(eq(savedViews.id, id));
    await recordEvent(tx, {
      subjectType: "view",
      subjectKey: id,
      type: "view-renamed",
      actorId: actor!.personId,
      actorCapacity: capacity,
      groupAcronym: row.sharedWith,
      payload: { from: row.name, to: name },
    });
    return { id, name };
  });
}
