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
import { randomBytes } from "node:crypto";
import os from "node:os";
import { CHARTER_ITEM_IDS } from "~/server/domain/catalog";
import { createBenchDatabase, rawClient, samplePools, seedBenchData } from "./app/bench-database";
import { assertPortFree, runLoad } from "./app/load-runner";
import { round2, type LoadResult, type LoadWork } from "./app/load-types";
import { parseOptions, type ScenarioName } from "./app/options";
import {
  AS,
  MAY_BE_MISSING,
  PACED,
  dropMissingRoutes,
  formatTable,
  ratioToFloor,
  scenarioPaths,
  searchQueries,
  suggestTexts,
  type As,
  type GetScenario,
  type RatioToFloor,
} from "./app/scenarios";
import { mulberry32, pick } from "./app/random";
import {
  ensureBuild,
  rssSampler,
  signIn,
  startServer,
  stopServer,
  waitHealthy,
  type AppServer,
} from "./app/servers";
import { timeScenarioSql, type SqlScenario } from "./app/sql";
import { routingInProcess } from "./app/routing-inprocess";
import { issueText } from "./app/text";
import { transformerCost, type TransformerCost } from "./app/transformer";
import { checkFiled, checkTransitions, type OnceCheck } from "./app/verify";

const started = performance.now();
function log(msg: string) {
  const s = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${s}s] ${msg}\n`);
}

// ---------------------------------------------------------------------------

interface ScenarioOut {
  name: ScenarioName;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  rps: number;
  /** Requests a second the load was held to (`PACED`), or null when sent as fast as answered. */
  paced_rps: number | null;
  errors: number;
  requests: number;
  sql_p50_ms: number | null;
  /** Multiples of the floor of the scenario's kind (page, tRPC, route) in this run. */
  ratio_to_floor: RatioToFloor | null;
}

async function main(): Promise<number> {
  const o = parseOptions(log);
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
    const secret = randomBytes(32).toString("base64");
    const bench = await createBenchDatabase(o, runId, cleanups, log);
    let database = bench.database;
    const { serverEnv, reopen } = bench;
    let dbOpen = true;
    cleanups.push(async () => {
      if (dbOpen) await database.close();
    });

    const { data, seedS, seedCpuS } = await seedBenchData(database, o, runId, log);
    if (o.seedOnly) {
      await cleanup();
      process.stdout.write(
        `${JSON.stringify({ db: o.db, issues: o.issues, documents: o.documents, seed_s: seedS, seed_cpu_s: seedCpuS, rows: data.rows })}\n`,
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
    const suggested = suggestTexts(r, 400);
    const paths = scenarioPaths({
      publicIssueIds: pools.publicIssueIds,
      documentNames: pools.documentNames,
      suggestTexts: suggested,
      searchQueries: searchQueries(r, 200),
    });
    const cookies: Record<As, Record<string, string>> = {
      anonymous: {},
      chair: { cookie: chairCookie },
      contributor: { cookie: contributorCookie },
    };
    const headersFor = (s: ScenarioName) => cookies[AS[s]];

    // Routes built on other branches: skip what this build does not have.
    const skipped: { name: ScenarioName; reason: string }[] = [];
    const running = new Set(o.scenarios);
    for (const name of o.scenarios) {
      if (!MAY_BE_MISSING.has(name) || name === "file" || name === "transition") continue;
      const get: GetScenario = name;
      const { paths: left, missing } = await dropMissingRoutes(paths[get], async (p) => {
        const res = await fetch(servers[0]!.url + p, { headers: headersFor(name) });
        await res.arrayBuffer();
        return res.status;
      });
      if (missing.length && left.length) {
        log(`${name}: ${missing.join(", ")} answers 404 on this build; measuring the rest`);
      } else if (missing.length) {
        const reason = `${missing.join(", ")} answers 404 on this build`;
        log(`${name}: skipped (${reason})`);
        skipped.push({ name, reason });
        running.delete(name);
      }
      paths[get] = left;
    }
    const toRun = o.scenarios.filter((s) => running.has(s));

    // Warm-up: load every route on every server, and build the routing engine.
    log("warming up…");
    for (const srv of servers) {
      for (const name of toRun) {
        if (name === "file" || name === "transition") continue;
        const list = paths[name];
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

    // The transformer's share of one triage response, in-process, on a real response.
    let transformer: TransformerCost | null = null;
    if (toRun.includes("triage")) {
      const res = await fetch(servers[0]!.url + paths.triage[0]!, {
        headers: headersFor("triage"),
      });
      transformer = transformerCost(await res.text());
      log(
        `  serialising one triage response (${transformer.bytes.superjson.toLocaleString("en")} bytes): superjson ${transformer.superjson_ms} ms, devalue ${transformer.devalue_ms} ms, JSON ${transformer.json_ms} ms; devalue round trip ${transformer.devalue_round_trip_ok ? "same" : "DIFFERENT"}`,
      );
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
    for (const name of toRun) {
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
        ...(PACED[name] ? { ratePerS: PACED[name] } : {}),
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
    const routing = await routingInProcess(database.db, suggested.slice(0, 200));
    log(
      `  routing in-process (${routing.known_documents.toLocaleString("en")} known documents): build ${routing.build_ms} ms, about ${routing.heap_mb} MB of heap, route p50 ${routing.route_p50_ms} ms, p95 ${routing.route_p95_ms} ms`,
    );

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

    const scenarios: ScenarioOut[] = toRun.map((name) => {
      const res = results.get(name)!;
      return {
        name,
        p50_ms: res.p50_ms,
        p95_ms: res.p95_ms,
        p99_ms: res.p99_ms,
        rps: res.rps,
        paced_rps: PACED[name] ?? null,
        errors: res.errors,
        requests: res.requests,
        sql_p50_ms: name in sql ? sql[name as SqlScenario] : null,
        ratio_to_floor: ratioToFloor(name, res, results),
      };
    });
    process.stderr.write(`\n${formatTable(scenarios, skipped)}\n\n`);
    const summary = {
      db: o.db,
      issues: o.issues,
      documents: o.documents,
      instances: o.instances,
      seed_s: seedS,
      seed_cpu_s: seedCpuS,
      scenarios,
      skipped,
      transformer,
      routing,
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
