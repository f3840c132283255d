import { stringify } from "csv-stringify/sync";

/**
 * Characters that make a spreadsheet read a cell as a formula (or, for tab and
 * carriage return, that some spreadsheets strip before looking for one).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell that cannot run as a formula when the file is opened in a spreadsheet
 * (CSV injection): text starting with `=`, `+`, `-`, `@`, tab or carriage
 * return gets a leading apostrophe, which spreadsheets show as text. Numbers,
 * booleans and empty cells are left alone.
 */
export function neutraliseCell(value: unknown): string | number | boolean {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean") return value;
  const text = value instanceof Date ? value.toISOString() : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => unknown;
}

const CSV_OPTIONS = {
  record_delimiter: "windows",
  // With CRLF record ends the package quotes only fields holding CRLF; a field with
  // a bare line feed or carriage return must be quoted too, or it splits the row.
  quoted_match: /[\r\n]/,
  cast: { boolean: (b: boolean) => (b ? "true" : "false") },
} as const;

/** The header row alone, as `toCsv` writes it. */
export function csvHeader<T>(columns: readonly CsvColumn<T>[]): string {
  return stringify([columns.map((c) => neutraliseCell(c.header))], CSV_OPTIONS);
}

/** Records without the header row, as `toCsv` writes them: a streamed file's next part. */
export function csvRecords<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  if (rows.length === 0) return "";
  return stringify(
    rows.map((r) => columns.map((c) => neutraliseCell(c.value(r)))),
    CSV_OPTIONS,
  );
}

/**
 * CSV with a header row, RFC 4180 quoting (fields with commas, quotes or line
 * breaks are quoted, quotes doubled), CRLF line ends, and every cell neutralised.
 */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  return csvHeader(columns) + csvRecords(columns, rows);
}
