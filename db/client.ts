import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite, type PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { serveBackupsOnSignal } from "./backup-signal";
import { acquireDataDirLock } from "./lock";
import * as schema from "./schema";

export type Schema = typeof schema;
/** Either driver's database: services are written against this common base. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; the same query API as Db. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything that can run queries: the database or a transaction. */
export type Queryable = Db;

export type DbMode = "pglite" | "postgres";

export interface Database {
  db: Db;
  mode: DbMode;
  /** The PostgreSQL URL in server mode. */
  url?: string;
  close: () => Promise<void>;
}

/** The driver under a database opened here: a node-postgres pool or a PGlite instance. */
export type DriverClient = pg.Pool | PGlite;

type Driver =
  | { mode: "postgres"; client: pg.Pool }
  | { mode: "pglite"; client: PGlite; db: PgliteDatabase<Schema> };

/** Each database `openDatabase` returned, with the driver it runs on. */
const drivers = new WeakMap<Db, Driver>();

/**
 * The driver under a database from `openDatabase`, for scripts and benchmarks
 * that send SQL text straight to it. Services use Drizzle, never this.
 */
export function rawClient(db: Db): DriverClient {
  const driver = drivers.get(db);
  if (!driver) throw new Error("rawClient: not a database returned by openDatabase");
  return driver.client;
}

/** The PGlite instance under an embedded database from `openDatabase`. */
export function pgliteClient(db: Db): PGlite {
  const driver = drivers.get(db);
  if (driver?.mode !== "pglite") throw new Error("pgliteClient: not an embedded database");
  return driver.client;
}

export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");

/** PostgreSQL extensions the embedded database loads (search uses trigram matching). */
export const PGLITE_EXTENSIONS = { pg_trgm };

/**
 * Session settings of the app's PostgreSQL connections. Every page's query is
 * bounded (an index read, a capped count, a bounded search), so it finishes in
 * a few milliseconds; parallel workers (about 7 ms to start each time) and JIT
 * compilation (tens of milliseconds, triggered by cost estimates that a rare
 * search word's missing statistics inflate) cost more than the query itself, and
 * under load the workers compete with other requests for the same cores. The one
 * large read, the dispatch report after a dispatch, is cached per app server.
 */
export const POSTGRES_SESSION_OPTIONS = "-c jit=off -c max_parallel_workers_per_gather=0";

/** Arbitrary constant key for the advisory lock that serialises start-up migrations. */
const MIGRATION_LOCK_KEY = 720_957;

export interface OpenOptions {
  /** postgres:// URL; when absent the embedded database is used. */
  url?: string;
  /** PGlite data folder; `memory` for an in-memory database (tests). */
  dataDir?: string | "memory";
  /** For an in-memory database: start from this `dumpDataDir` tarball instead of empty. */
  snapshot?: Blob;
  /** Max pool size for PostgreSQL. */
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 10,
      options: POSTGRES_SESSION_OPTIONS,
    });
    // An idle pooled connection can be closed by the server (restart, failover,
    // DROP DATABASE … FORCE). pg-pool re-emits that as an 'error' on the pool, which
    // would crash the process without a listener; the pool replaces the connection.
    pool.on("error", (err) => {
      console.error(`[db] an idle PostgreSQL connection was closed: ${err.message}`);
    });
    const db: Db = drizzlePg(pool, { schema, casing: "snake_case" });
    drivers.set(db, { mode: "postgres", client: pool });
    return { db, mode: "postgres", url: opts.url, close: () => pool.end() };
  }
  let client: PGlite;
  let release = () => {};
  if (!opts.dataDir || opts.dataDir === "memory") {
    client = await PGlite.create({ extensions: PGLITE_EXTENSIONS, loadDataDir: opts.snapshot });
  } else {
    const dir = path.resolve(opts.dataDir);
    mkdirSync(dir, { recursive: true });
    const unlock = acquireDataDirLock(dir);
    client = await PGlite.create(dir, { extensions: PGLITE_EXTENSIONS });
    const stopServing = serveBackupsOnSignal(client, dir);
    release = () => {
      stopServing();
      unlock();
    };
  }
  const pgliteDb = drizzlePglite(client, { schema, casing: "snake_case" });
  const db: Db = pgliteDb;
  drivers.set(db, { mode: "pglite", client, db: pgliteDb });
  return {
    db,
    mode: "pglite",
    close: async () => {
      await client.close();
      release();
    },
  };
}

/** Apply the committed migrations; re-running is a no-op. Safe with several app servers. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.mode === "postgres" && database.url) {
    // Several app servers may start at once: serialise on a session advisory lock
    // held by one dedicated connection.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
      await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
      await client.end();
    }
  } else {
    const driver = drivers.get(database.db);
    if (driver?.mode !== "pglite") throw new Error("migrateDatabase: not an embedded database");
    await migratePglite(driver.db, { migrationsFolder: MIGRATIONS_FOLDER });
  }
}
