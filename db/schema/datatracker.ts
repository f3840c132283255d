import { index, integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import type {
  CursorResource,
  SyncCounts,
  SyncProblem,
  SyncProgress,
  SyncRunStatus,
  SyncTrigger,
} from "../../server/domain/datatracker/sync-vocabulary";

/** One run of the Datatracker sync: when, how it ended, what it changed and what went wrong. */
export const datatrackerSyncRuns = pgTable(
  "datatracker_sync_runs",
  {
    id: serial("id").primaryKey(),
    trigger: text("trigger").$type<SyncTrigger>().notNull(),
    status: text("status").$type<SyncRunStatus>().notNull().default("running"),
    /** The API base the run read from, e.g. https://datatracker.ietf.org. */
    base: text("base").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    counts: jsonb("counts").$type<SyncCounts>().notNull().default({}),
    errors: jsonb("errors").$type<SyncProblem[]>().notNull().default([]),
    progress: jsonb("progress")
      .$type<SyncProgress>()
      .notNull()
      .default({ resource: null, done: 0, total: null }),
  },
  (t) => [index("datatracker_sync_runs_started_idx").on(t.startedAt)],
);

/** The last Datatracker `time` applied per resource: where the next run starts. */
export const datatrackerSyncCursors = pgTable("datatracker_sync_cursors", {
  resource: text("resource").$type<CursorResource>().primaryKey(),
  /** ISO-8601; the next run asks for `time__gte` this. */
  since: text("since").notNull(),
  /** Objects at exactly `since` already applied. */
  offset: integer("offset").notNull().default(0),
  /** Document cursor only: the Datatracker group ids whose documents it covers. */
  groupIds: integer("group_ids").array().notNull().default([]),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The lease that lets one app server sync at a time. Taken with one atomic
 * upsert that succeeds only when the lease is free or expired; renewed while a
 * run lasts; released at its end. Works across processes on PostgreSQL and PGlite.
 */
export const datatrackerSyncLease = pgTable("datatracker_sync_lease", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  runId: integer("run_id"),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

/** Datatracker state ids learnt from `/api/v1/doc/state/` beyond the built-in vocabulary. */
export const datatrackerStates = pgTable("datatracker_states", {
  datatrackerId: integer("datatracker_id").primaryKey(),
  type: text("type").notNull(),
  slug: text("slug").notNull(),
});
