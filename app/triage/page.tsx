import type { Metadata } from "next";
import Link from "next/link";
import { CHARTER_ITEMS, takesNewWork } from "~/server/domain/catalog";
import {
  ISSUE_STATES,
  ISSUE_STATE_LABELS,
  TRIAGE_OPEN_STATES,
  type IssueState,
} from "~/server/domain/dispatch/states";
import { AccessDenied } from "../_components/access-denied";
import { z } from "zod";
import { formatCount } from "~/server/domain/search/query";
import { ZAcronym, zId, zInt, ZPageCursor, zText } from "~/server/domain/validation";
import { ParamProblems } from "../_components/param-problems";
import { checkParams, paramList, qs } from "../_components/search-params";
import { api, currentActor } from "../_trpc/server";
import { ManageViews } from "../_components/saved-views/manage-views";
import { ViewTabs } from "../_components/saved-views/view-tabs";
import { TriageTable } from "./triage-table";
import { NO_RESOURCE, can, chairedGroups } from "~/server/domain/permissions/policy";
import { redirect } from "next/navigation";
import { DownloadLinks } from "../_components/download-links";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Triage" };

const OPEN_STATES = TRIAGE_OPEN_STATES;
const SORTS = ["newest", "oldest", "readiness"] as const;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TriagePage({ searchParams }: Props) {
  const actor = await currentActor();
  if (!actor) redirect("/signin?callbackUrl=%2Ftriage");
  if (!can(actor, "triage.view", NO_RESOURCE)) {
    return <AccessDenied message="The triage queue is for the IOTOPS chairs." />;
  }
  const sp = await searchParams;
  const states = paramList(sp, "state").filter((s): s is IssueState =>
    ISSUE_STATES.includes(s as IssueState),
  );
  const effectiveStates = states.length ? states : [...OPEN_STATES];
  const { values, problems } = checkParams(sp, {
    q: zText("the search", 200),
    item: z.enum([...CHARTER_ITEMS.map((c) => c.id), "none"], {
      error: "That charter item is not one of IOTOPS's.",
    }),
    group: ZAcronym,
    chair: z.union([z.literal("none"), z.literal("me"), z.coerce.number().pipe(zId())], {
      error: "That chair is not a person in the list.",
    }),
    minAge: z.coerce.number().pipe(zInt("The minimum age in days", 0, 36_500)),
    sort: z.enum(SORTS, { error: "Sort by oldest, newest or readiness." }),
    cursor: ZPageCursor,
    view: z.coerce.number().pipe(zId()),
  });
  const q = values.q;
  const charterItem = values.item;
  const group = values.group;
  const chairParam = values.chair === undefined ? undefined : String(values.chair);
  const minAge = values.minAge;
  const sort = values.sort ?? "newest";
  const cursor = values.cursor;
  const activeFilters = [q, charterItem, group, chairParam, minAge].filter(
    (v) => v !== undefined && v !== "",
  ).length;
  const responsibleChair =
    chairParam === "none"
      ? ("none" as const)
      : chairParam === "me"
        ? actor.personId
        : chairParam
          ? Number(chairParam)
          : undefined;

  const caller = await api();
  const filter = {
    q,
    states: effectiveStates,
    charterItem,
    suggestedGroup: group,
    responsibleChair,
    minAgeDays: minAge,
    sort,
    cursor,
    limit: 50,
  };
  const [page, counts, chairs, groups, views] = await Promise.all([
    caller.issue.list(filter),
    caller.issue.counts(filter),
    caller.issue.chairs(),
    caller.group.list(),
    caller.view.list({ page: "triage" }),
  ]);
  const base = {
    q,
    state: states.join(","),
    item: charterItem,
    group,
    chair: chairParam,
    minAge,
    sort,
  };

  return (
    <div className="space-y-4">
      <h1>Triage queue</h1>
      <ParamProblems problems={problems} />
      <nav aria-label="Queue states">
        <ul className="flex flex-wrap gap-2 text-sm">
          {OPEN_STATES.map((s) => (
            <li key={s}>
              <Link
                href={`/triage${qs({ ...base, state: s, cursor: undefined })}`}
                aria-current={states.length === 1 && states[0] === s ? "page" : undefined}
                className="btn"
              >
                {ISSUE_STATE_LABELS[s]}{" "}
                <span className="badge">{formatCount(counts.byState[s], counts.atLeast)}</span>
              </Link>
            </li>
          ))}
          <li>
            <Link
              href={`/triage${qs({ ...base, state: undefined })}`}
              className="btn"
              aria-current={states.length === 0 ? "page" : undefined}
            >
              All open
            </Link>
          </li>
        </ul>
      </nav>
      <ViewTabs
        views={views}
        current={values.view}
        hrefOf={({ id, check: { filters: f } }) =>
          `/triage${qs({
            q: f.q,
            state: f.states?.join(","),
            item: f.charterItem,
            group: f.suggestedGroup,
            chair: f.responsibleChair,
            minAge: f.minAgeDays,
            sort: f.sort,
            view: id,
          })}`
        }
      />
      <ManageViews
        page="triage"
        filters={{
          q,
          states: effectiveStates,
          charterItem,
          suggestedGroup: group,
          responsibleChair,
          minAgeDays: minAge,
          sort,
        }}
        own={views.filter((v) => v.mine)}
        chairedGroups={[...chairedGroups(actor)]}
      />
      <details className="card" open={activeFilters > 0}>
        <summary className="cursor-pointer font-medium">
          Filters{activeFilters > 0 ? ` (${activeFilters} active)` : ""}
        </summary>
        <form
          method="get"
          className="mt-3 grid gap-3 sm:grid-cols-3 lg:grid-cols-6 lg:items-end"
          aria-label="Filter the queue"
        >
          {states.length > 0 && <input type="hidden" name="state" value={states.join(",")} />}
          <div className="sm:col-span-3 lg:col-span-6">
            <label htmlFor="f-q" className="label">
              Text
            </label>
            <input
              id="f-q"
              name="q"
              type="search"
              maxLength={200}
              defaultValue={q ?? ""}
              className="input"
              placeholder="Words in the title, problem statement or comments"
            />
          </div>
          <div>
            <label htmlFor="f-item" className="label">
              Charter item
            </label>
            <select id="f-item" name="item" defaultValue={charterItem ?? ""} className="input">
              <option value="">Any</option>
              <option value="none">Not set</option>
              {CHARTER_ITEMS.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="f-group" className="label">
              Suggested group
            </label>
            <select id="f-group" name="group" defaultValue={group ?? ""} className="input">
              <option value="">Any</option>
              {groups.filter(takesNewWork).map((g) => (
                <option key={g.acronym} value={g.acronym}>
                  {g.acronym.toUpperCase()}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="f-chair" className="label">
              Responsible chair
            </label>
            <select id="f-chair" name="chair" defaultValue={chairParam ?? ""} className="input">
              <option value="">Anyone</option>
              <option value="me">Me</option>
              <option value="none">Unassigned</option>
              {chairs.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="f-age" className="label">
              Older than (days)
            </label>
            <input
              id="f-age"
              name="minAge"
              type="number"
              min={0}
              defaultValue={minAge ?? ""}
              className="input"
            />
          </div>
          <div>
            <label htmlFor="f-sort" className="label">
              Sort by
            </label>
            <select id="f-sort" name="sort" defaultValue={sort} className="input">
              <option value="newest">Newest first</option>
              <option value="oldest">Oldest first</option>
              <option value="readiness">Most ready first</option>
            </select>
          </div>
          <div className="flex gap-2">
            <button type="submit" className="btn btn-primary">
              Apply
            </button>
            <Link href="/triage" className="btn">
              Reset
            </Link>
          </div>
        </form>
      </details>
      <DownloadLinks path="/exports/triage" what="the triage queue" query={{ ...base }} />
      {page.items.length === 0 ? (
        <p className="card text-slate-700">Nothing in the queue matches these filters.</p>
      ) : (
        <TriageTable
          items={page.items}
          chairs={chairs}
          sort={sort}
          sortHrefs={{
            newest: `/triage${qs({ ...base, sort: "newest" })}`,
            oldest: `/triage${qs({ ...base, sort: "oldest" })}`,
            readiness: `/triage${qs({ ...base, sort: "readiness" })}`,
          }}
        />
      )}
      {page.nextCursor && (
        <nav aria-label="Pages">
          <Link href={`/triage${qs({ ...base, cursor: page.nextCursor })}`} className="btn">
            Next page
          </Link>
        </nav>
      )}
    </div>
  );
}
