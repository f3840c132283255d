import { and, eq, sql } from "drizzle-orm";
import type { Queryable } from "~/db/client";
import { datatrackerSyncLease } from "~/db/schema";

const LEASE = "datatracker-sync";

/**
 * Take the sync lease for `ttlMs` if nobody holds it (or the holder's lease has
 * expired: a crashed server does not block the sync for ever). One atomic
 * statement, so two servers asking at once cannot both get it.
 */
export async function acquireLease(db: Queryable, holder: string, ttlMs: number): Promise<boolean> {
  const rows = await db
    .insert(datatrackerSyncLease)
    .values({ name: LEASE, holder, expiresAt: sql`now() + ${`${ttlMs} milliseconds`}::interval` })
    .onConflictDoUpdate({
      target: datatrackerSyncLease.name,
      set: { holder, runId: null, expiresAt: sql`now() + ${`${ttlMs} milliseconds`}::interval` },
      setWhere: sql`${datatrackerSyncLease.expiresAt} < now()`,
    })
    .returning({ holder: datatrackerSyncLease.holder });
  return rows.length === 1 && rows[0]!.holder === holder;
}

/** Extend the lease; false when it is no longer ours (it expired and another server took it). */
export async function renewLease(
  db: Queryable,
  holder: string,
  ttlMs: number,
  runId?: number,
): Promise<boolean> {
  const rows = await db
    .update(datatrackerSyncLease)
    .set({
      expiresAt: sql`now() + ${`${ttlMs} milliseconds`}::interval`,
      ...(runId !== undefined ? { runId } : {}),
    })
    .where(and(eq(datatrackerSyncLease.name, LEASE), eq(datatrackerSyncLease.holder, holder)))
    .returning({ holder: datatrackerSyncLease.holder });
  return rows.length === 1;
}

export async function releaseLease(db: Queryable, holder: string): Promise<void> {
  await db
    .delete(datatrackerSyncLease)
    .where(and(eq(datatrackerSyncLease.name, LEASE), eq(datatrackerSyncLease.holder, holder)));
}

/** Who holds the lease now, if anyone. */
export async function currentLease(db: Queryable) {
  const [row] = await db
    .select()
    .from(datatrackerSyncLease)
    .where(
      and(eq(datatrackerSyncLease.name, LEASE), sql`${datatrackerSyncLease.expiresAt} >= now()`),
    );
  return row ?? null;
}
