import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import { migrateDatabase, openDatabase, type Database } from "../client";
import { seedDatabase } from "../seed";

export type TestDbKind = "pglite" | "postgres";

/** Which database integration tests run on: TEST_DB=pglite (default) or postgres. */
export function testDbKind(): TestDbKind {
  return process.env.TEST_DB === "postgres" ? "postgres" : "pglite";
}

/** The PostgreSQL maintenance database tests create and drop their databases through. */
export function pgAdminUrl(): string {
  return process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
}

/** The URL of database `name` on the admin URL's server. */
export function urlOfDatabase(name: string): string {
  const url = new URL(pgAdminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgAdminUrl() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export interface TestDatabase extends Database {
  /** The PostgreSQL database name, when on PostgreSQL. */
  name?: string;
  /** Close and, on PostgreSQL, drop the database. */
  destroy: () => Promise<void>;
}

/** The run's migrated and seeded template (db/testing/global-setup.ts), if there is one. */
function template(): string | undefined {
  try {
    return inject("testDbTemplate");
  } catch {
    return undefined; // not under Vitest's integration project
  }
}

/** PGlite template tarballs read in this worker, by path. */
const tarballs = new Map<string, Blob>();

/**
 * A fresh, migrated and seeded (reference data only) database for one test file:
 * an in-memory PGlite, or a new PostgreSQL database that is dropped afterwards.
 * Both start as a copy of the run's template when it has one, which is the
 * same as migrating and seeding, only faster; `migrate: false` or `seed: false`
 * builds the database step by step instead.
 */
export async function createTestDatabase(
  opts: { migrate?: boolean; seed?: boolean } = {},
): Promise<TestDatabase> {
  const migrate = opts.migrate ?? true;
  const seed = opts.seed ?? migrate;
  const from = migrate && seed ? template() : undefined;
  let database: Database;
  let name: string | undefined;
  let drop = async () => {};
  if (testDbKind() === "postgres") {
    name = `iotops_test_${process.pid}_${randomBytes(4).toString("hex")}`;
    await admin(from ? `CREATE DATABASE ${name} TEMPLATE ${from}` : `CREATE DATABASE ${name}`);
    database = await openDatabase({ url: urlOfDatabase(name), poolSize: 5 });
    const dropped = name;
    drop = () => admin(`DROP DATABASE IF EXISTS ${dropped} WITH (FORCE)`);
  } else {
    let snapshot = from ? tarballs.get(from) : undefined;
    if (from && !snapshot) {
      snapshot = new Blob([readFileSync(from)]);
      tarballs.set(from, snapshot);
    }
    database = await openDatabase({ dataDir: "memory", snapshot });
  }
  if (!from) {
    if (migrate) await migrateDatabase(database);
    if (seed) await seedDatabase(database.db, { demo: false });
  }
  return {
    ...database,
    name,
    destroy: async () => {
      await database.close();
      await drop();
    },
  };
}
