import "server-only";
import { migrateDatabase, type Database } from "~/db/client";
import { seedDatabase } from "~/db/seed";
import { openConfiguredDatabase } from "./configured-database";
import { env } from "./env";

/**
 * The process-wide database. One PGlite instance (or one pg pool) per process,
 * kept on globalThis so dev-server reloads do not open a second one.
 * The first caller migrates and seeds; later callers share the same promise.
 */
declare global {
  var __iotopsDb: Promise<Database> | undefined;
}

async function init(): Promise<Database> {
  const database = await openConfiguredDatabase();
  await migrateDatabase(database);
  await seedDatabase(database.db, { demo: env().DEMO_MODE });
  return database;
}

export function getDatabase(): Promise<Database> {
  globalThis.__iotopsDb ??= init().catch((err: unknown) => {
    globalThis.__iotopsDb = undefined;
    throw err;
  });
  return globalThis.__iotopsDb;
}

export async function getDb() {
  return (await getDatabase()).db;
}
