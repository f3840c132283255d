/**
 * Backup → restore into an empty database gives identical rows and events, on
 * the database the suite runs on; the embedded database moves to PostgreSQL
 * with identical rows (PostgreSQL run only, which has both).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase, type Db } from "~/db/client";
import { seedDatabase } from "~/db/seed";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { commentOnIssue } from "~/server/services/issues/comment-issue";
import { act, file, makeCast, makePerson } from "~/server/services/issues/test-fixtures";
import {
  backupPglite,
  backupPostgres,
  readManifest,
  restorePglite,
  restorePostgres,
} from "./backup";
import { migrateToPostgres } from "./migrate";

const adminUrl = process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const tmp = mkdtempSync(path.join(os.tmpdir(), "iotops-backup-"));
const created: string[] = [];

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(sql);
  await c.end();
}
async function emptyDatabase(): Promise<string> {
  const name = `iotops_test_restore_${process.pid}_${created.length}`;
  await admin(`DROP DATABASE IF EXISTS ${name}`);
  await admin(`CREATE DATABASE ${name}`);
  created.push(name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Some of everything: people, issues, a transition, a comment, their events. */
async function populate(db: Db): Promise<void> {
  const cast = await makeCast(db);
  const a = await file(db, cast.alice);
  await file(db, cast.bob, { title: "Onboarding fails behind carrier-grade NAT" });
  await act(db, cast.iotopsChair, a, { type: "start-discussion" });
  await commentOnIssue(db, cast.iotopsChair, { issueId: a, body: "Seen at two operators." });
}

afterAll(async () => {
  for (const n of created) await admin(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
  rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(testDbKind() !== "postgres")(
  "backup and restore on postgres",
  { timeout: 400_000 },
  () => {
    let t: TestDatabase;
    let url: string;
    beforeAll(async () => {
      t = await createTestDatabase();
      await populate(t.db);
      const u = new URL(adminUrl);
      u.pathname = `/${t.name!}`;
      url = u.toString();
    });
    afterAll(async () => t?.destroy());

    it("restores into an empty database exactly what the backup saw, while writes go on", async () => {
      const writerActor = await makePerson(t.db, "Wendy Writer");
      let writing = true;
      let written = 0;
      const writer = (async () => {
        while (writing) {
          await file(t.db, writerActor, { title: `Written during the backup ${written++}` });
        }
      })();
      const target = path.join(tmp, "pg.dump");
      const manifest = await backupPostgres(url, target).finally(() => (writing = false));
      await writer;
      expect(written).toBeGreaterThan(0);
      expect(manifest.tables.events!.rows).toBeGreaterThan(0);
      expect(manifest.tables.issues!.rows).toBeGreaterThanOrEqual(2);

      const empty = await emptyDatabase();
      expect(await restorePostgres(empty, target)).toEqual([]);
      // Restoring over data is refused.
      await expect(restorePostgres(empty, target)).rejects.toThrow(/not empty/);
    });

    it("moves an embedded installation to PostgreSQL with identical rows and events", async () => {
      const dir = path.join(tmp, "move", "pglite");
      const embedded = await openDatabase({ dataDir: dir });
      await migrateDatabase(embedded);
      await seedDatabase(embedded.db, { demo: false });
      await populate(embedded.db);
      await embedded.close();

      const r = await migrateToPostgres(dir, await emptyDatabase());
      expect(r.diffs).toEqual([]);
      expect(r.target.events!.rows).toBe(r.source.events!.rows);
      expect(r.target.events!.rows).toBeGreaterThan(0);
      expect(r.target.issues!.rows).toBe(2);
    });
  },
);

describe.skipIf(testDbKind() !== "pglite")(
  "backup and restore on pglite",
  { timeout: 400_000 },
  () => {
    const dir = path.join(tmp, "src", "pglite");
    let holder: ChildProcess | undefined;
    beforeAll(async () => {
      const embedded = await openDatabase({ dataDir: dir });
      await migrateDatabase(embedded);
      await seedDatabase(embedded.db, { demo: false });
      await populate(embedded.db);
      await embedded.close();
    }, 400_000);
    afterAll(() => holder?.kill("SIGKILL"));

    it("backs up a folder no process holds, and restores it identically", async () => {
      const target = path.join(tmp, "closed.tar.gz");
      const m = await backupPglite(dir, target);
      expect(m.tables.events!.rows).toBeGreaterThan(0);
      expect(m.tables.issues!.rows).toBe(2);
      expect(await restorePglite(path.join(tmp, "restored-1", "pglite"), target)).toEqual([]);
    });

    it("backs up a folder held by a running process through that process, and restores it identically", async () => {
      holder = spawn(process.execPath, ["--import", "tsx", "db/tests/hold-folder.ts", dir], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      await new Promise<void>((resolve) => holder!.stdout!.once("data", () => resolve()));
      const target = path.join(tmp, "live.tar.gz");
      const m = await backupPglite(dir, target);
      expect(readManifest(target)).toEqual(m);
      expect(m.tables.issues!.rows).toBe(2);
      expect(await restorePglite(path.join(tmp, "restored-2", "pglite"), target)).toEqual([]);
      // A folder with data in it is never overwritten.
      await expect(restorePglite(dir, target)).rejects.toThrow(/not empty/);
    });
  },
);
