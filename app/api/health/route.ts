import { env } from "~/server/env";
import { noteDatabaseBack, reportFailure, UNAVAILABLE_MESSAGE } from "~/server/availability";
import { probeDatabase } from "~/server/database-probe";
import { readRuntimeMetrics } from "~/server/runtime-metrics";

export const dynamic = "force-dynamic";

/**
 * Liveness and database reachability, for load balancers, the start script and
 * the soak test (process memory and event-loop delay since the previous call).
 * 503 with a plain message while the database cannot be reached.
 */
export async function GET() {
  const mode = env().DATABASE_URL ? "postgres" : "pglite";
  const started = performance.now();
  try {
    await probeDatabase();
    noteDatabaseBack();
    return Response.json({
      status: "ok",
      database: { mode, reachable: true, latencyMs: Math.round(performance.now() - started) },
      process: readRuntimeMetrics(),
    });
  } catch (err) {
    console.error("[health] database check failed:", err);
    reportFailure(err);
    return Response.json(
      {
        status: "unavailable",
        message: UNAVAILABLE_MESSAGE,
        database: {
          mode,
          reachable: false,
          error: err instanceof Error ? err.message : String(err),
        },
        process: readRuntimeMetrics(),
      },
      { status: 503, headers: { "retry-after": "5" } },
    );
  }
}
