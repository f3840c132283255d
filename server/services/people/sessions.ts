import { eq, lt, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { people, revokedSessions } from "~/db/schema";
import { DomainError } from "~/server/domain/errors";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { recordEvent } from "../events";

/** What a new session token carries about the person (see load-actor.ts). */
export async function sessionVersionOf(db: Db, personId: number): Promise<number | null> {
  const [row] = await db
    .select({ v: people.sessionVersion })
    .from(people)
    .where(eq(people.id, personId));
  return row?.v ?? null;
}

/**
 * Sign one session out: its id is listed as revoked until the token would have
 * expired, so a copy of the cookie is refused on every app server.
 */
export async function revokeSession(
  db: Db,
  session: { personId: number; sessionId: string | null; expiresAt: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    if (session.sessionId) {
      await tx
        .insert(revokedSessions)
        .values({
          sessionId: session.sessionId,
          personId: session.personId,
          expiresAt: session.expiresAt,
        })
        .onConflictDoNothing();
    } else {
      // A token from before session ids: only a new session version ends it.
      await tx
        .update(people)
        .set({ sessionVersion: sql`${people.sessionVersion} + 1` })
        .where(eq(people.id, session.personId));
    }
    await recordEvent(tx, {
      subjectType: "person",
      subjectKey: session.personId,
      type: "signed-out",
      actorId: session.personId,
      actorCapacity: "self",
      payload: { everywhere: !session.sessionId },
    });
    // Revocations of tokens that have expired anyway are no longer needed.
    await tx.delete(revokedSessions).where(lt(revokedSessions.expiresAt, new Date()));
  });
}

/** Sign the person out of every session, on every device, at once. */
export async function signOutEverywhere(db: Db, actor: MaybeActor): Promise<{ ok: true }> {
  if (!actor) throw new DomainError("UNAUTHENTICATED", "You are not signed in.");
  await db.transaction(async (tx) => {
    await tx
      .update(people)
      .set({ sessionVersion: sql`${people.sessionVersion} + 1` })
      .where(eq(people.id, actor.personId));
    await recordEvent(tx, {
      subjectType: "person",
      subjectKey: actor.personId,
      type: "signed-out",
      actorId: actor.personId,
      actorCapacity: "self",
      payload: { everywhere: true },
    });
  });
  return { ok: true };
}
