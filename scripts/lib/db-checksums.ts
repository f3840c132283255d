/**
 * Row counts and content checksums of every table in the public schema, the same
 * on PostgreSQL and PGlite: the md5 of all rows' text (stored columns only, in
 * column order), sorted, with times in UTC. Two databases with the same rows give
 * the same figures; a missing, extra or changed row changes them.
 */
import type { RawClient } from "../../bench/app/bulk";

export interface TableSum {
  rows: number;
  md5: string;
}

export type Checksums = Record<string, TableSum>;

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Stored (not generated) columns of each public table, in column order. */
export async function storedColumns(client: RawClient): Promise<Map<string, string[]>> {
  const { rows } = await client.query(
    `select table_name, column_name from information_schema.columns
      where table_schema = 'public' and is_generated = 'NEVER'
        and table_name in (select table_name from information_schema.tables
                            where table_schema = 'public' and table_type = 'BASE TABLE')
      order by table_name, ordinal_position`,
  );
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const t = String(r.table_name);
    out.set(t, [...(out.get(t) ?? []), String(r.column_name)]);
  }
  return out;
}

export async function tableChecksums(client: RawClient): Promise<Checksums> {
  await client.query(`set timezone = 'UTC'`);
  const out: Checksums = {};
  for (const [table, cols] of await storedColumns(client)) {
    const row = `row(${cols.map(ident).join(", ")})::text`;
    const { rows } = await client.query(
      `select count(*)::int as n, coalesce(md5(string_agg(${row}, E'\\n' order by ${row})), '') as sum
         from ${ident(table)}`,
    );
    out[table] = { rows: Number(rows[0]!.n), md5: String(rows[0]!.sum) };
  }
  return out;
}

/** Tables whose figures differ, with both sides; empty when the databases agree. */
export function compareChecksums(a: Checksums, b: Checksums): string[] {
  const diffs: string[] = [];
  for (const t of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const x = a[t];
    const y = b[t];
    if (!x || !y || x.rows !== y.rows || x.md5 !== y.md5)
      diffs.push(
        `${t}: ${x ? `${x.rows} rows ${x.md5.slice(0, 8)}` : "missing"} vs ${y ? `${y.rows} rows ${y.md5.slice(0, 8)}` : "missing"}`,
      );
  }
  return diffs;
}
