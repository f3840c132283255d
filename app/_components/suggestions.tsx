import Link from "next/link";
import { OUTCOME_LABELS } from "~/server/domain/dispatch/outcomes";
import {
  recommendationKindOf,
  type Candidate,
  type CharterItemResult,
} from "~/server/domain/routing";
import { charterItemLabel } from "./labels";

/** A suggestion's name: the group, the venue to bring it to, or the outcome's label. */
export function candidateName(c: Pick<Candidate, "wg" | "kind">): string {
  if (c.kind === "venue") return `Bring it to ${c.wg.toUpperCase()} first`;
  if (c.kind !== "outcome") return c.wg.toUpperCase();
  const kind = recommendationKindOf(c);
  return kind ? OUTCOME_LABELS[kind] : c.wg;
}

/** The routing engine's suggestions with their reasons. */
export function Suggestions({
  charterItem,
  candidates,
  limit = 3,
  headingLevel = 3,
}: {
  charterItem: CharterItemResult | null;
  candidates: readonly Candidate[];
  limit?: number;
  headingLevel?: 2 | 3;
}) {
  const H = headingLevel === 2 ? "h2" : "h3";
  const top = candidates.slice(0, limit);
  return (
    <div className="space-y-3">
      {charterItem && (
        <p className="text-sm">
          <span className="font-medium">Suggested charter item:</span>{" "}
          {charterItemLabel(charterItem.id)}{" "}
          <span className="text-slate-600">
            ({Math.round(charterItem.score * 100)}% confidence)
          </span>
        </p>
      )}
      <H className="text-sm font-semibold">Candidate venues</H>
      <ol className="space-y-2" aria-label="Candidate venues">
        {top.map((c) => (
          <li key={c.wg} className="rounded border border-slate-200 bg-white p-2">
            <div className="flex items-baseline justify-between gap-2">
              <span className="font-semibold">
                {c.kind === "outcome" ? (
                  candidateName(c)
                ) : (
                  <Link href={`/groups/${c.wg}`}>{candidateName(c)}</Link>
                )}
              </span>
              <span className="text-xs text-slate-600">
                {Math.round(c.score * 100)}% confidence
              </span>
            </div>
            <div className="mt-1 h-1.5 rounded bg-slate-200" role="presentation">
              <div
                className="h-1.5 rounded bg-brand-600"
                style={{ width: `${Math.round(c.score * 100)}%` }}
              />
            </div>
            {c.summary && <p className="mt-1 text-sm text-slate-900">{c.summary}</p>}
            {c.reasons.length > 0 && (
              <ul className="mt-1 list-disc pl-5 text-xs text-slate-700">
                {c.reasons
                  .filter((r) => r !== c.summary)
                  .slice(0, 3)
                  .map((r) => (
                    <li key={r}>{r}</li>
                  ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
