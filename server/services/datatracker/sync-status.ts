import { asc } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~/db/client";
import { datatrackerSyncCursors } from "~/db/schema";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { assertCan, NO_RESOURCE } from "~/server/domain/permissions/policy";
import { DomainError } from "~/server/domain/errors";
import { beginSync, continueSync } from "./run-sync";
import { findRun, recentRuns, type SyncRunRow } from "./runs";

export interface SyncSettings {
  base: string;
  scheduled: boolean;
  intervalMinutes: number;
}

function view(run: SyncRunRow) {
  const end = run.finishedAt ?? null;
  return {
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    base: run.base,
    startedAt: run.startedAt,
    finishedAt: end,
    durationMs: end ? end.getTime() - run.startedAt.getTime() : null,
    counts: run.counts,
    errors: run.errors,
    progress: run.progress,
  };
}
export type SyncRunView = ReturnType<typeof view>;

/** The secretariat's view of the sync: settings, the latest runs and the cursors. */
export async function getSyncStatus(db: Db, actor: MaybeActor, settings: SyncSettings) {
  assertCan(actor, "sync.view", NO_RESOURCE);
  const runs = (await recentRuns(db, 10)).map(view);
  const cursors = await db
    .select({ resource: datatrackerSyncCursors.resource, since: datatrackerSyncCursors.since })
    .from(datatrackerSyncCursors)
    .orderBy(asc(datatrackerSyncCursors.resource));
  return { settings, runs, cursors };
}

export const ZSyncRunId = z.object({ id: z.number().int().positive().max(2_147_483_647) });

/** One run, for polling its progress. */
export async function getSyncRun(db: Db, actor: MaybeActor, input: z.infer<typeof ZSyncRunId>) {
  assertCan(actor, "sync.view", NO_RESOURCE);
  const run = await findRun(db, input.id);
  if (!run) throw new DomainError("NOT_FOUND", `There is no sync run #${input.id}.`);
  return view(run);
}

/**
 * "Sync now": take the lease and open the run at once (so a second click, or a
 * run on another server, is refused with CONFLICT), then sync in the background.
 * The page follows the run row.
 */
export async function startSyncNow(
  db: Db,
  actor: MaybeActor,
  settings: SyncSettings,
): Promise<{ runId: number }> {
  assertCan(actor, "sync.run", NO_RESOURCE);
  const opts = { base: settings.base, trigger: "manual" as const };
  const started = await beginSync(db, opts);
  void continueSync(db, started, opts).catch((e: unknown) => {
    console.error(`[datatracker-sync] run #${started.runId} stopped:`, e);
  });
  return { runId: started.runId };
}
