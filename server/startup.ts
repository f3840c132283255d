import { registerDatabaseProbe } from "./availability";
import { probeDatabase } from "./database-probe";
import { getDatabase } from "./db";
import { env, EnvError } from "./env";
import { startRuntimeMetrics } from "./runtime-metrics";
import { scheduleSync } from "./services/datatracker/schedule";
import { startMailWorker } from "./services/notifications/mail-worker";

/**
 * Validate the environment and open, migrate and seed the database before the
 * first request, so a bad configuration stops the server with a clear message
 * instead of failing later.
 */
export async function startServer(): Promise<void> {
  try {
    env();
  } catch (e) {
    if (e instanceof EnvError) {
      console.error(`\n${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  startRuntimeMetrics();
  registerDatabaseProbe(probeDatabase);
  try {
    const db = await getDatabase();
    console.log(`[iotops] database ready (${db.mode})`);
    startMailWorker();
    const e = env();
    if (e.DATATRACKER_SYNC === "on") {
      scheduleSync(async () => (await getDatabase()).db, {
        base: e.DATATRACKER_API_BASE,
        intervalMs: e.DATATRACKER_SYNC_INTERVAL_MINUTES * 60_000,
      });
      console.log(
        `[iotops] Datatracker sync every ${e.DATATRACKER_SYNC_INTERVAL_MINUTES} min from ${e.DATATRACKER_API_BASE}`,
      );
    }
  } catch (e) {
    console.error("[iotops] could not open the database:", e);
    process.exit(1);
  }
}
