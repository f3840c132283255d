/**
 * Fault-injection harness:
 *
 *   npm run chaos -- [--db pglite|postgres] [--duration S] [--kill-every S]
 *                    [--pg-restarts N] [--dist DIR] [--build auto|never]
 *
 * Starts production app servers (two on PostgreSQL, one on PGlite) with a mail
 * worker delivering to an SMTP peer run here, and several clients writing through
 * the HTTP API (scripts/lib/chaos-clients.ts). Meanwhile it SIGKILLs app servers
 * at random and restarts them, kills one right after the SMTP peer accepted a
 * message and before the server could mark it sent, stops the SMTP peer for a
 * while, and (--pg-restarts, never in `npm test`) restarts the PostgreSQL cluster.
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
import { SMTPServer } from "smtp-server";

import { migrateDatabase, openDatabase, type Database } from "~/db/client";
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
import { checkChaos, type ReceivedMail } from "./lib/chaos-check";
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
  },
});
const mode = values.db;
if (mode !== "pglite" && mode !== "postgres") throw new Error("--db must be pglite or postgres");
const duration = Number(values.duration);
const killEvery = Number(values["kill-every"]);
const pgRestarts = Number(values["pg-restarts"]);
const portBase = Number(values["port-base"]);
const nClients = Number(values.clients);
if (pgRestarts > 0 && mode !== "postgres") throw new Error("--pg-restarts needs --db postgres");
const adminUrl =
  values["pg-admin-url"] ??
  process.env.TEST_PG_ADMIN_URL ??
  "postgres://postgres@127.0.0.1:5432/postgres";
const runId = randomBytes(3).toString("hex");

/** The SMTP peer: keeps what it receives; can be stopped, and can hold one answer. */
function smtpPeer(port: number) {
  const mails: ReceivedMail[] = [];
  let onAccepted: (() => Promise<void>) | null = null;
  let server: SMTPServer | null = null;
  const start = () =>
    new Promise<void>((resolve) => {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS"],
        logger: false,
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            const raw = Buffer.concat(chunks).toString("utf8");
            const id = /^message-id:\s*(.+)$/im.exec(raw)?.[1]?.trim() ?? null;
            mails.push({ to: session.envelope.rcptTo.map((r) => r.address), messageId: id });
            const hook = onAccepted;
            onAccepted = null;
            // The message is received; the sender learns it only after the hook.
            if (hook) void hook().finally(() => callback());
            else callback();
          });
        },
      });
      // A sender killed mid-conversation resets its connection: expected here.
      server.on("error", () => {});
      server.listen(port, "127.0.0.1", () => resolve());
    });
  const stop = () =>
    new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  return { mails, start, stop, armKill: (fn: () => Promise<void>) => (onAccepted = fn) };
}

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
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "iotops-chaos-"));
    database = await openDatabase({ dataDir: path.join(dataDir, "pglite") });
    serverEnv = { ...base, DATA_DIR: dataDir };
    cleanupDb = async () => rmSync(dataDir, { recursive: true, force: true });
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
    const faults = (async () => {
      const restartAt = Array.from(
        { length: pgRestarts },
        (_, i) => Date.now() + ((i + 1) * duration * 1000) / (pgRestarts + 1),
      );
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
      `writes done: ${records.length} (${kills} kills, ${mailKills} between send and mark, ${pgRestartsDone} PostgreSQL restarts, ${smtpOutages} SMTP outages)`,
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
    const reopen = async () =>
      mode === "postgres"
        ? database
        : openDatabase({ dataDir: path.join(serverEnv.DATA_DIR!, "pglite") });
    const drainUntil = Date.now() + 90_000;
    const pendingMail = async () => {
      if (mode === "pglite") return 0; // checked after the server stops
      const { rows } = await (database.db as unknown as { $client: RawClient }).$client.query(
        `select count(*)::int as n from outbox where status <> 'sent'`,
      );
      return Number(rows[0]!.n);
    };
    if (mode === "postgres") {
      database = await openDatabase({ url: serverEnv.DATABASE_URL!, poolSize: 1 });
      while (Date.now() < drainUntil && (await pendingMail()) > 0) await sleep(1_000);
    } else {
      await sleep(15_000); // the mail worker runs every 5 s
    }
    for (const s of servers) await stopServer(s);
    if (mode === "pglite") database = await reopen();
    const raw = (database.db as unknown as { $client: RawClient }).$client;
    const report = await checkChaos(raw, runId, records, smtp.mails);
    const summary = {
      db: mode,
      duration,
      kills,
      restarts,
      mailKills,
      pgRestarts: pgRestartsDone,
      smtpOutages,
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
