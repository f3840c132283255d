import Link from "next/link";
import type { ListedView } from "~/server/services/views/list-views";
import { formatCappedCount } from "~/server/domain/search/query";

/**
 * Saved views beside a page's state tabs: each a link with its live count. A
 * view whose filters no longer pass says why instead of failing.
 */
export function ViewTabs({
  views,
  hrefOf,
  current,
}: {
  views: readonly ListedView[];
  hrefOf: (view: ListedView & { check: { ok: true } }) => string;
  current?: number;
}) {
  if (views.length === 0) return null;
  return (
    <nav aria-label="Saved views">
      <ul className="flex flex-wrap gap-2 text-sm">
        {views.map((v) => (
          <li key={v.id}>
            {v.check.ok ? (
              <Link
                href={hrefOf({ ...v, check: v.check })}
                className="btn"
                aria-current={current === v.id ? "page" : undefined}
                title={
                  v.mine
                    ? undefined
                    : `Shared by ${v.ownerName} with ${v.sharedWith?.toUpperCase()}`
                }
              >
                {v.name}
                {!v.mine && <span className="sr-only"> (shared by {v.ownerName})</span>}{" "}
                <span className="badge">{formatCappedCount(v.check.count)}</span>
              </Link>
            ) : (
              <span className="btn cursor-default border-amber-300 bg-amber-50 text-amber-900">
                {v.name}: no longer valid. {v.check.problem}
              </span>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
