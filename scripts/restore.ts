/**
 * `npm run restore -- FILE`: restore a backup into an empty database of the
 * same kind (DATABASE_URL: an empty PostgreSQL database; otherwise an empty or
 * missing DATA_DIR/pglite, with the app server stopped), then check every
 * table's row count and checksum against FILE.manifest.json.
 */
import path from "node:path";
import { readManifest, restorePglite, restorePostgres } from "./lib/backup";
import { configured, fail, summary } from "./lib/cli";

const file = process.argv[2];
if (!file || file.startsWith("-")) fail("Usage: npm run restore -- FILE");
const source = path.resolve(file);
const { url, pgliteDir } = configured();
const diffs = await (url ? restorePostgres(url, source) : restorePglite(pgliteDir, source)).catch(
  fail,
);
if (diffs.length) fail(`Restored, but the database differs from the backup:\n${diffs.join("\n")}`);
console.log(
  `Restored ${source} into ${url ? "PostgreSQL" : pgliteDir}; identical to the backup: ${summary(readManifest(source))}.`,
);
