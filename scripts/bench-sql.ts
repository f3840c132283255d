/**
 * The read scenarios' SQL on an existing benchmark database, for checking a
 * fix (an index, a rewritten query) before and after:
 *
 *   npm run --silent bench -- --seed-only --keep          # prints where it kept the data
 *   npx tsx scripts/bench-sql.ts --url postgres://postgres@127.0.0.1:5432/iotops_bench_xxxx [--explain]
 *   npx tsx scripts/bench-sql.ts --data-dir /tmp/iotops-bench-xxxx [--explain]
 *
 * Captures the statements the services send for each read scenario and replays
 * them through the driver (p50 of 200 runs), as the benchmark does; with
 * --explain, also prints EXPLAIN (ANALYZE, BUFFERS) of each statement.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase, rawClient } from "~/db/client";
import type { RawClient } from "../bench/app/bulk";
import { explainScenarios, timeScenarioSql } from "../bench/app/sql";

async function main() {
  const { values } = parseArgs({
    options: {
      url: { type: "string" },
      "data-dir": { type: "string" },
      explain: { type: "boolean", default: false },
      iterations: { type: "string", default: "200" },
    },
  });
  if (!values.url && !values["data-dir"]) throw new Error("Give --url or --data-dir.");
  const database = await openDatabase(
    values.url
      ? { url: values.url, poolSize: 2 }
      : { dataDir: path.join(path.resolve(values["data-dir"]!), "pglite") },
  );
  try {
    const client: RawClient = rawClient(database.db);
    const chair = await client.query(
      `select person_id from role_grants where role = 'chair' and group_acronym = 'iotops' order by person_id limit 1`,
    );
    const ids = await client.query(
      `select id from issues where not confidential order by random() limit 200`,
    );
    const docs = await client.query(`select name from documents order by random() limit 200`);
    const samples = {
      chairId: Number(chair.rows[0]?.person_id),
      issueIds: ids.rows.map((r) => Number(r.id)),
      documentNames: docs.rows.map((r) => String(r.name)),
    };
    if (values.explain) await explainScenarios(database.db, samples, (t) => console.log(t));
    const p50 = await timeScenarioSql(database.db, samples, {
      iterations: Number(values.iterations),
      log: (m) => console.log(m),
    });
    console.log(JSON.stringify(p50));
  } finally {
    await database.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
