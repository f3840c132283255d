import { showBidiControls } from "~/server/domain/validation/text";
import Link from "next/link";
import { ageInDays, charterItemLabel, formatDate } from "./labels";
import { StateBadge } from "./state-badge";

export interface IssueListItem {
  id: number;
  title: string;
  state: string;
  charterItem: string | null;
  suggestedGroup: string | null;
  readiness: number;
  confidential: boolean;
  createdAt: Date;
  submitterName: string;
  responsibleChairName: string | null;
}

export type IssueSort = "newest" | "oldest" | "readiness";

/** A column header that shows (aria-sort) and switches the table's sort. */
function SortHeader(props: {
  label: string;
  direction: "ascending" | "descending" | undefined;
  href?: string;
}) {
  const arrow = props.direction === "ascending" ? "▲" : props.direction === "descending" ? "▼" : "";
  return (
    <th scope="col" aria-sort={props.direction ?? "none"}>
      {props.href ? <Link href={props.href}>{props.label}</Link> : props.label}
      {arrow && <span aria-hidden="true"> {arrow}</span>}
    </th>
  );
}

/**
 * The shared issue table; `select` renders a checkbox column for bulk actions,
 * `sort` marks the sorted column and lets its headers switch the sort.
 */
export function IssueTable({
  items,
  caption,
  select,
  extra,
  sort,
}: {
  items: IssueListItem[];
  caption: string;
  select?: (item: IssueListItem) => React.ReactNode;
  extra?: { header: string; cell: (item: IssueListItem) => React.ReactNode };
  sort?: { by: IssueSort; href?: (by: IssueSort) => string };
}) {
  const filedDirection =
    sort?.by === "newest" ? "descending" : sort?.by === "oldest" ? "ascending" : undefined;
  return (
    <div className="overflow-x-auto">
      <table className="table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {select && (
              <th scope="col">
                <span className="sr-only">Select</span>
              </th>
            )}
            <th scope="col">#</th>
            <th scope="col">Title</th>
            <th scope="col">State</th>
            <th scope="col">Charter item</th>
            <th scope="col">Suggested group</th>
            <th scope="col">Responsible chair</th>
            <SortHeader
              label="Readiness"
              direction={sort?.by === "readiness" ? "descending" : undefined}
              href={sort?.href?.("readiness")}
            />
            <SortHeader
              label="Filed"
              direction={filedDirection}
              href={sort?.href?.(sort.by === "newest" ? "oldest" : "newest")}
            />
            {extra && <th scope="col">{extra.header}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id}>
              {select && <td>{select(i)}</td>}
              <td className="tabular-nums">{i.id}</td>
              <td>
                <Link href={`/issues/${i.id}`}>{showBidiControls(i.title)}</Link>
                {i.confidential && (
                  <span className="badge ml-2 border-red-300 bg-red-50 text-red-800">
                    Confidential
                  </span>
                )}
                <div className="text-xs text-slate-600">by {i.submitterName}</div>
              </td>
              <td>
                <StateBadge state={i.state} />
              </td>
              <td>{charterItemLabel(i.charterItem)}</td>
              <td>{i.suggestedGroup ? i.suggestedGroup.toUpperCase() : "—"}</td>
              <td>{i.responsibleChairName ?? "—"}</td>
              <td className="tabular-nums">{i.readiness}/6</td>
              <td>
                <time dateTime={i.createdAt.toISOString()}>{formatDate(i.createdAt)}</time>
                <div className="text-xs text-slate-600">{ageInDays(i.createdAt)} days ago</div>
              </td>
              {extra && <td>{extra.cell(i)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
