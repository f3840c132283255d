import "server-only";
import path from "node:path";
import { migrateDatabase, openDatabase, type Database } from "~/db/client";
import { seedDatabase } from "~/db/seed";
import { env } from "./env";

/**
 * The process-wide database. One PGlite instance (or one pg pool) per process,
 * kept on globalThis so dev-server reloads do not open a second one.
 * The first caller migrates and seeds; later callers share the same promise.
 */
const globalForDb = globalThis as unknown as { __iotopsDb?: Promise<Database> };

export function dataDir(): string {
  return path.resolve(env().DATA_DIR);
}

async function init(): Promise<Database> {
  const e = env();
  const database = await openDatabase(
    e.DATABASE_URL ? { url: e.DATABASE_URL } : { dataDir: path.join(dataDir(), "pglite") },
  );
  await migrateDatabase(database);
  await seedDatabase(database.db, { demo: e.DEMO_MODE });
  return database;
}

export function getDatabase(): Promise<Database> {
  globalForDb.__iotopsDb ??= init().catch((err: unknown) => {
    globalForDb.__iotopsDb = undefined;
    throw err;
  });
  return globalForDb.__iotopsDb;
}

export async function getDb() {
  return (await getDatabase()).db;
}
