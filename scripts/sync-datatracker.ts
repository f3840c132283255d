/**
 * npm run sync:datatracker -- [--since ISO] [--base URL] [--page-size N]
 *
 * One run of the Datatracker sync against the configured database: areas,
 * groups, roles and documents changed since the last run (or since --since),
 * with progress on stderr and a summary on stdout. Refused while another server
 * or process is syncing. With the embedded database, stop the server first.
 */
import { migrateDatabase } from "~/db/client";
import { seedDatabase } from "~/db/seed";
import { SYNC_RESOURCES } from "~/server/domain/datatracker/sync-vocabulary";
import { isDomainError } from "~/server/domain/errors";
import { openConfiguredDatabase } from "~/server/configured-database";
import { env } from "~/server/env";
import { runSync } from "~/server/services/datatracker/run-sync";
import { parseSyncArgs, SYNC_USAGE } from "./sync-datatracker-args";

async function main() {
  const parsed = parseSyncArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`${parsed.error}\n${SYNC_USAGE}`);
    process.exit(2);
  }
  const { since, base: baseArg, pageSize } = parsed.args;
  const base = baseArg ?? env().DATATRACKER_API_BASE;
  const database = await openConfiguredDatabase();
  const started = Date.now();
  try {
    await migrateDatabase(database);
    await seedDatabase(database.db, { demo: false });
    console.error(`Syncing from ${base}${since ? ` (changes since ${since})` : ""} …`);
    let shown = "";
    let lastResource: string | null = null;
    const r = await runSync(database.db, {
      base,
      trigger: "command-line",
      since,
      ...(pageSize ? { pageSize } : {}),
      onProgress: (p) => {
        if (!p.resource) return;
        const line = `  ${p.resource}: ${p.done}${p.total ? ` of ${p.total}` : ""}`;
        if (line === shown) return;
        shown = line;
        if (process.stderr.isTTY) process.stderr.write(`\r${line.padEnd(50)}`);
        else if (p.resource !== lastResource) console.error(`  ${p.resource} …`);
        lastResource = p.resource;
      },
    });
    if (process.stderr.isTTY) process.stderr.write("\n");
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`Run #${r.runId} ${r.status} in ${seconds} s.`);
    for (const resource of SYNC_RESOURCES) {
      const c = r.log.counts[resource];
      if (!c) continue;
      console.log(
        `  ${resource.padEnd(10)} ${c.fetched} read, ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.removed} removed, ${c.skipped} skipped (${c.pages} pages)`,
      );
    }
    for (const e of r.log.errors)
      console.log(`  problem (${e.resource}): ${e.message}\n    ${e.url}`);
    if (r.status !== "succeeded") process.exitCode = 1;
  } catch (err) {
    if (isDomainError(err)) {
      console.error(err.message);
      process.exitCode = 1;
    } else throw err;
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
