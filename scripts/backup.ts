/**
 * `npm run backup -- FILE`: a consistent backup of the configured database,
 * safe while the app is serving. PostgreSQL (DATABASE_URL): pg_dump's custom
 * format. Embedded: PGlite's dumpDataDir, taken by the app server when it is
 * running. Writes FILE and FILE.manifest.json (row counts and checksums).
 */
import { statSync } from "node:fs";
import path from "node:path";
import { backupPglite, backupPostgres } from "./lib/backup";
import { configured, fail, summary } from "./lib/cli";

const file = process.argv[2];
if (!file || file.startsWith("-")) fail("Usage: npm run backup -- FILE");
const target = path.resolve(file);
const { url, pgliteDir } = configured();
const t0 = performance.now();
const manifest = await (url ? backupPostgres(url, target) : backupPglite(pgliteDir, target)).catch(
  fail,
);
const mb = (statSync(target).size / 2 ** 20).toFixed(1);
console.log(
  `Backed up the ${url ? "PostgreSQL" : "embedded"} database to ${target} (${mb} MB, ${((performance.now() - t0) / 1000).toFixed(1)} s): ${summary(manifest)}.`,
);
