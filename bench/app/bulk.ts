/**
 * Bulk inserts through `INSERT ... SELECT FROM unnest($1::t[], $2::t[], ...)`:
 * one parameter per column whatever the batch size, so a batch of thousands of
 * rows is one round trip. Works the same on `pg` and on PGlite.
 */

/** The raw query interface shared by `pg.Pool` / `pg.Client` and `PGlite`. */
export interface RawClient {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

export type ColumnType =
  | "int"
  | "bigint"
  | "text"
  | "bool"
  | "real"
  | "date"
  | "timestamptz"
  /** Sent as JSON text, cast to jsonb. */
  | "jsonb"
  /** Sent as a JSON array of strings, stored as text[]. */
  | "textarray";

export interface Column {
  name: string;
  type: ColumnType;
}

function arrayType(t: ColumnType): string {
  if (t === "jsonb" || t === "textarray") return "text[]";
  return `${t}[]`;
}

function selectExpr(c: Column): string {
  if (c.type === "jsonb") return `u.${c.name}::jsonb`;
  if (c.type === "textarray")
    return `coalesce(array(select jsonb_array_elements_text(u.${c.name}::jsonb)), '{}'::text[])`;
  return `u.${c.name}`;
}

export function unnestInsertSql(table: string, columns: readonly Column[]): string {
  const names = columns.map((c) => c.name).join(", ");
  const params = columns.map((c, i) => `$${i + 1}::${arrayType(c.type)}`).join(", ");
  return `insert into ${table} (${names}) select ${columns.map(selectExpr).join(", ")} from unnest(${params}) as u(${names})`;
}

const serialised = new WeakMap<object, string>();
function json(v: unknown): string {
  if (typeof v !== "object" || v === null) return JSON.stringify(v);
  let s = serialised.get(v);
  if (s === undefined) serialised.set(v, (s = JSON.stringify(v)));
  return s;
}

/**
 * Collects rows column by column. `take()` hands the collected batch over as a
 * thunk that inserts it, so the caller decides the order of the round trips
 * (foreign keys) and can generate the next batch while this one is written.
 */
export class BulkTable {
  private readonly sql: string;
  private cols: unknown[][];
  private size = 0;
  rowsWritten = 0;

  constructor(
    private readonly client: RawClient,
    readonly table: string,
    private readonly columns: readonly Column[],
  ) {
    this.sql = unnestInsertSql(table, columns);
    this.cols = columns.map(() => []);
  }

  get pending(): number {
    return this.size;
  }

  /**
   * Values in column order. Dates are sent as ISO strings, objects as JSON (an
   * object shared by many rows, like a routing suggestion, is serialised once).
   */
  push(values: readonly unknown[]): void {
    for (let i = 0; i < this.columns.length; i++) {
      const v = values[i];
      const t = this.columns[i]!.type;
      this.cols[i]!.push(
        v === null || v === undefined
          ? null
          : v instanceof Date
            ? v.toISOString()
            : t === "jsonb" || t === "textarray"
              ? json(v)
              : v,
      );
    }
    this.size++;
  }

  /** The rows collected so far, as a thunk that inserts them. */
  take(): () => Promise<void> {
    const cols = this.cols;
    const n = this.size;
    this.cols = this.columns.map(() => []);
    this.size = 0;
    return async () => {
      if (n === 0) return;
      await this.client.query(this.sql, cols);
      this.rowsWritten += n;
    };
  }
}
