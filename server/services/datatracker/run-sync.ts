import { randomUUID } from "node:crypto";
import type { Db } from "~/db/client";
import type {
  SyncProgress,
  SyncResource,
  SyncRunStatus,
  SyncTrigger,
} from "~/server/domain/datatracker/sync-vocabulary";
import { DomainError } from "~/server/domain/errors";
import { DEFAULT_HTTP, type HttpOptions } from "./http";
import { acquireLease, releaseLease, renewLease } from "./lease";
import { PageFailure, RunLog, type Reader } from "./pager";
import { finishRun, saveProgress, startRun } from "./runs";
import { syncDocuments } from "./sync-documents";
import { syncGroups } from "./sync-groups";
import { syncRoles } from "./sync-roles";

export const DEFAULT_DATATRACKER_BASE = "https://datatracker.ietf.org";

export interface SyncOptions {
  /** API origin, e.g. https://datatracker.ietf.org or a fake on loopback. */
  base: string;
  trigger: SyncTrigger;
  /** Re-read everything changed since this ISO time instead of since the cursors. */
  since?: string | null;
  pageSize?: number;
  http?: Partial<HttpOptions>;
  /** How long the lease lasts without renewal (renewed after every page). */
  leaseMs?: number;
  /** Called after every page with the run's progress. */
  onProgress?: (p: SyncProgress) => void;
}

export interface SyncResult {
  runId: number;
  status: Exclude<SyncRunStatus, "running">;
  log: RunLog;
}

/** A run that was started by `beginSync` and goes on by `continueSync`. */
export interface StartedSync {
  runId: number;
  holder: string;
}

/**
 * Take the lease and open a run row; refuses (CONFLICT) while another server or
 * process is syncing.
 */
export async function beginSync(db: Db, opts: SyncOptions): Promise<StartedSync> {
  const holder = randomUUID();
  if (!(await acquireLease(db, holder, opts.leaseMs ?? 120_000))) {
    throw new DomainError(
      "CONFLICT",
      "A Datatracker sync is already running; wait for it to finish.",
    );
  }
  try {
    const runId = await startRun(db, opts.trigger, opts.base);
    await renewLease(db, holder, opts.leaseMs ?? 120_000, runId);
    return { runId, holder };
  } catch (e) {
    await releaseLease(db, holder);
    throw e;
  }
}

/** Do the work of a begun run: areas, groups, roles, documents; then close the run and free the lease. */
export async function continueSync(
  db: Db,
  started: StartedSync,
  opts: SyncOptions,
): Promise<SyncResult> {
  const { runId, holder } = started;
  const reader: Reader = {
    base: opts.base,
    http: { ...DEFAULT_HTTP, ...opts.http },
    pageSize: opts.pageSize ?? 200,
  };
  const leaseMs = opts.leaseMs ?? 120_000;
  const log = new RunLog();
  let failed = false;
  const step = async (
    resource: SyncResource,
    work: (onPage: (done: number, total: number) => Promise<void>) => Promise<void>,
  ) => {
    log.of(resource);
    const onPage = async (done: number, total: number) => {
      if (!(await renewLease(db, holder, leaseMs))) {
        throw new PageFailure(opts.base, "the sync lease was lost to another server; stopping");
      }
      const progress = { resource, done, total };
      await saveProgress(db, runId, progress, log.counts, log.errors);
      opts.onProgress?.(progress);
    };
    try {
      await onPage(0, 0);
      await work(onPage);
    } catch (e) {
      if (!(e instanceof PageFailure)) throw e;
      failed = true;
      log.problem(resource, e.url, `${e.message}; the next run resumes here`);
    }
  };
  let status: Exclude<SyncRunStatus, "running"> = "failed";
  try {
    const since = opts.since ?? null;
    await step("areas", (onPage) => syncGroups(db, reader, "areas", log, onPage, since));
    await step("groups", (onPage) => syncGroups(db, reader, "groups", log, onPage, since));
    await step("roles", (onPage) => syncRoles(db, reader, log, onPage));
    await step("documents", (onPage) => syncDocuments(db, reader, log, onPage, since));
    status = failed ? "failed" : "succeeded";
  } catch (e) {
    log.problem(
      "documents",
      opts.base,
      `the run stopped: ${e instanceof Error ? e.message : String(e)}`,
    );
    throw e;
  } finally {
    await finishRun(db, runId, status, log.counts, log.errors).catch(() => {});
    await releaseLease(db, holder).catch(() => {});
  }
  return { runId, status, log };
}

/** One whole run: take the lease, sync, record the run. */
export async function runSync(db: Db, opts: SyncOptions): Promise<SyncResult> {
  const started = await beginSync(db, opts);
  return continueSync(db, started, opts);
}
