import type { Metadata } from "next";
import { charterItemLabel } from "../_components/labels";
import { checkDayRange } from "~/server/domain/validation";
import { param } from "../_components/search-params";
import { api } from "../_trpc/server";
import { OUTCOME_KINDS, OUTCOME_LABELS } from "~/server/domain/dispatch/outcomes";
import { DownloadLinks } from "../_components/download-links";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dispatch report" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function destinationLabel(destination: string, kind: string): string {
  if (kind === "existing-wg") return destination.toUpperCase();
  if (kind === "irtf") return `IRTF ${destination.replace(/^irtf:/, "").toUpperCase()}`;
  const known = OUTCOME_KINDS.find((k) => k === kind);
  return known ? OUTCOME_LABELS[known] : destination;
}

function Bars({ rows, label }: { rows: { label: string; n: number }[]; label: string }) {
  const max = Math.max(1, ...rows.map((r) => r.n));
  return (
    <figure className="space-y-1" aria-label={label}>
      {rows.map((r) => (
        <div key={r.label} className="grid grid-cols-[10rem_1fr_2.5rem] items-center gap-2 text-sm">
          <span className="truncate">{r.label}</span>
          <span className="h-3 rounded bg-slate-200" aria-hidden="true">
            <span
              className="block h-3 rounded bg-brand-600"
              style={{ width: `${(r.n / max) * 100}%` }}
            />
          </span>
          <span className="tabular-nums">{r.n}</span>
        </div>
      ))}
    </figure>
  );
}

function CountTable({
  rows,
  caption,
  header,
}: {
  rows: { label: string; n: number }[];
  caption: string;
  header: string;
}) {
  return (
    <table className="table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{header}</th>
          <th scope="col">Issues</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <td>{r.label}</td>
            <td className="tabular-nums">{r.n}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default async function ReportPage({ searchParams }: Props) {
  const sp = await searchParams;
  const range = checkDayRange({ from: param(sp, "from"), to: param(sp, "to") });
  const error = range.ok ? null : range.problems.join(" ");
  const report = await (
    await api()
  ).issue.report(range.ok ? { from: range.from, to: range.to } : {});
  const dest = report.byDestination.map((r) => ({
    label: destinationLabel(r.destination, r.kind),
    n: r.n,
  }));
  const items = report.byCharterItem.map((r) => ({
    label: r.charterItem === "unassigned" ? "Not set" : charterItemLabel(r.charterItem),
    n: r.n,
  }));
  return (
    <div className="space-y-6">
      <h1>Dispatch outcomes</h1>
      <form method="get" className="card flex flex-wrap items-end gap-3" aria-label="Date range">
        <div>
          <label htmlFor="from" className="label">
            From
          </label>
          <input id="from" name="from" type="date" defaultValue={report.from} className="input" />
        </div>
        <div>
          <label htmlFor="to" className="label">
            To
          </label>
          <input id="to" name="to" type="date" defaultValue={report.to} className="input" />
        </div>
        <button type="submit" className="btn btn-primary">
          Show
        </button>
        {error && (
          <p role="alert" className="text-sm text-red-800">
            {error} Showing the last twelve months instead.
          </p>
        )}
      </form>
      <p className="text-slate-700">
        {report.total} issue{report.total === 1 ? "" : "s"} dispatched between {report.from} and{" "}
        {report.to}.
        {report.total > 0 && (
          <>
            {" "}
            Time from submission to dispatch: median {report.medianDays} days, 90th percentile{" "}
            {report.p90Days} days.
          </>
        )}{" "}
        Confidential issues are not counted.
      </p>
      <DownloadLinks
        path="/exports/report"
        what="this report"
        query={{ from: report.from, to: report.to }}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="dest-title" className="card space-y-3">
          <h2 id="dest-title">By destination</h2>
          {dest.length === 0 ? (
            <p className="text-sm text-slate-600">No dispatches in this range.</p>
          ) : (
            <Bars rows={dest} label="Dispatches by destination" />
          )}
          <CountTable rows={dest} caption="Dispatches by destination" header="Destination" />
        </section>
        <section aria-labelledby="item-title" className="card space-y-3">
          <h2 id="item-title">By charter item</h2>
          {items.length === 0 ? (
            <p className="text-sm text-slate-600">No dispatches in this range.</p>
          ) : (
            <Bars rows={items} label="Dispatches by charter item" />
          )}
          <CountTable rows={items} caption="Dispatches by charter item" header="Charter item" />
        </section>
      </div>
    </div>
  );
}
