import { and, asc, eq, inArray, ne, or } from "drizzle-orm";
import { chairedGroups } from "~/server/domain/permissions/policy";
import { z } from "zod";
import type { Queryable } from "~/db/client";
import { people, savedViews } from "~/db/schema";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { countIssues } from "../issues/find-issues";
import { checkViewFilters, ZViewPage, type ViewFilters } from "./view-filters";

export const ZListViews = z.object({ page: ZViewPage });

export interface ListedView {
  id: number;
  name: string;
  mine: boolean;
  ownerName: string;
  sharedWith: string | null;
  /** The filters, when they still pass the filter schema; else why not. */
  check: { ok: true; filters: ViewFilters; count: number } | { ok: false; problem: string };
}

/**
 * The views beside a page's tabs: the actor's own, then those shared with a
 * group the actor chairs. Each view's filters are checked again, and a valid
 * view carries its live (capped) count.
 */
export async function listViews(
  db: Queryable,
  actor: MaybeActor,
  input: z.input<typeof ZListViews>,
): Promise<ListedView[]> {
  const { page } = ZListViews.parse(input);
  if (!actor) return [];
  const chaired = [...chairedGroups(actor)];
  const rows = await db
    .select({
      id: savedViews.id,
      name: savedViews.name,
      ownerId: savedViews.ownerId,
      ownerName: people.name,
      sharedWith: savedViews.sharedWith,
      filters: savedViews.filters,
    })
    .from(savedViews)
    .innerJoin(people, eq(people.id, savedViews.ownerId))
    .where(
      and(
        eq(savedViews.page, page),
        or(
          eq(savedViews.ownerId, actor.personId),
          chaired.length
            ? and(ne(savedViews.ownerId, actor.personId), inArray(savedViews.sharedWith, chaired))
            : undefined,
        ),
      ),
    )
    .orderBy(asc(savedViews.id));
  const out: ListedView[] = [];
  for (const r of rows) {
    const checked = await checkViewFilters(db, r.filters);
    out.push({
      id: r.id,
      name: r.name,
      mine: r.ownerId === actor.personId,
      ownerName: r.ownerName,
      sharedWith: r.sharedWith,
      check: checked.ok
        ? {
            ok: true,
            filters: checked.filters,
            count: await countIssues(db, actor, checked.filters),
          }
        : checked,
    });
  }
  return out.sort((a, b) => Number(b.mine) - Number(a.mine));
}
