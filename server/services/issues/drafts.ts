import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { safeString, zKey } from "~/server/domain/validation";
import type { Db } from "~/db/client";
import { issueDrafts } from "~/db/schema";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { assertCan, NO_RESOURCE } from "~/server/domain/permissions/policy";

/** At most as many fields as the intake form has, with room to spare. */
export const DRAFT_MAX_FIELDS = 40;
/** The intake form's field limits add up to about 35,000 characters; a draft may hold 64,000. */
export const DRAFT_MAX_CHARACTERS = 64_000;

/**
 * The autosaved intake form. It is kept as typed, unvalidated text, so a
 * half-written form (even an invalid one) is never lost; but never more than a
 * whole form could hold.
 */
export const ZIssueDraft = z
  .record(zKey(40), z.union([safeString().max(25_000), z.boolean()]))
  .refine((draft) => Object.keys(draft).length <= DRAFT_MAX_FIELDS, {
    message: `A draft has at most ${DRAFT_MAX_FIELDS} fields.`,
  })
  .refine(
    (draft) =>
      Object.entries(draft).reduce(
        (n, [key, value]) => n + key.length + (typeof value === "string" ? value.length : 0),
        0,
      ) <= DRAFT_MAX_CHARACTERS,
    { message: `A draft holds at most ${DRAFT_MAX_CHARACTERS} characters; shorten the text.` },
  );

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
