import { sql } from "drizzle-orm";
import { getDatabase } from "~/server/db";
import { env } from "~/server/env";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for load balancers and the start script. */
export async function GET() {
  const mode = env().DATABASE_URL ? "postgres" : "pglite";
  const started = performance.now();
  try {
    const { db } = await getDatabase();
    await db.execute(sql`select 1`);
    return Response.json({
      status: "ok",
      database: { mode, reachable: true, latencyMs: Math.round(performance.now() - started) },
    });
  } catch (err) {
    console.error("[health] database check failed:", err);
    return Response.json(
      {
        status: "error",
        database: {
          mode,
          reachable: false,
          error: err instanceof Error ? err.message : String(err),
        },
      },
      { status: 503 },
    );
  }
}
