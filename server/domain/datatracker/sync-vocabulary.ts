/**
 * The Datatracker sync's own vocabulary: what it syncs, how a run ends, what it
 * counts and how it reports a problem. Stored in `datatracker_sync_runs` and
 * `datatracker_sync_cursors`, read by the status page.
 */

/** Resources in the order one run syncs them (areas before groups, groups before roles and documents). */
export const SYNC_RESOURCES = ["areas", "groups", "roles", "documents", "states"] as const;
export type SyncResource = (typeof SYNC_RESOURCES)[number];

/** Resources with a `time` cursor; roles have no `time` in the Datatracker and are read whole. */
export const CURSOR_RESOURCES = ["areas", "groups", "documents", "documents-backfill"] as const;
export type CursorResource = (typeof CURSOR_RESOURCES)[number];

export const SYNC_RUN_STATUSES = ["running", "succeeded", "failed", "abandoned"] as const;
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];

export const SYNC_TRIGGERS = ["command-line", "schedule", "manual"] as const;
export type SyncTrigger = (typeof SYNC_TRIGGERS)[number];

/** The capacity on every event the sync writes; its actor is the sync itself (no person). */
export const SYNC_ACTOR_CAPACITY = "datatracker-sync";

export interface ResourceCounts {
  /** Objects read from the Datatracker. */
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Removed here because the Datatracker no longer has them (roles). */
  removed: number;
  /** Objects reported as errors or not ours to sync. */
  skipped: number;
  /** Pages read. */
  pages: number;
}

export type SyncCounts = Partial<Record<SyncResource, ResourceCounts>>;

export interface SyncProblem {
  resource: SyncResource;
  /** The page or object URL the problem concerns. */
  url: string;
  message: string;
}

export interface SyncProgress {
  resource: SyncResource | null;
  /** Objects read so far for the current resource. */
  done: number;
  /** The Datatracker's `total_count` for the current resource, when known. */
  total: number | null;
}

export function emptyCounts(): ResourceCounts {
  return { fetched: 0, created: 0, updated: 0, unchanged: 0, removed: 0, skipped: 0, pages: 0 };
}
