import { desc } from "drizzle-orm";
import type { Db } from "~/db/client";
import { outbox } from "~/db/schema";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { assertCan, NO_RESOURCE } from "~/server/domain/permissions/policy";

/** The outbox, for the secretariat: what was sent, what waits, what failed. */
export async function viewOutbox(db: Db, actor: MaybeActor) {
  assertCan(actor, "outbox.view", NO_RESOURCE);
  return db.select().from(outbox).orderBy(desc(outbox.id)).limit(200);
}
