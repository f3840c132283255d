#!/usr/bin/env node
// `npm test`: set everything up and run the whole suite. Each phase runs even if
// an earlier one failed (except end-to-end after a failed build), and the run
// fails if any phase failed.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { ensureBuild, ensureDependencies, log, run } from "./lib/setup.mjs";

const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const results = [];
const started = Date.now();

function phase(name, fn) {
  const t0 = Date.now();
  log(`── ${name} ──`);
  let ok = false;
  try {
    ok = fn();
  } catch (e) {
    log(`${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
  results.push({ name, ok, seconds: (Date.now() - t0) / 1000 });
  return ok;
}

function sh(cmd, args, env) {
  return run(cmd, args, { env }) === 0;
}

function postgresReady() {
  const r = spawnSync("pg_isready", ["-h", "127.0.0.1", "-p", "5432", "-q"]);
  return r.status === 0;
}

function ensurePostgres() {
  if (postgresReady()) return true;
  log("PostgreSQL is not running on 127.0.0.1:5432; starting the local cluster…");
  const versions = existsSync("/etc/postgresql") ? readdirSync("/etc/postgresql") : [];
  for (const v of versions) {
    spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", v, "main", "start"], {
      stdio: "inherit",
    });
  }
  for (let i = 0; i < 30 && !postgresReady(); i++) spawnSync("sleep", ["1"]);
  if (!postgresReady()) {
    log(
      "Could not start PostgreSQL. Start it (e.g. `pg_ctlcluster 15 main start`) or set TEST_PG_ADMIN_URL.",
    );
    return false;
  }
  return true;
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return true;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) {
    log(
      `Chromium is missing at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`,
    );
    return false;
  }
  log("Installing Debian's Chromium (apt-get install chromium)…");
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  return (
    sh("apt-get", ["update", "-qq"], env) &&
    sh("apt-get", ["install", "-y", "-qq", "chromium"], env) &&
    existsSync(CHROMIUM)
  );
}

ensureDependencies();

phase("type-check (tsc --noEmit)", () => sh("npx", ["tsc", "--noEmit"]));
phase("lint (eslint)", () => sh("npx", ["eslint", "--max-warnings=0", "."]));
phase("format (prettier --check)", () =>
  sh("npx", ["prettier", "--check", "--log-level", "warn", "."]),
);
phase("unit tests", () => sh("npx", ["vitest", "run", "--project", "unit"]));
phase("integration tests on PGlite", () =>
  sh("npx", ["vitest", "run", "--project", "integration"], { TEST_DB: "pglite" }),
);
phase(
  "integration tests on PostgreSQL",
  () =>
    ensurePostgres() &&
    sh("npx", ["vitest", "run", "--project", "integration"], {
      TEST_DB: "postgres",
      TEST_PG_ADMIN_URL: PG_ADMIN_URL,
    }),
);
const built = phase("production build", () => ensureBuild());
// Short fault-injection runs on the production build: app servers and the mail worker are
// SIGKILLed under load; the shared PostgreSQL cluster is never restarted here.
phase("chaos smoke (kills app servers and the mail worker)", () => {
  if (!built) throw new Error("skipped: the build failed");
  const smoke = ["tsx", "scripts/chaos.ts", "--duration", "20", "--kill-every", "4"];
  const build = ["--dist", ".next", "--build", "never"];
  return (
    sh("npx", [...smoke, "--db", "pglite", ...build]) &&
    ensurePostgres() &&
    sh("npx", [...smoke, "--db", "postgres", ...build], { TEST_PG_ADMIN_URL: PG_ADMIN_URL })
  );
});
phase("end-to-end tests (Playwright, Chromium)", () => {
  if (!built) throw new Error("skipped: the build failed");
  return ensureChromium() && sh("npx", ["playwright", "test"], { CHROMIUM_PATH: CHROMIUM });
});

const failed = results.filter((r) => !r.ok);
process.stderr.write("\n");
for (const r of results) log(`${r.ok ? "✔" : "✘"} ${r.name} (${r.seconds.toFixed(1)} s)`);
log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`phases: ${results.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);
