/**
 * npm run import:datatracker -- FILE_OR_URL
 *
 * Imports Internet-Drafts and RFCs from a Datatracker API export
 * ({"meta":…,"objects":[…]}, as served at /api/v1/doc/document/) or from JSON
 * Lines of {id, title, abstract, wg}, into the configured database. All or
 * nothing; running it again with the same file changes nothing.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import cliProgress from "cli-progress";
import { migrateDatabase } from "~/db/client";
import { seedDatabase } from "~/db/seed";
import { isDomainError } from "~/server/domain/errors";
import { openConfiguredDatabase } from "~/server/configured-database";
import { importDocuments } from "~/server/services/documents/import-documents";

async function readSource(source: string): Promise<string> {
  if (/^https?:\/\//i.test(source)) {
    const res = await fetch(source, { headers: { accept: "application/json" } });
    if (!res.ok) throw new Error(`Could not fetch ${source}: HTTP ${res.status} ${res.statusText}`);
    return res.text();
  }
  return readFile(path.resolve(source), "utf8");
}

async function main() {
  const source = process.argv.slice(2).find((a) => !a.startsWith("-"));
  if (!source) {
    console.error("Usage: npm run import:datatracker -- FILE_OR_URL");
    process.exit(2);
  }
  const text = await readSource(source);
  const database = await openConfiguredDatabase();
  const bar = new cliProgress.SingleBar(
    {
      format: "Importing [{bar}] {value}/{total} documents",
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  try {
    await migrateDatabase(database);
    await seedDatabase(database.db, { demo: false });
    const report = await importDocuments(database.db, "command-line", text, {
      onProgress: (done, total) => {
        if (!started && process.stderr.isTTY && total >= 50) {
          bar.start(total, 0);
          started = true;
        }
        if (started) bar.update(done);
      },
    });
    if (started) bar.stop();
    console.log(
      `Imported ${source} (${report.format}): ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped.length} skipped.`,
    );
    for (const s of report.skipped) console.log(`  skipped: ${s.reason}`);
    for (const w of report.warnings) console.log(`  warning: ${w}`);
  } catch (err) {
    if (started) bar.stop();
    if (isDomainError(err)) {
      console.error(`Nothing was imported: ${err.message}`);
      const errors = (err.details?.errors as string[] | undefined) ?? [];
      for (const m of errors) console.error(`  ${m}`);
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
