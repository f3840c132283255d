import path from "node:path";
import { openDatabase, type Database } from "~/db/client";
import { env } from "./env";

/**
 * Open the database the environment names: PostgreSQL at DATABASE_URL, or the
 * embedded database in DATA_DIR/pglite. Used by the app server and the
 * command-line tools alike; the caller migrates (and seeds) as it needs.
 */
export function openConfiguredDatabase(): Promise<Database> {
  const e = env();
  return openDatabase(
    e.DATABASE_URL ? { url: e.DATABASE_URL } : { dataDir: path.resolve(e.DATA_DIR, "pglite") },
  );
}
