/** Shared bits of the database command-line tools. */
import path from "node:path";
import type { Manifest } from "./backup";

export function configured(): { url?: string; pgliteDir: string } {
  return {
    url: process.env.DATABASE_URL || undefined,
    pgliteDir: path.resolve(process.env.DATA_DIR || ".data", "pglite"),
  };
}

export function summary(m: Manifest): string {
  const rows = Object.values(m.tables).reduce((s, t) => s + t.rows, 0);
  const events = m.tables.events?.rows ?? 0;
  return `${Object.keys(m.tables).length} tables, ${rows.toLocaleString("en")} rows (${events.toLocaleString("en")} events), ${m.migrations} migrations`;
}

export function fail(e: unknown): never {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
