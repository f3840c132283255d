import type { Metadata } from "next";
import { chairedGroups } from "~/server/domain/permissions/policy";
import Link from "next/link";
import { ISSUE_STATES, ISSUE_STATE_LABELS } from "~/server/domain/dispatch/states";
import { IssueTable } from "../_components/issue-table";
import { z } from "zod";
import {
  COUNT_CAP,
  formatCappedCount,
  formatCount,
  SEARCH_SCAN,
} from "~/server/domain/search/query";
import { zId, zText, ZPageCursor } from "~/server/domain/validation";
import { ParamProblems } from "../_components/param-problems";
import { checkParams, qs } from "../_components/search-params";
import { DownloadLinks } from "../_components/download-links";
import { ManageViews } from "../_components/saved-views/manage-views";
import { ViewTabs } from "../_components/saved-views/view-tabs";
import { api, currentActor } from "../_trpc/server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Issues" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function IssuesPage({ searchParams }: Props) {
  const { values, problems } = checkParams(await searchParams, {
    q: zText("the search", 200),
    state: z.enum(ISSUE_STATES, { error: "That state is not one of the issue states." }),
    sort: z.enum(["newest", "oldest", "relevance"], {
      error: "Sort by newest, oldest or best match.",
    }),
    cursor: ZPageCursor,
    view: z.coerce.number().pipe(zId()),
  });
  const { q, state, cursor } = values;
  const sort = values.sort ?? (q ? "relevance" : "newest");
  const caller = await api();
  const input = { q, states: state ? [state] : undefined, sort, cursor } as const;
  const actor = await currentActor();
  const [page, counts, views] = await Promise.all([
    caller.issue.list(input),
    caller.issue.counts(input),
    caller.view.list({ page: "issues" }),
  ]);
  const total = Object.values(counts.byState).reduce((a, b) => a + b, 0);
  // A capped count (or a search's lower bounds) makes the total a floor too.
  const totalText = counts.atLeast
    ? formatCount(total, true)
    : Object.values(counts.byState).some((n) => n > COUNT_CAP)
      ? formatCappedCount(COUNT_CAP + 1)
      : formatCappedCount(total);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1>Issues</h1>
        <Link href="/issues/new" className="btn btn-primary">
          File an issue
        </Link>
      </div>
      <ParamProblems problems={problems} />
      <ViewTabs
        views={views}
        current={values.view}
        hrefOf={(v) =>
          `/issues${qs({ q: v.check.filters.q, state: v.check.filters.states?.[0], sort: v.check.filters.sort, view: v.id })}`
        }
      />
      {actor && (
        <ManageViews
          page="issues"
          filters={{ q, states: input.states, sort }}
          own={views.filter((v) => v.mine)}
          chairedGroups={[...chairedGroups(actor)]}
        />
      )}
      <form
        role="search"
        aria-label="Search issues"
        className="card flex flex-wrap items-end gap-3"
        method="get"
      >
        <div className="min-w-64 flex-1">
          <label htmlFor="q" className="label">
            Search
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={q}
            className="input"
            placeholder="e.g. firmware update"
          />
        </div>
        <div>
          <label htmlFor="state" className="label">
            State
          </label>
          <select id="state" name="state" defaultValue={state ?? ""} className="input">
            <option value="">Any ({totalText})</option>
            {ISSUE_STATES.map((s) => (
              <option key={s} value={s}>
                {ISSUE_STATE_LABELS[s]} ({formatCount(counts.byState[s], counts.atLeast)})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="sort" className="label">
            Sort
          </label>
          <select id="sort" name="sort" defaultValue={sort} className="input">
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
            {q && <option value="relevance">Best match first</option>}
          </select>
        </div>
        <button type="submit" className="btn btn-primary">
          Apply
        </button>
      </form>
      {/* A download holds every match: best-match order ranks only the newest, so it is newest first. */}
      <DownloadLinks
        path="/exports/issues"
        what="these issues"
        query={{ q, state, sort: sort === "relevance" ? undefined : sort }}
      />
      {q && sort === "relevance" && counts.atLeast && (
        <p className="text-sm text-slate-700">
          Best match ranks the {SEARCH_SCAN.toLocaleString("en")} newest matching issues.{" "}
          <Link href={`/issues${qs({ q, state, sort: "newest" })}`}>
            List every match, newest first
          </Link>
          , or add words to narrow the search.
        </p>
      )}
      {page.items.length === 0 ? (
        <p className="card text-slate-700">
          {q || state ? "No issues match these filters." : "No issues have been filed yet."}{" "}
          <Link href="/issues/new">File the first one</Link>.
        </p>
      ) : (
        <IssueTable
          items={page.items}
          caption="Issues"
          sort={sort === "relevance" ? undefined : { by: sort }}
        />
      )}
      <nav aria-label="Pages" className="flex gap-3">
        {cursor && (
          <Link href={`/issues${qs({ q, state, sort })}`} className="btn">
            First page
          </Link>
        )}
        {page.nextCursor && (
          <Link href={`/issues${qs({ q, state, sort, cursor: page.nextCursor })}`} className="btn">
            Next page
          </Link>
        )}
      </nav>
    </div>
  );
}
