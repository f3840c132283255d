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

/** `npm run <script>`: each phase is the package.json script of the same job. */
const npmRun = (script, env, args = []) =>
  sh("npm", ["run", "--silent", script, ...(args.length ? ["--", ...args] : [])], env);

phase("type-check (npm run typecheck)", () => npmRun("typecheck"));
phase("lint (npm run lint)", () => npmRun("lint"));
phase("format (npm run format:check)", () =>
  npmRun("format:check", undefined, ["--log-level", "warn"]),
);
phase("unit tests (npm run test:unit)", () => npmRun("test:unit"));
phase("integration tests on PGlite (npm run test:int)", () =>
  npmRun("test:int", { TEST_DB: "pglite" }),
);
phase(
  "integration tests on PostgreSQL (npm run test:int)",
  () =>
    ensurePostgres() &&
    npmRun("test:int", { TEST_DB: "postgres", TEST_PG_ADMIN_URL: PG_ADMIN_URL }),
);
const built = phase("production build (npm run build)", () => ensureBuild());
phase("end-to-end tests (npm run test:e2e)", () => {
  if (!built) throw new Error("skipped: the build failed");
  return ensureChromium() && npmRun("test:e2e", { CHROMIUM_PATH: CHROMIUM });
});

// Fault injection against the build above: SIGKILLs of app servers and of the
// mail worker between send and mark, SMTP outages, and on PGlite a full disk
// (where the platform lets it mount a small tmpfs). Never restarts the shared
// PostgreSQL cluster; `npm run chaos` does that on request (docs/reliability.md).
const smoke = ["--duration", "20", "--kill-every", "4", "--dist", ".next", "--build", "never"];
phase("chaos smoke on PGlite (npm run chaos)", () => {
  if (!built) throw new Error("skipped: the build failed");
  return npmRun("chaos", undefined, [
    ...smoke,
    "--db",
    "pglite",
    "--drain-s",
    "10",
    "--disk-full",
    "1",
  ]);
});
phase("chaos smoke on PostgreSQL (npm run chaos)", () => {
  if (!built) throw new Error("skipped: the build failed");
  return (
    ensurePostgres() &&
    npmRun("chaos", { TEST_PG_ADMIN_URL: PG_ADMIN_URL }, [
      ...smoke,
      "--db",
      "postgres",
      "--drain-s",
      "30",
    ])
  );
});

const failed = results.filter((r) => !r.ok);
process.stderr.write("\n");
for (const r of results) log(`${r.ok ? "✔" : "✘"} ${r.name} (${r.seconds.toFixed(1)} s)`);
log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`phases: ${results.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);
