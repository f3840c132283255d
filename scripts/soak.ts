/**
 * Soak test: a steady, modest mixed load on PostgreSQL with two app servers,
 * run on request (not in CI):
 *
 *   npm run soak -- [--minutes 60] [--rate 6] [--port-base 3840] [--out FILE]
 *
 * Every minute it records, per server, RSS (from /proc and as the server reports
 * it) and event-loop delay (from /api/health), and over all requests the p95
 * latency and the errors. It passes when RSS does not keep rising, p95 stays
 * flat within 20 % and no request fails (see docs/reliability.md for the exact
 * rules). Per-minute lines go to --out (JSON lines) and stderr; the last stdout
 * line is the JSON summary. Exits 1 when a rule fails.
 */
import { randomBytes } from "node:crypto";
import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";

import { migrateDatabase, openDatabase, rawClient } from "~/db/client";
import { seedDatabase } from "~/db/seed";
import { hashPassword } from "~/server/auth/passwords";
import { CHARTER_ITEM_IDS } from "~/server/domain/catalog";

import type { RawClient } from "../bench/app/bulk";
import { generateDataset } from "../bench/app/generate";
import { issueText } from "../bench/app/text";
import { percentile } from "../bench/app/load-types";
import { mulberry32, pick } from "../bench/app/random";
import {
  ensureBuild,
  ROOT,
  serverRssMb,
  signIn,
  startServer,
  stopServer,
  waitHealthy,
  type AppServer,
} from "../bench/app/servers";
import { judgeSoak, type SoakMinute } from "./lib/soak-judge";

const DIST = ".next-soak";
const t0 = performance.now();
const log = (m: string) =>
  process.stderr.write(
    `[soak ${((performance.now() - t0) / 1000).toFixed(0).padStart(5)}s] ${m}\n`,
  );

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "60" },
    "interval-s": { type: "string", default: "60" },
    rate: { type: "string", default: "6" },
    "port-base": { type: "string", default: "3840" },
    out: { type: "string" },
    "pg-admin-url": { type: "string" },
  },
});
const minutes = Number(values.minutes);
const intervalS = Number(values["interval-s"]);
const rate = Number(values.rate);
const portBase = Number(values["port-base"]);
for (const [k, v] of Object.entries({ minutes, intervalS, rate, portBase }))
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${k} must be a positive number`);
const adminUrl =
  values["pg-admin-url"] ??
  process.env.TEST_PG_ADMIN_URL ??
  "postgres://postgres@127.0.0.1:5432/postgres";
const runId = randomBytes(4).toString("hex");
const out = path.resolve(values.out ?? path.join(ROOT, ".data", `soak-${runId}.jsonl`));
mkdirSync(path.dirname(out), { recursive: true });

interface Sample {
  ms: number;
  ok: boolean;
  what: string;
}

async function main(): Promise<number> {
  ensureBuild("auto", log, DIST);
  const dbName = `iotops_soak_${runId}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const servers: AppServer[] = [];
  const cleanup = async () => {
    await Promise.all(servers.map((s) => stopServer(s)));
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await a.end();
  };
  process.once("SIGINT", () => void cleanup().then(() => process.exit(130)));
  process.once("SIGTERM", () => void cleanup().then(() => process.exit(143)));
  try {
    const database = await openDatabase({ url: url.toString(), poolSize: 2 });
    await migrateDatabase(database);
    await seedDatabase(database.db, { demo: false });
    const password = `soak-${runId}-password`;
    const raw: RawClient = rawClient(database.db);
    const data = await generateDataset(raw, {
      issues: 3000,
      documents: 600,
      password,
      passwordHash: await hashPassword(password),
      parallel: 1,
    });
    const ids = (
      await raw.query(`select id from issues where not confidential limit 500`)
    ).rows.map((r) => Number(r.id));
    const targets = (
      await raw.query(
        `select id, version from issues where state = 'submitted' and not confidential order by id`,
      )
    ).rows.map((r) => ({ id: Number(r.id), version: Number(r.version) }));
    await raw.query("vacuum analyze");
    await database.close();
    log(`database ${dbName}: ${ids.length} public issues sampled, ${targets.length} submitted`);

    const env = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !["DATA_DIR", "PORT", "NODE_ENV"].includes(k)),
    );
    const secret = randomBytes(32).toString("base64");
    for (let i = 0; i < 2; i++)
      servers.push(
        startServer(
          portBase + i,
          { ...env, DATABASE_URL: url.toString(), AUTH_SECRET: secret, DEMO_MODE: "false" },
          DIST,
        ),
      );
    await Promise.all(servers.map((s) => waitHealthy(s)));
    const chair = await signIn(servers[0]!.url, data.chair.email, data.chair.password);
    const contributor = await signIn(
      servers[0]!.url,
      data.contributor.email,
      data.contributor.password,
    );
    log(
      `servers ${servers.map((s) => s.url).join(", ")} healthy; ${rate} req/s for ${minutes} min`,
    );

    const r = mulberry32(77);
    const input = (v: unknown) => encodeURIComponent(JSON.stringify({ json: v }));
    const post = (body: unknown) => ({
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: body }),
    });
    let filed = 0;
    let moved = 0;
    // The mix: mostly reads, some filing, comments and transitions.
    const ops: [number, string, () => [string, RequestInit, string | null]][] = [
      [35, "issue-page", () => [`/issues/${pick(r, ids)}`, {}, null]],
      [15, "issues-list", () => ["/issues", {}, null]],
      [
        15,
        "triage-list",
        () => [
          `/api/trpc/issue.list?input=${input({ states: ["submitted"], sort: "oldest", limit: 50 })}`,
          {},
          chair,
        ],
      ],
      [10, "report", () => [`/api/trpc/issue.report?input=${input({})}`, {}, null]],
      [
        10,
        "file",
        () => {
          const t = issueText(r, pick(r, CHARTER_ITEM_IDS));
          const body = {
            title: `${t.title} [soak-${runId}-${filed++}]`,
            problemStatement: t.problemStatement,
            desiredOutcome: t.desiredOutcome,
            deviceClass: t.deviceClass,
            scale: t.scale,
            networkType: t.networkType,
            interestedPeople: "Soak Contributor",
          };
          return ["/api/trpc/issue.file", post(body), contributor];
        },
      ],
      [
        10,
        "comment",
        () => [
          "/api/trpc/issue.comment",
          post({ issueId: pick(r, ids), body: `Soak comment ${runId}` }),
          chair,
        ],
      ],
      [
        5,
        "transition",
        () => {
          const t = targets[moved++ % targets.length]!;
          // Past the end of the list the issues have moved on: read-only fallback.
          if (moved > targets.length) return [`/issues/${t.id}`, {}, null];
          const body = {
            issueId: t.id,
            expectedVersion: t.version,
            command: { type: "start-discussion" },
          };
          return ["/api/trpc/issue.transition", post(body), chair];
        },
      ],
    ];
    const total = ops.reduce((s, o) => s + o[0], 0);
    const choose = () => {
      let x = r() * total;
      for (const o of ops) if ((x -= o[0]) < 0) return o;
      return ops[0]!;
    };

    let bucket: Sample[] = [];
    const errorsSeen: string[] = [];
    let stop = false;
    let n = 0;
    const one = async () => {
      const [, what, make] = choose();
      const [p, init, cookie] = make();
      const server = servers[n++ % servers.length]!;
      const s = performance.now();
      let ok = false;
      try {
        const res = await fetch(server.url + p, {
          ...init,
          headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
          signal: AbortSignal.timeout(30_000),
        });
        const text = await res.text();
        ok = res.ok;
        if (!ok && errorsSeen.length < 20)
          errorsSeen.push(`${what} ${res.status} ${text.slice(0, 200)}`);
      } catch (e) {
        if (errorsSeen.length < 20) errorsSeen.push(`${what} ${String(e)}`);
      }
      bucket.push({ ms: performance.now() - s, ok, what });
    };
    // Open-loop pacing: one request every 1/rate s, whatever the latency.
    const inflight = new Set<Promise<void>>();
    const pacer = (async () => {
      const gap = 1000 / rate;
      let next = performance.now();
      while (!stop) {
        const p = one().finally(() => inflight.delete(p));
        inflight.add(p);
        next += gap;
        await new Promise((res) => setTimeout(res, Math.max(0, next - performance.now())));
      }
    })();

    const rows: SoakMinute[] = [];
    for (let m = 1; m <= minutes; m++) {
      await new Promise((res) => setTimeout(res, intervalS * 1000));
      const samples = bucket;
      bucket = [];
      const lat = samples.map((s) => s.ms).sort((a, b) => a - b);
      const perServer = await Promise.all(
        servers.map(async (s) => {
          const h = await fetch(`${s.url}/api/health`)
            .then((x) => x.json() as Promise<{ process?: Record<string, unknown> }>)
            .catch(() => null);
          return { procRssMb: serverRssMb(s), reported: h?.process ?? null };
        }),
      );
      const row: SoakMinute = {
        minute: m,
        requests: samples.length,
        errors: samples.filter((s) => !s.ok).length,
        p50: Math.round(percentile(lat, 50)),
        p95: Math.round(percentile(lat, 95)),
        rssMb: perServer.map((p) => p.procRssMb),
        servers: perServer.map((p) => p.reported),
      };
      rows.push(row);
      appendFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), ...row })}\n`);
      const lag = perServer
        .map((p) =>
          JSON.stringify((p.reported as { eventLoopDelayMs?: unknown })?.eventLoopDelayMs),
        )
        .join(" ");
      log(
        `min ${m}: ${row.requests} req, p50 ${row.p50} ms, p95 ${row.p95} ms, errors ${row.errors}, RSS ${row.rssMb.join("/")} MB, loop delay ${lag}`,
      );
    }
    stop = true;
    await pacer;
    await Promise.all(inflight);
    const verdict = judgeSoak(rows);
    for (const e of errorsSeen) log(`error: ${e}`);
    log(verdict.reasons.join("; "));
    process.stdout.write(
      `${JSON.stringify({ minutes, rate, out, filed, transitions: Math.min(moved, targets.length), ...verdict })}\n`,
    );
    return verdict.pass ? 0 : 1;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    log(`failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);
