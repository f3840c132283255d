import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "~/db/client";
import { queryRows } from "~/db/rows";
import {
  accounts,
  apiTokens,
  emailVerifications,
  issueComments,
  issueDrafts,
  issues,
  digestItems,
  notificationKindPrefs,
  notificationPrefs,
  notifications,
  outbox,
  people,
  roleGrants,
  savedViews,
  watches,
} from "~/db/schema";
import { verifyAgainstDummy, verifyPassword } from "~/server/auth/passwords";
import { DomainError } from "~/server/domain/errors";
import { MERGE_REFUSAL_TEXT, mergeRefusal, verifiedAfterMerge } from "~/server/domain/people/merge";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import type { Throttle } from "~/server/auth/throttle";
import { recordEvents } from "../events";
import { consumeOrRefuse } from "./throttled";

export const ZMergeAccounts = z.object({
  email: z.email("Enter the other account's email address.").trim().toLowerCase().max(320),
  password: z.string().min(1, "Enter the other account's password.").max(400),
});

export interface MergeResult {
  mergedPersonId: number;
  moved: {
    roles: number;
    issues: number;
    comments: number;
    watches: number;
    links: number;
    /** Personal API tokens that are not revoked: scripts keep working, as the survivor. */
    tokens: number;
    views: number;
  };
}

/**
 * Merge another account into the signed-in person's, after proving it with its
 * password. Roles, Datatracker links, issues (submitted and as responsible
 * chair), comments, watches, notifications, a draft, saved views and personal
 * API tokens that are not revoked move to the signed-in person; the other
 * account can no longer sign in and its sessions end. The
 * events stay as they were written (the history keeps who acted then); one
 * event on each person records the merge.
 */
export async function mergeAccounts(
  db: Db,
  actor: MaybeActor,
  input: z.infer<typeof ZMergeAccounts>,
): Promise<MergeResult> {
  if (!actor) throw new DomainError("UNAUTHENTICATED", "Sign in to merge accounts.");
  const [candidate] = await db
    .select({ id: people.id, hash: people.passwordHash })
    .from(people)
    .where(
      and(
        sql`lower(${people.email}) = ${input.email.trim().toLowerCase()}`,
        isNotNull(people.passwordHash),
        isNull(people.mergedInto),
      ),
    )
    .limit(1);
  const passwordMatches = candidate?.hash
    ? await verifyPassword(input.password, candidate.hash)
    : await verifyAgainstDummy(input.password);

  return db.transaction(async (tx) => {
    const survivor = await lockPerson(tx, actor.personId);
    const other = candidate ? await lockPerson(tx, candidate.id) : null;
    const refusal = mergeRefusal({
      survivorId: actor.personId,
      survivorMerged: !survivor || survivor.mergedInto !== null,
      other: other ? { id: other.id, merged: other.mergedInto !== null } : null,
      passwordMatches,
    });
    if (refusal || !survivor || !other) {
      const message = MERGE_REFUSAL_TEXT[refusal ?? "wrong-credentials"];
      throw new DomainError(refusal === "wrong-credentials" ? "VALIDATION" : "CONFLICT", message, {
        fieldErrors: refusal === "same-account" ? { email: [message] } : { password: [message] },
      });
    }
    const from = other.id;
    const to = survivor.id;

    // The other account first gives up its address and sessions, so the
    // survivor may take over a verified address (one verified owner per address).
    await tx
      .update(people)
      .set({
        mergedInto: to,
        passwordHash: null,
        emailVerified: null,
        sessionVersion: sql`${people.sessionVersion} + 1`,
        version: sql`${people.version} + 1`,
      })
      .where(eq(people.id, from));
    await tx
      .update(people)
      .set({
        emailVerified: verifiedAfterMerge(
          { email: survivor.email, verifiedAt: survivor.emailVerified },
          { email: other.email, verifiedAt: other.emailVerified },
        ),
        // A Datatracker-only survivor keeps the other account's password, so both ways in still work.
        passwordHash: survivor.passwordHash ?? other.passwordHash,
        version: sql`${people.version} + 1`,
      })
      .where(eq(people.id, to));

    const moved = await moveEverything(tx, from, to);
    await recordEvents(tx, [
      {
        subjectType: "person",
        subjectKey: to,
        type: "accounts-merged",
        actorId: to,
        actorCapacity: "self",
        payload: { merged: from, mergedEmail: other.email, moved },
      },
      {
        subjectType: "person",
        subjectKey: from,
        type: "account-merged-into",
        actorId: to,
        actorCapacity: "self",
        payload: { into: to, moved },
      },
    ]);
    return { mergedPersonId: from, moved };
  });
}

async function lockPerson(tx: Tx, id: number) {
  const [row] = await tx.select().from(people).where(eq(people.id, id)).for("update");
  return row ?? null;
}

async function moveEverything(tx: Tx, from: number, to: number): Promise<MergeResult["moved"]> {
  // Roles: move those the survivor lacks; drop exact duplicates.
  const roles = await queryRows(
    tx,
    sql`
    update ${roleGrants} g set person_id = ${to}
    where g.person_id = ${from} and not exists (
      select 1 from ${roleGrants} s where s.person_id = ${to}
        and s.role = g.role and s.group_acronym = g.group_acronym and s.source = g.source)
    returning g.id`,
    z.object({ id: z.number() }),
  );
  await tx.delete(roleGrants).where(eq(roleGrants.personId, from));
  const links = await tx
    .update(accounts)
    .set({ personId: to })
    .where(eq(accounts.personId, from))
    .returning({ id: accounts.id });
  const submitted = await tx
    .update(issues)
    .set({ submitterId: to, version: sql`${issues.version} + 1` })
    .where(eq(issues.submitterId, from))
    .returning({ id: issues.id });
  const chaired = await tx
    .update(issues)
    .set({ responsibleChairId: to, version: sql`${issues.version} + 1` })
    .where(eq(issues.responsibleChairId, from))
    .returning({ id: issues.id });
  const comments = await tx
    .update(issueComments)
    .set({ authorId: to })
    .where(eq(issueComments.authorId, from))
    .returning({ id: issueComments.id });
  const watched = await queryRows(
    tx,
    sql`
    insert into ${watches} (person_id, subject_type, subject_key, active, automatic, created_at)
    select ${to}, subject_type, subject_key, active, automatic, created_at
    from ${watches} where person_id = ${from}
    on conflict do nothing returning subject_key`,
    z.object({ subject_key: z.string() }),
  );
  await tx.delete(watches).where(eq(watches.personId, from));
  await tx.execute(sql`
    update ${notifications} n set person_id = ${to}
    where n.person_id = ${from} and not exists (
      select 1 from ${notifications} s where s.person_id = ${to} and s.event_id = n.event_id)`);
  await tx.delete(notifications).where(eq(notifications.personId, from));
  await tx.execute(sql`
    insert into ${issueDrafts} (person_id, data, updated_at)
    select ${to}, data, updated_at from ${issueDrafts} where person_id = ${from}
    on conflict do nothing`);
  await tx.delete(issueDrafts).where(eq(issueDrafts.personId, from));
  await tx.delete(notificationPrefs).where(eq(notificationPrefs.personId, from));
  await tx.delete(notificationKindPrefs).where(eq(notificationKindPrefs.personId, from));
  // Notifications waiting for a digest go to the survivor's next one, not to the old address.
  await tx.execute(sql`
    update ${digestItems} d set person_id = ${to}
    where d.person_id = ${from} and d.digest_id is null and not exists (
      select 1 from ${digestItems} s where s.person_id = ${to} and s.event_id = d.event_id)`);
  await tx
    .delete(digestItems)
    .where(and(eq(digestItems.personId, from), isNull(digestItems.digestId)));
  await tx.delete(emailVerifications).where(eq(emailVerifications.personId, from));
  const tokens = await tx
    .update(apiTokens)
    .set({ personId: to })
    .where(and(eq(apiTokens.personId, from), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  const views = await tx
    .update(savedViews)
    .set({ ownerId: to, version: sql`${savedViews.version} + 1` })
    .where(eq(savedViews.ownerId, from))
    .returning({ id: savedViews.id });
  await tx
    .update(outbox)
    .set({ personId: to })
    .where(and(eq(outbox.personId, from), eq(outbox.status, "pending")));
  return {
    roles: roles.length,
    issues: new Set([...submitted, ...chaired].map((r) => r.id)).size,
    comments: comments.length,
    watches: watched.length,
    links: links.length,
    tokens: tokens.length,
    views: views.length,
  };
}

/** {@link mergeAccounts}, with the other account's password tries throttled per person. */
export async function mergeAccountsThrottled(
  db: Db,
  throttle: Throttle,
  actor: MaybeActor,
  input: z.infer<typeof ZMergeAccounts>,
): Promise<MergeResult> {
  if (actor) {
    await consumeOrRefuse(throttle, "merge-proof", String(actor.personId), "merge");
  }
  return mergeAccounts(db, actor, input);
}
