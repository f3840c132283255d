/**
 * Secondary indexes and foreign keys built after the bulk load, the way
 * pg_restore does: each row then costs one heap insert instead of one insert
 * per index and one lookup per reference, every index is built once, sorted,
 * and every foreign key is checked in one pass over the table. Indexes behind
 * a constraint (primary keys, unique constraints) stay, so keys are checked as
 * rows arrive.
 */
import type { RawClient } from "./bulk";

export interface DeferredIndex {
  name: string;
  table: string;
  /** The statement that builds it again. */
  definition: string;
}

/** Drops the foreign keys of `tables` and returns what adds them back. */
export async function dropForeignKeys(
  client: RawClient,
  tables: readonly string[],
): Promise<DeferredIndex[]> {
  const { rows } = await client.query(
    `select k.conname as name, t.relname as "table", pg_get_constraintdef(k.oid) as definition
       from pg_constraint k
       join pg_class t on t.oid = k.conrelid
       join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = 'public' and k.contype = 'f' and t.relname = any($1::text[])
      order by t.relname, k.conname`,
    [tables],
  );
  const keys = rows.map((r) => ({
    name: String(r.name),
    table: String(r.table),
    definition: `alter table "${String(r.table)}" add constraint "${String(r.name)}" ${String(r.definition)}`,
  }));
  for (const k of keys) await client.query(`alter table "${k.table}" drop constraint "${k.name}"`);
  return keys;
}

/** Drops the secondary indexes of `tables` and returns them, to rebuild later. */
export async function dropSecondaryIndexes(
  client: RawClient,
  tables: readonly string[],
): Promise<DeferredIndex[]> {
  const { rows } = await client.query(
    `select c.relname as name, t.relname as "table", pg_get_indexdef(i.indexrelid) as definition
       from pg_index i
       join pg_class c on c.oid = i.indexrelid
       join pg_class t on t.oid = i.indrelid
       join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = 'public'
        and t.relname = any($1::text[])
        and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
      order by t.relname, c.relname`,
    [tables],
  );
  const indexes = rows.map((r) => ({
    name: String(r.name),
    table: String(r.table),
    definition: String(r.definition),
  }));
  for (const ix of indexes) await client.query(`drop index "${ix.name}"`);
  return indexes;
}

/**
 * Builds the indexes (or foreign keys) again, `parallel` at a time (each on its own connection
 * of the pool), largest tables first so the long builds overlap.
 */
export async function rebuildIndexes(
  client: RawClient,
  indexes: readonly DeferredIndex[],
  parallel: number,
  log: (msg: string) => void,
): Promise<void> {
  const queue = [...indexes];
  const worker = async () => {
    for (let ix = queue.shift(); ix; ix = queue.shift()) {
      const t0 = performance.now();
      await client.query(ix.definition);
      const s = (performance.now() - t0) / 1000;
      if (s >= 1) log(`    ${ix.name} in ${s.toFixed(1)} s`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker));
}
