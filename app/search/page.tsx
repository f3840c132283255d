import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { z } from "zod";
import { ISSUE_STATE_LABELS } from "~/server/domain/dispatch/states";
import { formatCount } from "~/server/domain/search/query";
import { zText } from "~/server/domain/validation";
import { ParamProblems } from "../_components/param-problems";
import { checkParams, qs } from "../_components/search-params";
import { api } from "../_trpc/server";
import { FocusHeading } from "./focus-heading";
import { Snippet } from "./snippet";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Search" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const plural = (h: { total: number; atLeast: boolean }, one: string, many: string) =>
  `${formatCount(h.total, h.atLeast)} ${h.total === 1 && !h.atLeast ? one : many}`;

function SearchForm({ q }: { q?: string }) {
  return (
    <form
      role="search"
      aria-label="Search everything"
      method="get"
      action="/search"
      className="card flex flex-wrap items-end gap-3"
    >
      <div className="min-w-64 flex-1">
        <label htmlFor="search-q" className="label">
          Search issues, documents and groups
        </label>
        <input
          id="search-q"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={200}
          className="input"
          placeholder="e.g. BRSKI voucher, RFC 8995, #42, anima"
        />
      </div>
      <button type="submit" className="btn btn-primary">
        Search
      </button>
    </form>
  );
}

export default async function SearchPage({ searchParams }: Props) {
  const { values, problems } = checkParams(await searchParams, {
    q: zText("the search", 200, 1),
    all: z.literal("1", { error: "Use all=1 to list results instead of opening an exact match." }),
  });
  const { q, all } = values;
  if (!q) {
    return (
      <div className="space-y-4">
        <FocusHeading>Search</FocusHeading>
        <ParamProblems problems={problems} />
        <SearchForm />
        <p className="text-sm text-slate-700">
          Search by words (spelling mistakes are forgiven), or go straight to an issue (
          <code>#42</code>), an RFC (<code>RFC 8995</code>), a draft by name or a group by its
          acronym.
        </p>
      </div>
    );
  }
  const r = await (await api()).search.everything({ q });
  if (r.exact && !all) redirect(r.exact.href);
  const found = r.issues.total + r.documents.total + r.groups.total;

  return (
    <div className="space-y-4">
      <FocusHeading>Search results for “{q}”</FocusHeading>
      <ParamProblems problems={problems} />
      <SearchForm q={q} />
      <p role="status" className="text-sm text-slate-700">
        {found === 0
          ? `Nothing matches “${q}”. Check the spelling, or try fewer or other words.`
          : `Found ${plural(r.issues, "issue", "issues")}, ${plural(r.documents, "document", "documents")} and ${plural(r.groups, "group", "groups")}.`}
      </p>
      {r.exact && (
        <p className="card">
          Exact match: <Link href={r.exact.href}>{r.exact.label}</Link>
        </p>
      )}
      <HitSection kind="issues" label="Issues" hits={r.issues}>
        {r.issues.items.map((i) => (
          <li key={i.id} className="card">
            <p className="font-medium">
              <Link href={`/issues/${i.id}`}>
                #{i.id} {i.title}
              </Link>{" "}
              <span className="badge">{ISSUE_STATE_LABELS[i.state]}</span>
              {i.confidential && <span className="badge ml-1">Confidential</span>}
            </p>
            <p className="mt-1 text-sm text-slate-700">
              <Snippet text={i.commentSnippet ?? i.snippet} />
            </p>
            {i.commentSnippet && <p className="text-xs text-slate-600">Matched in a comment.</p>}
          </li>
        ))}
      </HitSection>
      {r.issues.total > r.issues.items.length && (
        <p>
          <Link href={`/issues${qs({ q, sort: "relevance" })}`}>
            All {formatCount(r.issues.total, r.issues.atLeast)} matching issues in the issue list
          </Link>
        </p>
      )}
      <HitSection kind="documents" label="Documents" hits={r.documents}>
        {r.documents.items.map((d) => (
          <li key={d.name} className="card">
            <p className="font-medium">
              <Link href={`/documents/${d.name}`}>{d.name}</Link>
              {d.groupAcronym && (
                <span className="ml-2 text-sm text-slate-600">{d.groupAcronym.toUpperCase()}</span>
              )}
            </p>
            <p className="mt-1 text-sm text-slate-700">
              <Snippet text={d.snippet} />
            </p>
          </li>
        ))}
      </HitSection>
      <HitSection kind="groups" label="Groups" hits={r.groups}>
        {r.groups.items.map((g) => (
          <li key={g.acronym} className="card">
            <p className="font-medium">
              <Link href={`/groups/${g.acronym}`}>{g.acronym.toUpperCase()}</Link>{" "}
              <span className="text-sm text-slate-600">
                {g.type.toUpperCase()}, {g.state}
              </span>
            </p>
            <p className="mt-1 text-sm text-slate-700">
              <Snippet text={g.snippet} />
            </p>
          </li>
        ))}
      </HitSection>
    </div>
  );
}

/** One kind of result: a heading with the count, a note when only some words matched, the hits. */
function HitSection({
  kind,
  label,
  hits,
  children,
}: {
  kind: string;
  label: string;
  hits: { items: readonly unknown[]; total: number; atLeast: boolean; allWords: boolean };
  children: React.ReactNode;
}) {
  if (hits.items.length === 0) return null;
  return (
    <section aria-labelledby={`hits-${kind}`} className="space-y-2">
      <h2 id={`hits-${kind}`}>
        {label} ({formatCount(hits.total, hits.atLeast)})
      </h2>
      {!hits.allWords && (
        <p className="text-sm text-slate-700">
          No {label.toLowerCase().replace(/s$/, "")} has all of these words; these have some of
          them.
        </p>
      )}
      <ol className="space-y-3">{children}</ol>
    </section>
  );
}
