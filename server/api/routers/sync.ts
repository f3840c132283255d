import { env } from "~/server/env";
import {
  getSyncRun,
  getSyncStatus,
  startSyncNow,
  ZSyncRunId,
  type SyncSettings,
} from "~/server/services/datatracker/sync-status";
import { createTRPCRouter, publicProcedure } from "../trpc";

function settings(): SyncSettings {
  const e = env();
  return {
    base: e.DATATRACKER_API_BASE,
    scheduled: e.DATATRACKER_SYNC === "on",
    intervalMinutes: e.DATATRACKER_SYNC_INTERVAL_MINUTES,
  };
}

/** The Datatracker sync: secretariat procedures; the policy refuses everyone else. */
export const syncRouter = createTRPCRouter({
  status: publicProcedure.query(({ ctx }) => getSyncStatus(ctx.db, ctx.actor, settings())),
  run: publicProcedure
    .input(ZSyncRunId)
    .query(({ ctx, input }) => getSyncRun(ctx.db, ctx.actor, input)),
  start: publicProcedure.mutation(({ ctx }) => startSyncNow(ctx.db, ctx.actor, settings())),
});
