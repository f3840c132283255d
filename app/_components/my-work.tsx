import Link from "next/link";
import { formatCappedCount } from "~/server/domain/search/query";
import type { InboxRole, InboxSection } from "~/server/services/inbox/my-work";
import { ageInDays } from "./labels";

const ROLE_TITLES: Record<InboxRole, string> = {
  contributor: "As a contributor",
  "iotops-chair": "As an IOTOPS chair",
  ad: "As an area director",
  "receiving-chair": "As the chair of a receiving group",
  secretariat: "As the secretariat",
};

const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

function Section({ s }: { s: InboxSection }) {
  const headingId = `work-${s.key}`;
  const oldest = s.items.reduce<Date | null>(
    (o, i) => (i.since && (!o || i.since < o) ? i.since : o),
    null,
  );
  return (
    <section aria-labelledby={headingId} className="card space-y-2">
      <h3 id={headingId} className="flex flex-wrap items-baseline gap-2">
        {s.href ? <Link href={s.href}>{s.title}</Link> : s.title}
        <span className="badge" aria-label={`${formatCappedCount(s.count)} waiting`}>
          {formatCappedCount(s.count)}
        </span>
      </h3>
      {s.note ? (
        <p className="text-sm text-slate-700">{s.note}</p>
      ) : s.count === 0 ? (
        <p className="text-sm text-slate-600">Nothing waits here.</p>
      ) : (
        <>
          {oldest && (
            <p className="text-sm text-slate-700">
              The oldest has waited {days(ageInDays(oldest))}.
            </p>
          )}
          <ul className="space-y-1">
            {s.items.map((i) => (
              <li key={i.key} className="flex flex-wrap gap-x-2">
                <Link href={i.href}>{i.label}</Link>
                {i.since && (
                  <span className="text-sm text-slate-600">waiting {days(ageInDays(i.since))}</span>
                )}
              </li>
            ))}
          </ul>
          {s.href && s.count > s.items.length && (
            <p className="text-sm">
              <Link href={s.href}>
                All {formatCappedCount(s.count)}: {s.title.toLowerCase()}
              </Link>
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** What waits for the signed-in person, grouped by the roles they hold. */
export function MyWork({
  name,
  sections,
  total,
}: {
  name: string;
  sections: InboxSection[];
  total: number;
}) {
  const roles = [...new Set(sections.map((s) => s.role))];
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1>My work</h1>
        <p className="text-slate-700" role="status">
          {total === 0
            ? `Nothing waits for you, ${name}.`
            : `${formatCappedCount(total)} item${total === 1 ? "" : "s"} wait${total === 1 ? "s" : ""} for you, ${name}.`}
        </p>
        <p className="flex flex-wrap gap-3">
          <Link href="/issues/new" className="btn btn-primary">
            File an issue
          </Link>
          <Link href="/issues" className="btn">
            Browse issues
          </Link>
        </p>
      </div>
      {roles.map((r) => (
        <section key={r} aria-labelledby={`role-${r}`} className="space-y-3">
          <h2 id={`role-${r}`}>{ROLE_TITLES[r]}</h2>
          <div className="grid gap-3 lg:grid-cols-2">
            {sections
              .filter((s) => s.role === r)
              .map((s) => (
                <Section key={s.key} s={s} />
              ))}
          </div>
        </section>
      ))}
    </div>
  );
}
