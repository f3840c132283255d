import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { safeString, zKey } from "~/server/domain/validation";
import type { Db } from "~/db/client";
import { issueDrafts } from "~/db/schema";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { assertCan, NO_RESOURCE } from "~/server/domain/permissions/policy";

/**
 * The autosaved intake form. It is kept as typed, unvalidated text, so a
 * half-written form (even an invalid one) is never lost.
 */
export const ZIssueDraft = z.record(zKey(40), z.union([safeString().max(25_000), z.boolean()]));

export async function saveIssueDraft(db: Db, actor: MaybeActor, data: z.infer<typeof ZIssueDraft>) {
  assertCan(actor, "issue.file", NO_RESOURCE);
  const [row] = await db
    .insert(issueDrafts)
    .values({ personId: actor!.personId, data })
    .onConflictDoUpdate({ target: issueDrafts.personId, set: { data, updatedAt: sql`now()` } })
    .returning({ updatedAt: issueDrafts.updatedAt });
  return { savedAt: row!.updatedAt };
}

export async function getIssueDraft(db: Db, actor: MaybeActor) {
  assertCan(actor, "issue.file", NO_RESOURCE);
  const [row] = await db
    .select()
    .from(issueDrafts)
    .where(eq(issueDrafts.personId, actor!.personId));
  return row ? { data: row.data, savedAt: row.updatedAt } : null;
}

export async function discardIssueDraft(db: Db, actor: MaybeActor) {
  assertCan(actor, "issue.file", NO_RESOURCE);
  await db.delete(issueDrafts).where(eq(issueDrafts.personId, actor!.personId));
}
