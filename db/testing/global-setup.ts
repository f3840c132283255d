import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrateDatabase, openDatabase, pgliteClient } from "../client";
import { seedDatabase } from "../seed";
import { pgAdminUrl, testDbKind, urlOfDatabase } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    /**
     * The migrated and seeded database each test file starts from: the path of a
     * PGlite data tarball, or the name of a PostgreSQL template database.
     */
    testDbTemplate: string;
  }
}

/**
 * Vitest global setup of the integration project: migrate and seed one database
 * for the whole run, which `createTestDatabase` then copies for each file (a
 * PGlite tarball loaded in memory, or `CREATE DATABASE … TEMPLATE`). Migrating
 * and seeding per file took seconds each on PGlite, most of the phase.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (testDbKind() === "postgres") {
    const name = `iotops_test_template_${process.pid}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: pgAdminUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const database = await openDatabase({ url: urlOfDatabase(name), poolSize: 2 });
    await migrateDatabase(database);
    await seedDatabase(database.db, { demo: false });
    await database.close();
    project.provide("testDbTemplate", name);
    return async () => {
      const a = new pg.Client({ connectionString: pgAdminUrl() });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  }
  const database = await openDatabase({ dataDir: "memory" });
  await migrateDatabase(database);
  await seedDatabase(database.db, { demo: false });
  const tarball = await pgliteClient(database.db).dumpDataDir("none");
  await database.close();
  const dir = mkdtempSync(path.join(tmpdir(), "iotops-test-db-"));
  const file = path.join(dir, "template.tar");
  writeFileSync(file, Buffer.from(await tarball.arrayBuffer()));
  project.provide("testDbTemplate", file);
  return async () => rmSync(dir, { recursive: true, force: true });
}
