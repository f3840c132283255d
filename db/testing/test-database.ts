import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrateDatabase, openDatabase, type Database } from "../client";
import { seedDatabase } from "../seed";

export type TestDbKind = "pglite" | "postgres";

/** Which database integration tests run on: TEST_DB=pglite (default) or postgres. */
export function testDbKind(): TestDbKind {
  return process.env.TEST_DB === "postgres" ? "postgres" : "pglite";
}

export interface TestDatabase extends Database {
  /** The PostgreSQL database name, when on PostgreSQL. */
  name?: string;
  /** Close and, on PostgreSQL, drop the database. */
  destroy: () => Promise<void>;
}

/**
 * A fresh, migrated and seeded (reference data only) database for one test file:
 * an in-memory PGlite, or a new PostgreSQL database that is dropped afterwards.
 */
export async function createTestDatabase(
  opts: { migrate?: boolean; seed?: boolean } = {},
): Promise<TestDatabase> {
  const migrate = opts.migrate ?? true;
  const seed = opts.seed ?? migrate;
  let database: Database;
  let name: string | undefined;
  let drop = async () => {};
  if (testDbKind() === "postgres") {
    const adminUrl = process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
    name = `iotops_test_${process.pid}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    database = await openDatabase({ url: url.toString(), poolSize: 5 });
    drop = async () => {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  } else {
    database = await openDatabase({ dataDir: "memory" });
  }
  if (migrate) await migrateDatabase(database);
  if (seed) await seedDatabase(database.db, { demo: false });
  return {
    ...database,
    name,
    destroy: async () => {
      await database.close();
      await drop();
    },
  };
}
