import Link from "next/link";
import type { ComponentProps } from "react";
import { ReadinessChecklist } from "../../_components/readiness-checklist";
import { Suggestions } from "../../_components/suggestions";

type SuggestionsProps = ComponentProps<typeof Suggestions>;

/** Existing issues whose titles look like the one being typed. */
export function PossibleDuplicates(props: {
  duplicates: readonly { id: number; title: string; similarity: number }[];
}) {
  const { duplicates } = props;
  if (duplicates.length === 0) return null;
  return (
    <div role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
      <p className="font-medium">Possible duplicates</p>
      <p className="text-slate-700">
        These existing issues look similar. If yours is the same problem, comment on that issue
        instead of filing a new one.
      </p>
      <ul className="mt-1 list-disc pl-5">
        {duplicates.map((d) => (
          <li key={d.id}>
            <Link href={`/issues/${d.id}`}>
              #{d.id} {d.title}
            </Link>{" "}
            <span className="text-slate-600">({Math.round(d.similarity * 100)}% similar)</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The form's side panel: where the issue might go, and how ready it is. */
export function IssueGuidance(props: {
  /** Enough title and text typed to ask for suggestions. */
  hasText: boolean;
  suggest: {
    isPending: boolean;
    isError: boolean;
    isFetching: boolean;
    data?: Pick<SuggestionsProps, "charterItem" | "candidates"> | null;
  };
  readiness: ComponentProps<typeof ReadinessChecklist>["readiness"];
}) {
  const { hasText, suggest, readiness } = props;
  return (
    <aside aria-label="Guidance" className="space-y-6">
      <section aria-labelledby="suggest-title" className="card space-y-2">
        <h2 id="suggest-title">Where it might go</h2>
        {!hasText && (
          <p className="text-sm text-slate-600">
            Start typing a title and problem statement to see suggestions.
          </p>
        )}
        {hasText && suggest.isPending && (
          <p role="status" className="text-sm text-slate-600">
            Analysing…
          </p>
        )}
        {suggest.isError && (
          <p role="alert" className="text-sm text-red-700">
            Suggestions are unavailable right now; you can still submit.
          </p>
        )}
        {hasText && suggest.data && (
          <div aria-busy={suggest.isFetching}>
            <Suggestions
              charterItem={suggest.data.charterItem}
              candidates={suggest.data.candidates}
              limit={3}
            />
          </div>
        )}
      </section>
      <div className="card">
        <ReadinessChecklist readiness={readiness} headingId="readiness-title" />
      </div>
    </aside>
  );
}
