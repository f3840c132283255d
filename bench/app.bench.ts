/**
 * Latency, throughput and scale benchmark of the whole app:
 *
 *   npm run --silent bench -- [--db postgres|pglite] [--issues N] [--documents M]
 *                             [--instances K] [--duration S]
 *
 * 1. Generates a data set of the requested size into a fresh database
 *    (PostgreSQL: a new `iotops_bench_*` database, dropped at the end; PGlite: a
 *    temporary DATA_DIR) and times it.
 * 2. Builds into .next-bench if needed and starts K production servers on ports
 *    3300+ (one on PGlite).
 * 3. Drives each scenario from a separate load process (autocannon, 16
 *    connections spread over the servers).
 * 4. Times each read scenario's SQL on its own, straight through the driver.
 * 5. Checks that every mutation the load made is in the database exactly once.
 *
 * Progress goes to stderr; the last stdout line is one JSON object with the
 * results. Exits 1 when the exactly-once check fails. See docs/benchmarks.md.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

import { migrateDatabase, openDatabase, rawClient as driverOf, type Database } from "~/db/client";
import { seedDatabase } from "~/db/seed";
import { hashPassword } from "~/server/auth/passwords";
import { CHARTER_ITEMS, CHARTER_ITEM_IDS } from "~/server/domain/catalog";
import { SEED_CATALOG } from "~/db/seed/group-catalog";
import { createRoutingEngine } from "~/server/domain/routing";
import { loadKnowledge } from "~/server/services/routing/knowledge";

import type { RawClient } from "./app/bulk";
import { generateDataset } from "./app/generate";
import { issueText } from "./app/text";
import {
  percentile,
  round2,
  type LoadResult,
  type LoadSpec,
  type LoadWork,
} from "./app/load-types";
import { mulberry32, pick } from "./app/random";
import {
  ensureBuild,
  ROOT,
  rssSampler,
  signIn,
  startServer,
  stopServer,
  waitHealthy,
  type AppServer,
  type BuildMode,
} from "./app/servers";
import { timeScenarioSql, type SqlScenario } from "./app/sql";
import { checkFiled, checkTransitions, type OnceCheck } from "./app/verify";

const started = performance.now();
function log(msg: string) {
  const s = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${s}s] ${msg}\n`);
}

// ---------------------------------------------------------------------------
// Options

const SCENARIOS = [
  "issues-list",
  "triage",
  "issue-page",
  "suggest",
  "report",
  "document-page",
  "file",
  "transition",
] as const;
type ScenarioName = (typeof SCENARIOS)[number];

interface Options {
  db: "postgres" | "pglite";
  issues: number;
  documents: number;
  instances: number;
  duration: number;
  connections: number;
  build: BuildMode;
  portBase: number;
  keep: boolean;
  seedOnly: boolean;
  apply?: string;
  adminUrl: string;
  scenarios: ScenarioName[];
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      db: { type: "string", default: "postgres" },
      issues: { type: "string" },
      documents: { type: "string" },
      instances: { type: "string", default: "1" },
      duration: { type: "string", default: "10" },
      connections: { type: "string", default: "16" },
      build: { type: "string", default: "auto" },
      "port-base": { type: "string", default: "3300" },
      keep: { type: "boolean", default: false },
      "seed-only": { type: "boolean", default: false },
      apply: { type: "string" },
      "pg-admin-url": { type: "string" },
      scenarios: { type: "string" },
    },
  });
  const db = values.db;
  if (db !== "postgres" && db !== "pglite") throw new Error("--db must be postgres or pglite");
  const num = (v: string | undefined, fallback: number, name: string, min = 1) => {
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isInteger(n) || n < min)
      throw new Error(`--${name} must be a whole number ≥ ${min}`);
    return n;
  };
  const build = values.build as BuildMode;
  if (!["auto", "if-missing", "always", "never"].includes(build))
    throw new Error("--build must be auto, if-missing, always or never");
  const scenarios = (values.scenarios?.split(",").map((s) => s.trim()) ?? [...SCENARIOS]).filter(
    Boolean,
  );
  for (const s of scenarios)
    if (!SCENARIOS.includes(s as ScenarioName))
      throw new Error(`Unknown scenario ${s}; known: ${SCENARIOS.join(", ")}`);
  const instances = num(values.instances, 1, "instances");
  if (db === "pglite" && instances !== 1) {
    log("PGlite allows one process per data folder: using one instance.");
  }
  return {
    db,
    issues: num(values.issues, db === "postgres" ? 100_000 : 10_000, "issues", 10),
    documents: num(values.documents, db === "postgres" ? 20_000 : 2_000, "documents", 10),
    instances: db === "pglite" ? 1 : instances,
    duration: num(values.duration, 10, "duration"),
    connections: num(values.connections, 16, "connections"),
    build,
    portBase: num(values["port-base"], 3300, "port-base", 1024),
    keep: values.keep ?? false,
    seedOnly: values["seed-only"] ?? false,
    apply: values.apply,
    adminUrl:
      values["pg-admin-url"] ??
      process.env.BENCH_PG_ADMIN_URL ??
      process.env.TEST_PG_ADMIN_URL ??
      "postgres://postgres@127.0.0.1:5432/postgres",
    scenarios: scenarios as ScenarioName[],
  };
}

// ---------------------------------------------------------------------------
// Helpers

function rawClient(database: Database): RawClient {
  return driverOf(database.db);
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", () =>
      reject(new Error(`Port ${port} is in use; pick other ports with --port-base.`)),
    );
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve()));
  });
}

/** Runs one scenario in a separate node process (bench/app/load-child.ts). */
function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(ROOT, "bench/app/load-child.ts")],
      { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (b: Buffer) => (out += b.toString("utf8")));
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = out.trim().split("\n").at(-1);
      if (code !== 0 || !line) return reject(new Error(`load process exited with ${code}`));
      try {
        resolve(JSON.parse(line) as LoadResult);
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
    child.stdin.end(JSON.stringify(spec));
  });
}

const trpcInput = (v: unknown) => encodeURIComponent(JSON.stringify({ json: v }));

interface Pools {
  publicIssueIds: number[];
  documentNames: string[];
  transitionTargets: { id: number; version: number }[];
}

async function samplePools(client: RawClient): Promise<Pools> {
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

// ---------------------------------------------------------------------------

interface ScenarioOut {
  name: ScenarioName;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  rps: number;
  errors: number;
  requests: number;
  sql_p50_ms: number | null;
}

async function main(): Promise<number> {
  const o = options();
  const runId = randomBytes(4).toString("hex");
  const loadStart = os.loadavg()[0]!;
  log(
    `${o.db}, ${o.issues.toLocaleString("en")} issues, ${o.documents.toLocaleString("en")} documents, ${o.instances} instance(s), ${o.duration} s per scenario, ${o.connections} connections (run ${runId})`,
  );
  log(
    `machine: ${os.cpus().length} CPUs, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`,
  );

  if (!o.seedOnly) ensureBuild(o.build, log);

  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    while (cleanups.length) {
      try {
        await cleanups.pop()!();
      } catch (e) {
        log(`cleanup: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  };
  let interrupted = false;
  const onSignal = (sig: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    log(`${sig}: cleaning up…`);
    void cleanup().then(() => process.exit(130));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  try {
    for (let i = 0; i < o.instances; i++) await assertPortFree(o.portBase + i);

    // 1. A fresh database, generated.
    let database: Database;
    let serverEnv: Record<string, string>;
    let reopen: () => Promise<Database>;
    const secret = randomBytes(32).toString("base64");
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
    let dbOpen = true;
    cleanups.push(async () => {
      if (dbOpen) await database.close();
    });

    log("generating the data set…");
    const seedStart = performance.now();
    await migrateDatabase(database);
    await seedDatabase(database.db, { demo: false });
    const password = `bench-${runId}-password`;
    const passwordHash = await hashPassword(password);
    const raw = rawClient(database);
    const data = await generateDataset(raw, {
      issues: o.issues,
      documents: o.documents,
      password,
      passwordHash,
      parallel: o.db === "postgres" ? 2 : 1,
      log,
    });
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
    log(
      `seeded in ${seedS} s: ${Object.entries(data.rows)
        .map(([k, v]) => `${k} ${v.toLocaleString("en")}`)
        .join(", ")}`,
    );
    if (o.seedOnly) {
      await cleanup();
      process.stdout.write(
        `${JSON.stringify({ db: o.db, issues: o.issues, documents: o.documents, seed_s: seedS, rows: data.rows })}\n`,
      );
      return 0;
    }
    const pools = await samplePools(rawClient(database));
    if (o.db === "pglite") {
      await database.close();
      dbOpen = false;
    }

    // 2. The servers.
    const servers: AppServer[] = [];
    cleanups.push(async () => {
      await Promise.all(servers.map((s) => stopServer(s)));
    });
    for (let i = 0; i < o.instances; i++) {
      servers.push(
        startServer(o.portBase + i, { ...serverEnv, AUTH_SECRET: secret, DEMO_MODE: "false" }),
      );
    }
    const t0 = performance.now();
    await Promise.all(servers.map((s) => waitHealthy(s)));
    log(
      `${servers.length} server(s) healthy in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${servers.map((s) => s.url).join(", ")}`,
    );
    const chairCookie = await signIn(servers[0]!.url, data.chair.email, data.chair.password);
    const contributorCookie = await signIn(
      servers[0]!.url,
      data.contributor.email,
      data.contributor.password,
    );
    log("signed in as the bench chair (chair/iotops) and the bench contributor");

    // Request material.
    const r = mulberry32(4242);
    const suggestTexts = Array.from({ length: 400 }, () => issueText(r, pick(r, CHARTER_ITEM_IDS)));
    const paths: Record<Exclude<ScenarioName, "file" | "transition">, string[]> = {
      "issues-list": ["/issues"],
      triage: [
        `/api/trpc/issue.list?input=${trpcInput({ states: ["submitted"], sort: "oldest", limit: 50 })}`,
      ],
      "issue-page": pools.publicIssueIds.map((id) => `/issues/${id}`),
      suggest: suggestTexts.map(
        (t) =>
          `/api/trpc/issue.suggest?input=${trpcInput({ title: t.title, text: t.problemStatement })}`,
      ),
      report: [`/api/trpc/issue.report?input=${trpcInput({})}`],
      "document-page": pools.documentNames.map((n) => `/documents/${encodeURIComponent(n)}`),
    };
    const headersFor = (s: ScenarioName): Record<string, string> =>
      s === "triage" || s === "transition"
        ? { cookie: chairCookie }
        : s === "file"
          ? { cookie: contributorCookie }
          : {};

    // Warm-up: load every route on every server, and build the routing engine.
    log("warming up…");
    for (const srv of servers) {
      for (const [name, list] of Object.entries(paths) as [ScenarioName, string[]][]) {
        const w0 = performance.now();
        for (let i = 0; i < 5; i++) {
          const res = await fetch(srv.url + list[i % list.length]!, {
            headers: headersFor(name),
          });
          await res.arrayBuffer();
          if (!res.ok) throw new Error(`warm-up ${name} on ${srv.url}: HTTP ${res.status}`);
        }
        if (name === "suggest")
          log(
            `  ${srv.url}: routing engine ready after ${((performance.now() - w0) / 1000).toFixed(1)} s`,
          );
      }
    }

    // 3. The load.
    const marker = `bench-${runId}`;
    const fileTexts = Array.from({ length: 300 }, () => {
      const t = issueText(r, pick(r, CHARTER_ITEM_IDS));
      return {
        title: t.title,
        problemStatement: t.problemStatement,
        desiredOutcome: t.desiredOutcome,
        deviceClass: t.deviceClass,
        scale: t.scale,
        networkType: t.networkType,
        interestedPeople: "Bench Contributor",
      };
    });
    const sampler = rssSampler(servers);
    const results = new Map<ScenarioName, LoadResult>();
    const transitionTargets = pools.transitionTargets;
    for (const name of o.scenarios) {
      const work: LoadWork =
        name === "file"
          ? { kind: "file", path: "/api/trpc/issue.file", marker, texts: fileTexts }
          : name === "transition"
            ? { kind: "transition", path: "/api/trpc/issue.transition", issues: transitionTargets }
            : { kind: "get", paths: paths[name] };
      const res = await runLoad({
        name,
        targets: servers.map((s) => s.url),
        connections: o.connections,
        durationS: o.duration,
        headers: headersFor(name),
        work,
      });
      results.set(name, res);
      log(
        `${name.padEnd(14)} ${String(res.requests).padStart(6)} req  ${String(res.rps).padStart(7)} rps  p50 ${res.p50_ms} ms  p95 ${res.p95_ms} ms  p99 ${res.p99_ms} ms  errors ${res.errors}${res.errors ? ` ${JSON.stringify(res.statusCounts)}` : ""}  RSS max ${sampler.max()} MB`,
      );
      for (const e of res.errorSamples) log(`  error: ${e}`);
      log(
        `  load average ${os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(" ")}`,
      );
      if (name === "transition" && res.requests >= transitionTargets.length)
        log(`  (used all ${transitionTargets.length} submitted issues before the time was up)`);
    }
    const rssMb = sampler.max();
    sampler.stop();
    for (const s of servers) await stopServer(s);
    log("servers stopped");

    // 4. The SQL of each read scenario, on its own.
    if (!dbOpen) {
      database = await reopen();
      dbOpen = true;
    }
    log("timing the read scenarios' SQL directly…");
    const sql = await timeScenarioSql(
      database.db,
      {
        chairId: data.chair.personId,
        issueIds: pools.publicIssueIds,
        documentNames: pools.documentNames,
      },
      { iterations: o.issues >= 5000 ? 200 : 50, log },
    );

    // Routing, in-process, for comparison with the suggest scenario.
    {
      const e0 = performance.now();
      const engine = createRoutingEngine({
        groups: SEED_CATALOG.groups,
        charterItems: CHARTER_ITEMS,
        documents: await loadKnowledge(database.db),
      });
      const buildMs = performance.now() - e0;
      const times: number[] = [];
      for (const t of suggestTexts.slice(0, 200)) {
        const s = performance.now();
        engine.route({ title: t.title, text: t.problemStatement }, { limit: 8 });
        times.push(performance.now() - s);
      }
      times.sort((a, b) => a - b);
      log(
        `  routing in-process (${engine.size().toLocaleString("en")} known documents): build ${buildMs.toFixed(0)} ms, route p50 ${round2(percentile(times, 50))} ms, p95 ${round2(percentile(times, 95))} ms`,
      );
    }

    // 5. Exactly once.
    const checks: OnceCheck[] = [];
    const after = rawClient(database);
    const filed = results.get("file");
    if (filed) checks.push(await checkFiled(after, marker, filed));
    const moved = results.get("transition");
    if (moved)
      checks.push(
        await checkTransitions(
          after,
          transitionTargets.map((t) => t.id),
          moved,
        ),
      );
    for (const c of checks) {
      log(
        `exactly-once ${c.scenario}: ${c.acknowledged} acknowledged, ${c.found} in the database, lost ${c.lost.length}, doubled ${c.doubled.length}, unexpected ${c.unexpected.length} → ${c.ok ? "ok" : "FAILED"}`,
      );
    }
    const onceOk = checks.every((c) => c.ok);

    const scenarios: ScenarioOut[] = o.scenarios.map((name) => {
      const res = results.get(name)!;
      return {
        name,
        p50_ms: res.p50_ms,
        p95_ms: res.p95_ms,
        p99_ms: res.p99_ms,
        rps: res.rps,
        errors: res.errors,
        requests: res.requests,
        sql_p50_ms: name in sql ? sql[name as SqlScenario] : null,
      };
    });
    const summary = {
      db: o.db,
      issues: o.issues,
      documents: o.documents,
      instances: o.instances,
      seed_s: seedS,
      scenarios,
      server_rss_mb: rssMb,
      // Other work on the machine skews everything; the 1-minute load average at start and end.
      loadavg: [round2(loadStart), round2(os.loadavg()[0]!)],
      exactly_once: {
        ok: onceOk,
        checks: checks.map((c) => ({
          scenario: c.scenario,
          acknowledged: c.acknowledged,
          found: c.found,
          lost: c.lost.length,
          doubled: c.doubled.length,
          unexpected: c.unexpected.length,
        })),
      },
    };
    await cleanup();
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return onceOk ? 0 : 1;
  } catch (e) {
    await cleanup();
    throw e;
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    log(`failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);
