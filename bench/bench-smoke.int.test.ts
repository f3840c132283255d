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
  "issues-list",
  "triage",
  "issue-page",
  "suggest",
  "report",
  "document-page",
  "file",
  "transition",
];

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
  }[];
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
      "2",
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
    check(
      JSON.stringify(summary.scenarios.map((s) => s.name)) === JSON.stringify(SCENARIOS),
      "all scenarios, in order",
    );
    for (const s of summary.scenarios) {
      check(s.errors === 0, `${s.name}: ${s.errors} errors`);
      check(s.requests > 0, `${s.name}: no requests`);
      check(s.p50_ms > 0 && s.p95_ms >= s.p50_ms && s.p99_ms >= s.p95_ms, `${s.name}: latencies`);
      check(s.rps > 0, `${s.name}: rps`);
      const read = !["suggest", "file", "transition"].includes(s.name);
      check(
        read ? (s.sql_p50_ms ?? 0) > 0 : s.sql_p50_ms === null,
        `${s.name}: sql_p50_ms ${s.sql_p50_ms}`,
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
