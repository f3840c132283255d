/**
 * Move an embedded (PGlite) installation to an empty PostgreSQL database in one
 * step: migrate the target to the same schema, copy every table's rows in one
 * transaction (triggers off, so the append-only events table and the change
 * counters take the rows as they are), move the sequences past the copied ids,
 * and compare every table's row count and checksum on both sides.
 */
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { migrateDatabase, MIGRATIONS_FOLDER, openDatabase } from "~/db/client";
import { assertEmptyPostgres, dumpPglite, folderHolder, withLoadedDump } from "./backup";
import { compareChecksums, storedColumns, tableChecksums, type Checksums } from "./db-checksums";

const BATCH = 1000;
const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

export interface MigrationResult {
  source: Checksums;
  target: Checksums;
  diffs: string[];
}

export async function migrateToPostgres(pgliteDir: string, url: string): Promise<MigrationResult> {
  const holder = folderHolder(pgliteDir);
  if (holder !== null)
    throw new Error(
      `The embedded database is in use by process ${holder} (probably the app server). Stop it first: writes made after the copy would not be moved.`,
    );
  await assertEmptyPostgres(url);
  const target = await openDatabase({ url, poolSize: 1 });
  try {
    await migrateDatabase(target);
  } finally {
    await target.close();
  }
  const dump = await dumpPglite(pgliteDir);
  return withLoadedDump(dump, async (source) => {
    // Bring the copy to the same schema as the target first.
    await migrate(drizzle(source), { migrationsFolder: MIGRATIONS_FOLDER });
    const tables = await storedColumns(source);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query("begin");
      await c.query("set local session_replication_role = replica");
      await c.query(`truncate ${[...tables.keys()].map(ident).join(", ")}`);
      for (const [table, cols] of tables) {
        const list = cols.map(ident).join(", ");
        for (let offset = 0; ; offset += BATCH) {
          const { rows } = await source.query<{ batch: string | null }>(
            `select json_agg(t)::text as batch from (select ${list} from ${ident(table)}
               order by ctid limit ${BATCH} offset ${offset}) t`,
          );
          const batch = rows[0]?.batch;
          if (!batch) break;
          await c.query(
            `insert into ${ident(table)} (${list}) overriding system value
               select ${list} from json_populate_recordset(null::${ident(table)}, $1::json)`,
            [batch],
          );
        }
        for (const col of cols) {
          const { rows } = await c.query<{ seq: string | null }>(
            "select pg_get_serial_sequence($1, $2) as seq",
            [ident(table), col],
          );
          const seq = rows[0]?.seq;
          if (seq)
            await c.query(
              `select setval($1, coalesce((select max(${ident(col)}) from ${ident(table)}), 0) + 1, false)`,
              [seq],
            );
        }
      }
      await c.query("commit");
      const sourceSums = await tableChecksums(source);
      const targetSums = await tableChecksums(c);
      return {
        source: sourceSums,
        target: targetSums,
        diffs: compareChecksums(sourceSums, targetSums),
      };
    } catch (e) {
      await c.query("rollback").catch(() => {});
      throw e;
    } finally {
      await c.end();
    }
  });
}
