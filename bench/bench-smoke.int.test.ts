/**
 * The benchmark itself stays out of CI (it takes minutes and its figures depend
 * on the machine). This runs it end to end at a tiny size, so that it keeps
 * working as the app changes: data generation, server start, sign-in, every
 * scenario without errors, the SQL timings and the exactly-once check.
 * PGlite by default; PostgreSQL when TEST_DB=postgres. Reuses the .next-bench
 * build when there is one.
 */
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

const db = process.env.TEST_DB === "postgres" ? "postgres" : "pglite";

const SCENARIOS = [
  "floor-page",
  "floor-trpc",
  "floor-api",
  "issues-list",
  "triage",
  "issue-page",
  "suggest",
  "report",
  "document-page",
  "search",
  "my-work",
  "api-list",
  "export-csv",
  "file",
  "transition",
];
const FLOORS = ["floor-page", "floor-trpc", "floor-api"];
/** Routes that may not exist on every build: skipped (with the reason) when they answer 404. */
const MAY_BE_MISSING = ["search", "my-work", "api-list", "export-csv"];
/** Read scenarios whose SQL the bench times on its own. */
const WITH_SQL = ["issues-list", "triage", "issue-page", "report", "document-page", "search"];

interface Summary {
  db: string;
  issues: number;
  documents: number;
  instances: number;
  seed_s: number;
  server_rss_mb: number;
  scenarios: {
    name: string;
    p50_ms: number;
    p95_ms: number;
    p99_ms: number;
    rps: number;
    errors: number;
    requests: number;
    sql_p50_ms: number | null;
    ratio_to_floor: { floor: string; p50: number; p95: number } | null;
  }[];
  skipped: { name: string; reason: string }[];
  exactly_once: { ok: boolean; checks: { scenario: string; acknowledged: number }[] };
}

function runBench(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "bench", "--", ...args], {
      cwd: process.cwd(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString("utf8")));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString("utf8")));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe(`the app benchmark on ${db} (smoke)`, () => {
  it("runs every scenario at a tiny size without errors and finds every mutation exactly once", async () => {
    const { code, stdout, stderr } = await runBench([
      "--db",
      db,
      "--issues",
      "200",
      "--documents",
      "50",
      "--duration",
      "0.5",
      // Rebuilt when the sources changed since the last bench build, so the smoke
      // test never runs stale server code.
      "--build",
      "auto",
      "--port-base",
      "3350",
    ]);
    const last = stdout.trim().split("\n").at(-1) ?? "";
    if (code !== 0 || !last.startsWith("{")) {
      throw new Error(`bench exited with ${code}\n${stderr.slice(-4000)}`);
    }
    const summary = JSON.parse(last) as Summary;
    // Collect every problem, and show them with the benchmark's own log.
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok) problems.push(what);
    };
    check(summary.db === db && summary.issues === 200 && summary.documents === 50, "size as asked");
    check(summary.instances === 1, "one instance");
    check(summary.seed_s > 0, "seed_s");
    check(summary.server_rss_mb > 0, "server_rss_mb");
    const skipped = summary.skipped.map((s) => s.name);
    check(
      JSON.stringify(summary.scenarios.map((s) => s.name)) ===
        JSON.stringify(SCENARIOS.filter((n) => !skipped.includes(n))),
      "every scenario not skipped, in order",
    );
    for (const s of summary.skipped)
      check(
        MAY_BE_MISSING.includes(s.name) && /404/.test(s.reason),
        `${s.name} skipped: ${s.reason}`,
      );
    for (const s of summary.scenarios) {
      check(s.errors === 0, `${s.name}: ${s.errors} errors`);
      check(s.requests > 0, `${s.name}: no requests`);
      check(s.p50_ms > 0 && s.p95_ms >= s.p50_ms && s.p99_ms >= s.p95_ms, `${s.name}: latencies`);
      check(s.rps > 0, `${s.name}: rps`);
      check(
        WITH_SQL.includes(s.name) ? (s.sql_p50_ms ?? 0) > 0 : s.sql_p50_ms === null,
        `${s.name}: sql_p50_ms ${s.sql_p50_ms}`,
      );
      const floor = FLOORS.includes(s.name)
        ? null
        : summary.scenarios.find((f) => f.name === s.ratio_to_floor?.floor);
      check(
        FLOORS.includes(s.name)
          ? s.ratio_to_floor === null
          : !!floor &&
              FLOORS.includes(floor.name) &&
              Math.abs(s.ratio_to_floor!.p50 - s.p50_ms / floor.p50_ms) < 0.01 &&
              Math.abs(s.ratio_to_floor!.p95 - s.p95_ms / floor.p95_ms) < 0.01,
        `${s.name}: ratio_to_floor ${JSON.stringify(s.ratio_to_floor)}`,
      );
    }
    check(summary.exactly_once.ok, "exactly-once check");
    check(
      JSON.stringify(summary.exactly_once.checks.map((c) => c.scenario)) ===
        JSON.stringify(["file", "transition"]),
      "exactly-once checks for file and transition",
    );
    for (const c of summary.exactly_once.checks)
      check(c.acknowledged > 0, `${c.scenario}: nothing acknowledged`);
    expect(problems, `${last}\n${stderr.slice(-4000)}`).toEqual([]);
  }, 400_000);
});
