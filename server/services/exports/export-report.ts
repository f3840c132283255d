import { z } from "zod";
import type { Db } from "~/db/client";
import { DomainError } from "~/server/domain/errors";
import { checkDayRange } from "~/server/domain/validation";
import { dispatchReport } from "../issues/report";
import type { CsvColumn } from "./csv";
import { ZExportFormat, type Download, tabular, safeFilename } from "./download";

export const ZExportReport = z.object({
  format: ZExportFormat,
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
});

type ReportRow = { breakdown: string; key: string; kind: string; n: number };

const COLUMNS: readonly CsvColumn<ReportRow>[] = [
  { header: "Breakdown", value: (r) => r.breakdown },
  { header: "Key", value: (r) => r.key },
  { header: "Outcome kind", value: (r) => r.kind },
  { header: "Dispatched", value: (r) => r.n },
];

/**
 * The public dispatch report as a file, for the same range the report page
 * shows; the range is checked as the page checks it, but a bad one is refused
 * (VALIDATION) rather than replaced. Confidential issues are never counted.
 */
export async function exportReport(
  db: Db,
  input: z.infer<typeof ZExportReport>,
): Promise<Download> {
  const range = checkDayRange({ from: input.from || undefined, to: input.to || undefined });
  if (!range.ok) {
    const message = range.problems.join(" ");
    throw new DomainError("VALIDATION", message, { fieldErrors: { to: [message] } });
  }
  const report = await dispatchReport(db, { from: range.from, to: range.to });
  const stem = `dispatch-report-${report.from}-to-${report.to}`;
  if (input.format === "json") {
    return {
      filename: safeFilename(stem, "json"),
      contentType: "application/json",
      body: JSON.stringify(report, null, 2),
      truncated: false,
    };
  }
  const rows: ReportRow[] = [
    { breakdown: "total", key: "all", kind: "", n: report.total },
    ...report.byDestination.map((r) => ({
      breakdown: "destination",
      key: r.destination,
      kind: r.kind,
      n: r.n,
    })),
    ...report.byCharterItem.map((r) => ({
      breakdown: "charter item",
      key: r.charterItem,
      kind: "",
      n: r.n,
    })),
  ];
  return tabular("csv", stem, COLUMNS, rows);
}
