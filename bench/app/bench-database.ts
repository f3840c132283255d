/**
 * The app benchmark's database: a fresh PostgreSQL database or PGlite folder
 * (removed at the end unless --keep), the generated data set, and the samples
 * the load draws from.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { migrateDatabase, openDatabase, rawClient as driverOf, type Database } from "~/db/client";
import { seedDatabase } from "~/db/seed";
import { hashPassword } from "~/server/auth/passwords";
import type { RawClient } from "./bulk";
import { dropForeignKeys, dropSecondaryIndexes, rebuildIndexes } from "./deferred-indexes";
import { disableWordTriggers, enableTriggers, fillWordLists } from "./deferred-words";
import { generateDataset, type GeneratedData } from "./generate";
import { round2 } from "./load-types";
import type { Options } from "./options";

type Log = (msg: string) => void;

export function rawClient(database: Database): RawClient {
  return driverOf(database.db);
}

export interface BenchDatabase {
  database: Database;
  /** The environment the app servers get (without AUTH_SECRET). */
  serverEnv: Record<string, string>;
  /** Opens the database again after the servers stopped (PGlite: one process at a time). */
  reopen: () => Promise<Database>;
}

/** Creates the database; `cleanups` gets what removes it at the end. */
export async function createBenchDatabase(
  o: Pick<Options, "db" | "adminUrl" | "keep">,
  runId: string,
  cleanups: (() => Promise<void>)[],
  log: Log,
): Promise<BenchDatabase> {
  let database: Database;
  let serverEnv: Record<string, string>;
  let reopen: () => Promise<Database>;
  const baseEnv = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k, v]) =>
        v !== undefined &&
        !["DATABASE_URL", "DATA_DIR", "DEMO_MODE", "AUTH_SECRET", "PORT", "NODE_ENV"].includes(k),
    ),
  ) as Record<string, string>;
  if (o.db === "postgres") {
    const name = `iotops_bench_${runId}`;
    const admin = new pg.Client({ connectionString: o.adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    // Room to sort in for the index builds after the bulk load.
    await admin.query(`ALTER DATABASE ${name} SET maintenance_work_mem = '256MB'`);
    await admin.end();
    const url = new URL(o.adminUrl);
    url.pathname = `/${name}`;
    log(`created database ${name}`);
    cleanups.push(async () => {
      if (o.keep) return log(`kept database ${url.toString()}`);
      const a = new pg.Client({ connectionString: o.adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
      log(`dropped database ${name}`);
    });
    database = await openDatabase({ url: url.toString(), poolSize: 4 });
    serverEnv = { ...baseEnv, DATABASE_URL: url.toString() };
    reopen = async () => database;
  } else {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "iotops-bench-"));
    log(`data folder ${dataDir}`);
    cleanups.push(async () => {
      if (o.keep) return log(`kept data folder ${dataDir}`);
      rmSync(dataDir, { recursive: true, force: true });
    });
    database = await openDatabase({ dataDir: path.join(dataDir, "pglite") });
    serverEnv = { ...baseEnv, DATA_DIR: dataDir };
    reopen = () => openDatabase({ dataDir: path.join(dataDir, "pglite") });
  }
  return { database, serverEnv, reopen };
}

/** The tables the generator fills in bulk; their secondary indexes are built after the load. */
const BULK_TABLES = [
  "people",
  "role_grants",
  "documents",
  "document_states",
  "document_revisions",
  "document_authors",
  "document_replacements",
  "issues",
  "issue_documents",
  "issue_comments",
  "dispatched_revisions",
  "events",
  // Filled once after the load (deferred-words.ts): the trigram index of 660,000
  // confidential words at 1,000,000 issues is cheaper built than maintained.
  "search_terms",
  "confidential_search_terms",
];

/** Migrates, seeds and generates the data set, then vacuums; returns it with the time taken. */
export async function seedBenchData(
  database: Database,
  o: Pick<Options, "db" | "issues" | "documents" | "apply"> & {
    /** false: let the word lists' triggers fill them batch by batch (the tests compare both). */
    deferWords?: boolean;
  },
  runId: string,
  log: Log,
): Promise<{ data: GeneratedData; seedS: number; seedCpuS: number }> {
  log("generating the data set…");
  const seedStart = performance.now();
  const cpuStart = process.cpuUsage();
  await migrateDatabase(database);
  await seedDatabase(database.db, { demo: false });
  const password = `bench-${runId}-password`;
  const passwordHash = await hashPassword(password);
  const raw = rawClient(database);
  const deferredKeys = await dropForeignKeys(raw, BULK_TABLES);
  const deferred = await dropSecondaryIndexes(raw, BULK_TABLES);
  const wordTriggers = o.deferWords === false ? [] : await disableWordTriggers(raw, BULK_TABLES);
  const data = await generateDataset(raw, {
    issues: o.issues,
    documents: o.documents,
    password,
    passwordHash,
    parallel: o.db === "postgres" ? 2 : 1,
    log,
  });
  if (wordTriggers.length > 0) {
    const w0 = performance.now();
    await fillWordLists(raw, data.publicTokens.values());
    await enableTriggers(raw, wordTriggers);
    log(
      `  word lists from ${data.publicTokens.size.toLocaleString("en")} distinct tokens in ${((performance.now() - w0) / 1000).toFixed(1)} s`,
    );
  }
  const i0 = performance.now();
  await rebuildIndexes(raw, deferred, o.db === "postgres" ? 2 : 1, log);
  // The keys one at a time: adding one locks both of its tables against the others.
  await rebuildIndexes(raw, deferredKeys, 1, log);
  log(
    `  ${deferred.length} secondary indexes and ${deferredKeys.length} foreign keys built after the load in ${((performance.now() - i0) / 1000).toFixed(1)} s`,
  );
  const v0 = performance.now();
  if (o.apply) {
    // A proposed fix (e.g. an index) tried end to end before it becomes a migration.
    const text = readFileSync(path.resolve(o.apply), "utf8");
    const driver = driverOf(database.db);
    if (driver instanceof PGlite) await driver.exec(text);
    else await raw.query(text);
    log(`  applied ${o.apply}`);
  }
  // As autovacuum would have by now: statistics, and the visibility map for
  // index-only scans. The big tables in parallel on PostgreSQL.
  const { rows: tableRows } = await raw.query(
    `select tablename from pg_tables where schemaname = 'public' and tablename not like '\\_\\_%'`,
  );
  const tableNames = tableRows.map((t) => `"${String(t.tablename)}"`);
  const big = ['"issues"', '"events"'];
  const rest = tableNames.filter((t) => !big.includes(t));
  await Promise.all([...big, rest.join(", ")].map((list) => raw.query(`vacuum analyze ${list}`)));
  log(`  vacuum analyze in ${((performance.now() - v0) / 1000).toFixed(1)} s`);
  const seedS = round2((performance.now() - seedStart) / 1000);
  // The generator's own CPU (user + system), which other work on the machine does not inflate.
  const cpu = process.cpuUsage(cpuStart);
  const seedCpuS = round2((cpu.user + cpu.system) / 1e6);
  log(
    `seeded in ${seedS} s (generator CPU ${seedCpuS} s): ${Object.entries(data.rows)
      .map(([k, v]) => `${k} ${v.toLocaleString("en")}`)
      .join(", ")}`,
  );
  return { data, seedS, seedCpuS };
}

export interface Pools {
  publicIssueIds: number[];
  documentNames: string[];
  transitionTargets: { id: number; version: number }[];
}

export async function samplePools(client: RawClient): Promise<Pools> {
  const ids = await client.query(
    `select id from issues where not confidential order by random() limit 2000`,
  );
  const docs = await client.query(`select name from documents order by random() limit 2000`);
  const targets = await client.query(
    `select i.id, i.version from issues i
      where i.state = 'submitted'
        and not exists (select 1 from events e where e.subject_type = 'issue'
                          and e.subject_key = i.id::text and e.type = 'discussion-started')
      order by random() limit 50000`,
  );
  return {
    publicIssueIds: ids.rows.map((r) => Number(r.id)),
    documentNames: docs.rows.map((r) => String(r.name)),
    transitionTargets: targets.rows.map((r) => ({ id: Number(r.id), version: Number(r.version) })),
  };
}
