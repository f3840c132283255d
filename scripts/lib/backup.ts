/**
 * Backup and restore of either database, and the checks that a restore gives
 * back exactly what was backed up. Used by scripts/backup.ts, scripts/restore.ts,
 * scripts/migrate-to-postgres.ts and the round-trip tests.
 *
 * - PostgreSQL: pg_dump (custom format) inside a snapshot exported by a
 *   repeatable-read transaction, whose checksums go into the manifest, so the
 *   manifest describes exactly the dump even while the app keeps writing.
 * - PGlite: PGlite's own dumpDataDir (a gzipped tar of the folder), taken by
 *   the process that holds the folder (see db/backup-signal.ts) or, when no
 *   process does, by opening the folder here. The dump is loaded back into an
 *   in-memory PGlite to compute the manifest, which also proves it restores.
 *
 * Each backup FILE gets FILE.manifest.json: the kind, and per table the row
 * count and checksum. A restore refuses a non-empty target and ends by
 * comparing the restored database with the manifest.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { backupsDir, BACKUP_SIGNAL, requestFile } from "~/db/backup-signal";
import { openDatabase, pgliteClient, PGLITE_EXTENSIONS, rawClient } from "~/db/client";
import { acquireDataDirLock, holderAlive, parseLock } from "~/db/lock";
import type { RawClient } from "../../bench/app/bulk";
import { compareChecksums, tableChecksums, type Checksums } from "./db-checksums";

export type BackupKind = "postgres" | "pglite";

export interface Manifest {
  kind: BackupKind;
  createdAt: string;
  migrations: number;
  tables: Checksums;
}

export const manifestPath = (file: string) => `${file}.manifest.json`;

export function readManifest(file: string): Manifest {
  const p = manifestPath(file);
  if (!existsSync(p)) throw new Error(`${p} is missing: it is written next to every backup.`);
  return JSON.parse(readFileSync(p, "utf8")) as Manifest;
}

/** pg_dump / pg_restore: PostgreSQL 15's own, else the ones on PATH. */
export function pgTool(name: "pg_dump" | "pg_restore"): string {
  const own = `/usr/lib/postgresql/15/bin/${name}`;
  return existsSync(own) ? own : name;
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd}: ${r.error.message} (is PostgreSQL's client installed?)`);
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} failed: ${r.stderr.trim()}`);
}

async function migrationCount(client: RawClient): Promise<number> {
  try {
    const { rows } = await client.query(
      `select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    return Number(rows[0]!.n);
  } catch {
    return 0;
  }
}

// ---------------------------------------------------------------------------
// PostgreSQL

export async function backupPostgres(url: string, file: string): Promise<Manifest> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query("begin isolation level repeatable read read only");
    const { rows } = await c.query<{ id: string }>("select pg_export_snapshot() as id");
    const manifest: Manifest = {
      kind: "postgres",
      createdAt: new Date().toISOString(),
      migrations: await migrationCount(c),
      tables: await tableChecksums(c),
    };
    const tmp = `${file}.partial`;
    run(pgTool("pg_dump"), [
      "--format=custom",
      `--snapshot=${rows[0]!.id}`,
      "--no-owner",
      "--no-privileges",
      `--file=${tmp}`,
      `--dbname=${url}`,
    ]);
    await c.query("commit");
    copyFileSync(tmp, file);
    rmSync(tmp);
    writeFileSync(manifestPath(file), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } finally {
    await c.end();
  }
}

export async function assertEmptyPostgres(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query(
      `select count(*)::int as n from information_schema.tables
        where table_schema in ('public', 'drizzle')`,
    );
    if (Number(rows[0]!.n) > 0)
      throw new Error(
        "The target database is not empty. Restore into a new, empty database (createdb NAME), then point DATABASE_URL at it.",
      );
  } finally {
    await c.end();
  }
}

export async function restorePostgres(url: string, file: string): Promise<string[]> {
  const manifest = readManifest(file);
  if (manifest.kind !== "postgres")
    throw new Error(
      `${file} is a backup of the embedded database; use npm run migrate-to-postgres to move it to PostgreSQL.`,
    );
  await assertEmptyPostgres(url);
  run(pgTool("pg_restore"), [
    "--no-owner",
    "--no-privileges",
    "--exit-on-error",
    "--single-transaction",
    `--dbname=${url}`,
    file,
  ]);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return compareChecksums(manifest.tables, await tableChecksums(c));
  } finally {
    await c.end();
  }
}

// ---------------------------------------------------------------------------
// PGlite

/** The live process holding the folder, if any. */
export function folderHolder(pgliteDir: string): number | null {
  try {
    const h = parseLock(readFileSync(path.join(pgliteDir, "iotops.lock"), "utf8"));
    return h && h.pid !== process.pid && holderAlive(h) ? h.pid : null;
  } catch {
    return null;
  }
}

/** A gzipped tar of the folder, from its holder or by opening it here. */
export async function dumpPglite(pgliteDir: string, timeoutMs = 120_000): Promise<Buffer> {
  const holder = folderHolder(pgliteDir);
  if (holder === null) {
    const database = await openDatabase({ dataDir: pgliteDir });
    try {
      const client = pgliteClient(database.db);
      return Buffer.from(await (await client.dumpDataDir("gzip")).arrayBuffer());
    } finally {
      await database.close();
    }
  }
  const id = `b-${Date.now()}-${randomBytes(4).toString("hex")}`;
  const dir = backupsDir(pgliteDir);
  const out = path.join(dir, `${id}.tar.gz`);
  const err = path.join(dir, `${id}.error`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(requestFile(pgliteDir), JSON.stringify({ id }), { flag: "w" });
  process.kill(holder, BACKUP_SIGNAL);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(err)) {
      const msg = readFileSync(err, "utf8");
      rmSync(err);
      throw new Error(`The app server (pid ${holder}) could not take the backup: ${msg}`);
    }
    if (existsSync(out)) {
      const buf = readFileSync(out);
      rmSync(out);
      return buf;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `The app server (pid ${holder}) did not answer the backup request within ${timeoutMs / 1000} s.`,
  );
}

/** Load a dump into an in-memory PGlite and run `fn` on it. */
export async function withLoadedDump<T>(dump: Buffer, fn: (c: PGlite) => Promise<T>): Promise<T> {
  const client = await PGlite.create({
    loadDataDir: new Blob([new Uint8Array(dump)]),
    extensions: PGLITE_EXTENSIONS,
  });
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

export async function backupPglite(pgliteDir: string, file: string): Promise<Manifest> {
  const dump = await dumpPglite(pgliteDir);
  const manifest = await withLoadedDump(dump, async (c) => ({
    kind: "pglite" as const,
    createdAt: new Date().toISOString(),
    migrations: await migrationCount(c),
    tables: await tableChecksums(c),
  }));
  writeFileSync(`${file}.partial`, dump);
  copyFileSync(`${file}.partial`, file);
  rmSync(`${file}.partial`);
  writeFileSync(manifestPath(file), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export async function restorePglite(pgliteDir: string, file: string): Promise<string[]> {
  const manifest = readManifest(file);
  if (manifest.kind !== "pglite")
    throw new Error(`${file} is a PostgreSQL backup; restore it with DATABASE_URL set.`);
  if (existsSync(pgliteDir) && readdirSync(pgliteDir).length > 0)
    throw new Error(
      `${pgliteDir} is not empty. Stop the app server and move the folder aside (or set DATA_DIR to a new folder), then restore.`,
    );
  const blob = new Blob([new Uint8Array(readFileSync(file))]);
  mkdirSync(pgliteDir, { recursive: true });
  const unlock = acquireDataDirLock(pgliteDir);
  try {
    const loaded = await PGlite.create(pgliteDir, {
      loadDataDir: blob,
      extensions: PGLITE_EXTENSIONS,
    });
    await loaded.close();
  } finally {
    unlock();
    // The dump carries the lock file of the process it was taken from, which may
    // still be running: it says nothing about this new folder.
    rmSync(path.join(pgliteDir, "iotops.lock"), { force: true });
  }
  const database = await openDatabase({ dataDir: pgliteDir });
  try {
    const client = rawClient(database.db);
    return compareChecksums(manifest.tables, await tableChecksums(client));
  } finally {
    await database.close();
  }
}
