import { customType } from "drizzle-orm/pg-core";

/**
 * A text column that holds one value of a closed vocabulary. Reading any other
 * value is an error (the database holds something the code does not know), never
 * a silent fallback; writing is checked by the compiler.
 */
export function vocabularyText<T extends string>(what: string, values: readonly T[]) {
  const known = (value: string): value is T => (values as readonly string[]).includes(value);
  return customType<{ data: T; driverData: string }>({
    dataType: () => "text",
    fromDriver(value) {
      if (!known(value)) {
        throw new Error(`The database holds an unknown ${what}: ${JSON.stringify(value)}.`);
      }
      return value;
    },
  });
}

/**
 * A PostgreSQL `tsvector`: the stored, weighted text-search document of a row.
 * It is written by the database (a generated column), never by the application.
 */
export const tsvector = customType<{ data: string; driverData: string }>({
  dataType: () => "tsvector",
});
