/**
 * `npm run migrate-to-postgres -- DATABASE_URL`: move the embedded database in
 * DATA_DIR/pglite (app server stopped) to an empty PostgreSQL database, then
 * verify every table's row count and checksum. Afterwards start the app with
 * DATABASE_URL set; the embedded folder is left as it was.
 */
import { migrateToPostgres } from "./lib/migrate";
import { configured, fail } from "./lib/cli";

const url = process.argv[2];
if (!url || !/^postgres(ql)?:\/\//.test(url))
  fail("Usage: npm run migrate-to-postgres -- postgres://USER@HOST:PORT/DATABASE");
const { pgliteDir } = configured();
const t0 = performance.now();
const r = await migrateToPostgres(pgliteDir, url).catch(fail);
if (r.diffs.length) fail(`The copy differs from the embedded database:\n${r.diffs.join("\n")}`);
const rows = Object.values(r.target).reduce((s, t) => s + t.rows, 0);
console.log(
  `Moved ${Object.keys(r.target).length} tables, ${rows.toLocaleString("en")} rows (${(r.target.events?.rows ?? 0).toLocaleString("en")} events) to PostgreSQL in ${((performance.now() - t0) / 1000).toFixed(1)} s; counts and checksums match. Start the app with DATABASE_URL set.`,
);
