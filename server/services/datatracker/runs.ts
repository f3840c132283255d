import { desc, eq, sql } from "drizzle-orm";
import type { Queryable } from "~/db/client";
import { datatrackerSyncRuns } from "~/db/schema";
import type {
  SyncCounts,
  SyncProblem,
  SyncProgress,
  SyncRunStatus,
  SyncTrigger,
} from "~/server/domain/datatracker/sync-vocabulary";

export type SyncRunRow = typeof datatrackerSyncRuns.$inferSelect;

/** Start a run row. Runs left "running" by a crashed server are closed as abandoned first. */
export async function startRun(db: Queryable, trigger: SyncTrigger, base: string): Promise<number> {
  await db
    .update(datatrackerSyncRuns)
    .set({ status: "abandoned", finishedAt: sql`now()` })
    .where(eq(datatrackerSyncRuns.status, "running"));
  const [row] = await db
    .insert(datatrackerSyncRuns)
    .values({ trigger, base })
    .returning({ id: datatrackerSyncRuns.id });
  return row!.id;
}

export async function saveProgress(
  db: Queryable,
  runId: number,
  progress: SyncProgress,
  counts: SyncCounts,
  errors: readonly SyncProblem[],
): Promise<void> {
  await db
    .update(datatrackerSyncRuns)
    .set({ progress, counts, errors: [...errors] })
    .where(eq(datatrackerSyncRuns.id, runId));
}

export async function finishRun(
  db: Queryable,
  runId: number,
  status: Exclude<SyncRunStatus, "running">,
  counts: SyncCounts,
  errors: readonly SyncProblem[],
): Promise<void> {
  await db
    .update(datatrackerSyncRuns)
    .set({
      status,
      counts,
      errors: [...errors],
      finishedAt: sql`now()`,
      progress: { resource: null, done: 0, total: null },
    })
    .where(eq(datatrackerSyncRuns.id, runId));
}

export async function findRun(db: Queryable, runId: number): Promise<SyncRunRow | null> {
  const [row] = await db
    .select()
    .from(datatrackerSyncRuns)
    .where(eq(datatrackerSyncRuns.id, runId));
  return row ?? null;
}

export async function recentRuns(db: Queryable, limit: number): Promise<SyncRunRow[]> {
  return db.select().from(datatrackerSyncRuns).orderBy(desc(datatrackerSyncRuns.id)).limit(limit);
}
