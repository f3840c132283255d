import type { Readiness } from "~/server/domain/dispatch/readiness";

/** The six DISPATCH readiness requirements, with what is still missing. */
export function ReadinessChecklist({
  readiness,
  headingId,
}: {
  readiness: Readiness;
  headingId: string;
}) {
  return (
    <section aria-labelledby={headingId} className="space-y-2">
      <h3 id={headingId} className="text-sm font-semibold">
        Dispatch readiness: {readiness.score} of {readiness.total}
      </h3>
      <meter
        className="h-2 w-full"
        min={0}
        max={readiness.total}
        value={readiness.score}
        aria-label={`Readiness ${readiness.score} of ${readiness.total}`}
      />
      <ul className="space-y-1 text-sm">
        {readiness.items.map((i) => (
          <li key={i.id} className="flex gap-2">
            <span aria-hidden="true" className={i.met ? "text-green-700" : "text-slate-500"}>
              {i.met ? "✓" : "○"}
            </span>
            <span>
              <span className={i.met ? "" : "font-medium"}>{i.label}</span>
              <span className="sr-only">{i.met ? " (met)" : " (missing)"}</span>
              {!i.met && i.hint && <span className="block text-xs text-slate-600">{i.hint}</span>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
