/**
 * Fault-injection harness:
 *
 *   npm run chaos -- [--db pglite|postgres] [--duration S] [--kill-every S]
 *                    [--pg-restarts N] [--disk-full N] [--drain-s S]
 *                    [--dist DIR] [--build auto|never]
 *
 * Starts production app servers (two on PostgreSQL, one on PGlite) with a mail
 * worker delivering to an SMTP peer run here, and several clients writing through
 * the HTTP API (scripts/lib/chaos-clients.ts). Meanwhile it SIGKILLs app servers
 * at random and restarts them, kills one right after the SMTP peer accepted a
 * message and before the server could mark it sent, stops the SMTP peer for a
 * while, (--pg-restarts, never in `npm test`) restarts the PostgreSQL cluster,
 * and (--disk-full, PGlite, needs root) fills the data folder's disk for a while.
 * Then it lets the outbox drain and checks the database (scripts/lib/chaos-check.ts).
 * The last stdout line is the JSON report; exits 1 when a check fails.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";

import { migrateDatabase, openDatabase, rawClient, type Database } from "~/db/client";
import { documents, roleGrants } from "~/db/schema";
import { seedDatabase } from "~/db/seed";
import { signUp } from "~/server/services/people/sign-up";

import type { RawClient } from "../bench/app/bulk";
import {
  ensureBuild,
  signIn,
  startServer,
  stopServer,
  waitHealthy,
  type AppServer,
  type BuildMode,
} from "../bench/app/servers";
import { checkChaos } from "./lib/chaos-check";
import { finishOutbox, pendingMail, smtpPeer } from "./lib/chaos-mail";
import { mountSmallDisk, type SmallDisk } from "./lib/disk-full";
import { runClient, type WriteRecord } from "./lib/chaos-clients";

const t0 = performance.now();
const log = (m: string) =>
  process.stderr.write(
    `[chaos ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)}s] ${m}\n`,
  );
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "pglite" },
    duration: { type: "string", default: "120" },
    "kill-every": { type: "string", default: "6" },
    "pg-restarts": { type: "string", default: "0" },
    clients: { type: "string", default: "4" },
    dist: { type: "string", default: ".next-chaos" },
    build: { type: "string", default: "auto" },
    "port-base": { type: "string", default: "3860" },
    "pg-admin-url": { type: "string" },
    "drain-s": { type: "string", default: "90" },
    "disk-full": { type: "string", default: "0" },
  },
});
const mode = values.db;
if (mode !== "pglite" && mode !== "postgres") throw new Error("--db must be pglite or postgres");
const duration = Number(values.duration);
const killEvery = Number(values["kill-every"]);
const pgRestarts = Number(values["pg-restarts"]);
const portBase = Number(values["port-base"]);
const nClients = Number(values.clients);
const drainS = Number(values["drain-s"]);
let diskFulls = Number(values["disk-full"]);
if (diskFulls > 0 && mode !== "pglite") throw new Error("--disk-full needs --db pglite");
if (pgRestarts > 0 && mode !== "postgres") throw new Error("--pg-restarts needs --db postgres");
const adminUrl =
  values["pg-admin-url"] ??
  process.env.TEST_PG_ADMIN_URL ??
  "postgres://postgres@127.0.0.1:5432/postgres";
const runId = randomBytes(3).toString("hex");

function killGroup(s: AppServer) {
  try {
    if (s.child.pid) process.kill(-s.child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}

async function main(): Promise<number> {
  ensureBuild(values.build as BuildMode, log, values.dist);
  let database: Database;
  let serverEnv: Record<string, string | undefined>;
  let cleanupDb: () => Promise<void>;
  let disk: SmallDisk | null = null;
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !["DATABASE_URL", "DATA_DIR", "PORT", "NODE_ENV"].includes(k),
    ),
  );
  if (mode === "postgres") {
    const name = `iotops_chaos_${runId}`;
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`CREATE DATABASE ${name}`);
    await a.end();
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    database = await openDatabase({ url: u.toString(), poolSize: 2 });
    serverEnv = { ...base, DATABASE_URL: u.toString() };
    cleanupDb = async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    // With --disk-full the data folder is a size-limited tmpfs the harness can fill.
    disk = diskFulls > 0 ? mountSmallDisk(512, "iotops-chaos-") : null;
    if (diskFulls > 0 && !disk) {
      log("cannot mount a size-limited folder here (needs root): no disk-full faults");
      diskFulls = 0;
    }
    const dataDir = disk?.dir ?? mkdtempSync(path.join(os.tmpdir(), "iotops-chaos-"));
    database = await openDatabase({ dataDir: path.join(dataDir, "pglite") });
    serverEnv = { ...base, DATA_DIR: dataDir };
    cleanupDb = async () =>
      disk ? disk.remove() : rmSync(dataDir, { recursive: true, force: true });
  }
  const smtpPort = portBase + 10;
  const smtp = smtpPeer(smtpPort);
  const servers: AppServer[] = [];
  try {
    await migrateDatabase(database);
    await seedDatabase(database.db, { demo: false });
    const password = `chaos-${runId}-password`;
    const who = {
      contributor: `contributor-${runId}@example.org`,
      chair: `chair-${runId}@example.org`,
      secretariat: `secretariat-${runId}@example.org`,
    };
    for (const [role, email] of Object.entries(who)) {
      const { personId } = await signUp(database.db, { name: `Chaos ${role}`, email, password });
      if (role === "chair")
        await database.db
          .insert(roleGrants)
          .values({ personId, role: "chair", groupAcronym: "iotops" });
      if (role === "secretariat")
        await database.db
          .insert(roleGrants)
          .values({ personId, role: "secretariat", groupAcronym: "secretariat" });
    }
    const docNames = Array.from({ length: nClients }, (_, i) => `draft-chaos-${runId}-${i}`);
    await database.db.insert(documents).values(
      docNames.map((name) => ({
        name,
        rev: "00",
        title: `Chaos draft ${name}`,
        groupAcronym: null,
      })),
    );
    if (mode === "pglite") await database.close();

    await smtp.start();
    const secret = randomBytes(32).toString("base64");
    const env = {
      ...serverEnv,
      AUTH_SECRET: secret,
      DEMO_MODE: "false",
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    };
    const instances = mode === "postgres" ? 2 : 1;
    for (let i = 0; i < instances; i++) servers.push(startServer(portBase + i, env, values.dist));
    await Promise.all(servers.map((s) => waitHealthy(s)));
    const sessions = {
      contributor: await signIn(servers[0]!.url, who.contributor, password),
      chair: await signIn(servers[0]!.url, who.chair, password),
      secretariat: await signIn(servers[0]!.url, who.secretariat, password),
    };
    log(`${mode}: ${instances} server(s) up, ${nClients} clients for ${duration} s (run ${runId})`);

    // Keep every server running: restart any that died (killed, or exited at start-up).
    let supervising = true;
    let restarts = 0;
    const supervisor = (async () => {
      while (supervising) {
        for (let i = 0; i < servers.length; i++) {
          if (servers[i]!.exited) {
            servers[i] = startServer(servers[i]!.port, env, values.dist);
            restarts++;
          }
        }
        await sleep(300);
      }
    })();

    const until = Date.now() + duration * 1000;
    const records: WriteRecord[] = [];
    const clients = Array.from({ length: nClients }, (_, i) =>
      runClient({
        runId,
        client: i,
        urls: () => servers.map((s) => s.url),
        sessions,
        document: docNames[i]!,
        until,
        records,
      }),
    );

    let kills = 0;
    let mailKills = 0;
    let pgRestartsDone = 0;
    let smtpOutages = 0;
    let diskFullsDone = 0;
    const faults = (async () => {
      const spread = (n: number) =>
        Array.from({ length: n }, (_, i) => Date.now() + ((i + 1) * duration * 1000) / (n + 1));
      const restartAt = spread(pgRestarts);
      const diskFullAt = spread(diskFulls);
      while (Date.now() < until - 3_000) {
        await sleep(killEvery * 1000 * (0.5 + Math.random()));
        if (Date.now() >= until - 3_000) break;
        const roll = Math.random();
        if (restartAt.length && Date.now() >= restartAt[0]!) {
          restartAt.shift();
          log("restarting PostgreSQL (pg_ctlcluster 15 main restart)");
          const r = spawnSync("pg_ctlcluster", ["15", "main", "restart", "-m", "fast"], {
            stdio: "inherit",
          });
          if (r.status === 0) pgRestartsDone++;
        } else if (disk && diskFullAt.length && Date.now() >= diskFullAt[0]!) {
          diskFullAt.shift();
          log("filling the data folder's disk for 8 s");
          const free = disk.fill();
          await sleep(8_000);
          free();
          diskFullsDone++;
        } else if (roll < 0.2 && smtpOutages < Math.ceil(duration / 60)) {
          smtpOutages++;
          log("stopping the SMTP peer for 8 s");
          await smtp.stop();
          await sleep(8_000);
          await smtp.start();
        } else if (roll < 0.4) {
          // The next accepted message: kill the server that sent it before it can mark it.
          smtp.armKill(async () => {
            for (const s of servers) killGroup(s);
            mailKills++;
            kills += servers.length;
            await sleep(500);
          });
        } else {
          const s = servers[Math.floor(Math.random() * servers.length)]!;
          // Kill a server that is serving, not one still starting up.
          const up = await fetch(`${s.url}/api/health`, { signal: AbortSignal.timeout(2_000) })
            .then((r) => r.ok)
            .catch(() => false);
          if (up && !s.exited) {
            killGroup(s);
            kills++;
          }
        }
      }
    })();
    await Promise.all([...clients, faults]);
    log(
      `writes done: ${records.length} (${kills} kills, ${mailKills} between send and mark, ${pgRestartsDone} PostgreSQL restarts, ${smtpOutages} SMTP outages, ${diskFullsDone} disk-full periods)`,
    );

    // Settle: servers healthy, outbox drained.
    // The supervisor is still restarting servers killed at the very end.
    for (let attempt = 0; ; attempt++) {
      await sleep(1_000);
      try {
        await Promise.all(servers.map((s) => waitHealthy(s)));
        break;
      } catch (e) {
        if (attempt >= 10) throw e;
      }
    }
    supervising = false;
    await supervisor;
    // The servers' own workers deliver what they can (on PostgreSQL the harness
    // watches the outbox empty; PGlite's folder is the server's while it runs).
    // A message whose send a kill interrupted waits for its retry (30 s and
    // more), so once the servers are stopped the harness finishes the outbox
    // with the same delivery code, due or not, and reports how many that was.
    if (mode === "postgres") {
      database = await openDatabase({ url: serverEnv.DATABASE_URL!, poolSize: 1 });
      const drainUntil = Date.now() + drainS * 1000;
      while (Date.now() < drainUntil && (await pendingMail(database)) > 0) await sleep(1_000);
    } else {
      await sleep(drainS * 1000);
    }
    for (const s of servers) await stopServer(s);
    if (mode === "pglite")
      database = await openDatabase({ dataDir: path.join(serverEnv.DATA_DIR!, "pglite") });
    const finishedByHarness = await finishOutbox(database, smtpPort);
    if (finishedByHarness)
      log(`${finishedByHarness} mail(s) still pending were sent after the run`);
    const raw: RawClient = rawClient(database.db);
    const report = await checkChaos(raw, runId, records, smtp.mails);
    const summary = {
      db: mode,
      duration,
      kills,
      restarts,
      mailKills,
      pgRestarts: pgRestartsDone,
      smtpOutages,
      diskFulls: diskFullsDone,
      mailsFinishedByHarness: finishedByHarness,
      writes: records.length,
      ...report,
    };
    log(
      `acknowledged ${JSON.stringify(report.acknowledged)}, unknown ${report.unknown}, refused ${report.refused}; lost ${report.lost.length}, doubled ${report.doubled.length}, half-applied ${report.halfApplied.length}, version mismatches ${report.versionMismatches.length}; mail: ${report.mail.outbox} queued, ${report.mail.received} received (${report.mail.resentCopies} resent copies with the same Message-ID), ${report.mail.pending} pending, ${report.mail.undelivered.length} undelivered → ${report.ok ? "ok" : "FAILED"}`,
    );
    for (const line of [
      ...report.lost,
      ...report.doubled,
      ...report.halfApplied,
      ...report.versionMismatches,
      ...report.mail.undelivered,
      ...report.mail.strangers,
    ].slice(0, 20))
      log(`  ${line}`);
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return report.ok ? 0 : 1;
  } finally {
    for (const s of servers) await stopServer(s);
    await smtp.stop();
    await database.close().catch(() => {});
    await cleanupDb();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    log(`failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);
