import type { SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "./client";

const ZResult = z.object({ rows: z.array(z.unknown()) });

/** A row of one count, `select count(*) as n` (drivers answer bigint as text). */
export const ZCountRow = z.object({ n: z.coerce.number() });

/**
 * Runs one raw SQL query and returns its rows, each parsed with `row`. Both
 * drivers answer `{ rows }`, but the common database type leaves the result
 * untyped, so the rows are checked rather than asserted.
 */
export async function queryRows<S extends z.ZodType>(
  db: Queryable,
  query: SQL,
  row: S,
): Promise<z.output<S>[]> {
  const result = ZResult.parse(await db.execute(query));
  return result.rows.map((r) => row.parse(r));
}
