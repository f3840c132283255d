import { qs } from "./search-params";

/**
 * "Download CSV / JSON" links for a list, carrying the filters the page shows,
 * so the file holds exactly the rows on screen (all pages of them, up to the
 * export cap).
 */
export function DownloadLinks({
  path,
  what,
  query = {},
}: {
  /** The export route, e.g. `/exports/issues`. */
  path: string;
  /** What is downloaded, for the links' accessible names ("the triage queue"). */
  what: string;
  query?: Record<string, string | number | undefined | null>;
}) {
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm">
      <span>Download {what}:</span>
      {(["csv", "json"] as const).map((format) => (
        <a
          key={format}
          href={`${path}${qs({ ...query, format })}`}
          download
          className="btn"
          aria-label={`Download ${what} as ${format.toUpperCase()}`}
        >
          {format.toUpperCase()}
        </a>
      ))}
    </p>
  );
}
