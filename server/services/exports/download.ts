import { z } from "zod";
import { csvHeader, csvRecords, toCsv, type CsvColumn } from "./csv";

export const EXPORT_FORMATS = ["csv", "json"] as const;
/** `csv` or `json`, from a query string (so any text comes in and is checked here). */
export const ZExportFormat = z
  .string()
  .pipe(z.enum(EXPORT_FORMATS, { error: "Ask for format=csv or format=json." }));
export type ExportFormat = z.infer<typeof ZExportFormat>;

/** The most rows one export returns; a longer list is cut there and marked truncated. */
export const EXPORT_ROW_CAP = 5000;

/** A file for a route handler to send as an attachment. */
export interface Download {
  filename: string;
  contentType: string;
  /**
   * The whole file, or its parts in order, written as they are read: a long list
   * is sent while it is read, so a server holds one batch of rows per download
   * instead of the whole file (tRPC refuses such a result over HTTP with a 415,
   * which is right: downloads are served by the routes under `app/exports`).
   */
  body: string | AsyncIterable<string>;
  /** True when the list was longer than `EXPORT_ROW_CAP` and was cut. */
  truncated: boolean;
}

/** A file name of safe characters only (it goes into a Content-Disposition header). */
export function safeFilename(stem: string, ext: string): string {
  const clean = stem
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 100);
  return `${clean || "export"}.${ext}`;
}

/** The same rows as CSV (columns as given) or JSON (`{ items, count, truncated, ... }`). */
export function tabular<T>(
  format: ExportFormat,
  stem: string,
  columns: readonly CsvColumn<T>[],
  rows: readonly T[],
  options: { truncated?: boolean; meta?: Record<string, unknown>; json?: (row: T) => unknown } = {},
): Download {
  const truncated = options.truncated ?? false;
  if (format === "csv") {
    return {
      filename: safeFilename(stem, "csv"),
      contentType: "text/csv",
      body: toCsv(columns, rows),
      truncated,
    };
  }
  const items = rows.map(options.json ?? ((r) => r));
  return {
    filename: safeFilename(stem, "json"),
    contentType: "application/json",
    body: JSON.stringify(
      { ...options.meta, count: items.length, truncated, rowCap: EXPORT_ROW_CAP, items },
      null,
      2,
    ),
    truncated,
  };
}

/**
 * The same file as `tabular`, written batch by batch as `batches` yields rows:
 * CSV's header row first, or JSON with `count` last (rows may still be left out
 * while the file is written, e.g. an issue made confidential meanwhile).
 */
export function streamedTabular<T>(
  format: ExportFormat,
  stem: string,
  columns: readonly CsvColumn<T>[],
  batches: AsyncIterable<readonly T[]>,
  options: { truncated: boolean; meta?: Record<string, unknown>; json: (row: T) => unknown },
): Download {
  const { truncated } = options;
  if (format === "csv") {
    return {
      filename: safeFilename(stem, "csv"),
      contentType: "text/csv",
      body: (async function* () {
        yield csvHeader(columns);
        for await (const rows of batches) yield csvRecords(columns, rows);
      })(),
      truncated,
    };
  }
  const head = { ...options.meta, truncated, rowCap: EXPORT_ROW_CAP };
  return {
    filename: safeFilename(stem, "json"),
    contentType: "application/json",
    body: (async function* () {
      yield `${JSON.stringify(head, null, 2).slice(0, -2)},\n  "items": [`;
      let count = 0;
      for await (const rows of batches) {
        if (rows.length === 0) continue;
        const items = rows.map((row) => `\n    ${JSON.stringify(options.json(row))}`);
        yield (count === 0 ? "" : ",") + items.join(",");
        count += rows.length;
      }
      yield `${count === 0 ? "" : "\n  "}],\n  "count": ${count}\n}\n`;
    })(),
    truncated,
  };
}
