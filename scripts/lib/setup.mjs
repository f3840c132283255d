// Shared set-up steps for `npm start` and `npm test`. Plain Node, no dependencies,
// because it runs before `npm ci` has installed anything.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

export function log(msg) {
  process.stderr.write(`\x1b[36m▸\x1b[0m ${msg}\n`);
}

/** Run a command in the project root, inheriting stdio. Returns the exit status. */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...opts.env },
  });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

export function runOrDie(cmd, args, opts) {
  const status = run(cmd, args, opts);
  if (status !== 0) {
    log(`${cmd} ${args.join(" ")} failed with status ${status}`);
    process.exit(status);
  }
}

/** `npm ci` when node_modules is missing or older than the lock file. */
export function ensureDependencies() {
  const marker = path.join(root, "node_modules/.package-lock.json");
  const lock = path.join(root, "package-lock.json");
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  log("Installing dependencies (npm ci)…");
  runOrDie("npm", ["ci", "--no-audit", "--no-fund"]);
}

const BUILD_INPUTS = [
  "app",
  "server",
  "db",
  "public",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
  "instrumentation.ts",
];

function hashTree(hash, p) {
  if (!existsSync(p)) return;
  const st = statSync(p);
  if (st.isDirectory()) {
    for (const name of readdirSync(p).sort()) {
      if (name === "node_modules" || name.startsWith(".")) continue;
      hashTree(hash, path.join(p, name));
    }
  } else {
    hash.update(path.relative(root, p));
    hash.update(readFileSync(p));
  }
}

/** A digest of everything a production build is made from. */
export function sourceHash() {
  const hash = createHash("sha256");
  for (const p of BUILD_INPUTS) hashTree(hash, path.join(root, p));
  return hash.digest("hex");
}

/** The build folder: `NEXT_DIST_DIR` (as in next.config.ts) or `.next`. */
export function distDir() {
  return path.resolve(root, process.env.NEXT_DIST_DIR || ".next");
}

/**
 * `npm run build` unless the last build in `distDir()` was made from exactly
 * these sources. Returns whether a usable build exists (false when it failed).
 */
export function ensureBuild() {
  const digest = sourceHash();
  const dir = distDir();
  const stamp = path.join(dir, "source-hash");
  if (existsSync(path.join(dir, "BUILD_ID")) && existsSync(stamp)) {
    if (readFileSync(stamp, "utf8").trim() === digest) {
      log(`Production build in ${path.relative(root, dir)} is up to date.`);
      return true;
    }
  }
  log(`Building the app into ${path.relative(root, dir)} (npm run build)…`);
  const status = run("npm", ["run", "build"]);
  if (status !== 0) {
    log(`next build failed with status ${status}`);
    return false;
  }
  writeFileSync(stamp, digest + "\n");
  return true;
}
