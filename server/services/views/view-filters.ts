import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "~/db/client";
import { groups } from "~/db/schema";
import { zText } from "~/server/domain/validation";
import { VIEW_PAGES } from "~/server/domain/search/views";
import { ZFindIssues } from "../issues/find-issues";

/**
 * A view's filters: the issue list's own filter schema, without the page
 * position. Unknown keys are refused, so what is stored is exactly what the
 * lists accept, and the same check runs again whenever the view is loaded.
 */
export const ZViewFilters = ZFindIssues.omit({ cursor: true, limit: true }).strict();
export type ViewFilters = z.output<typeof ZViewFilters>;

export const ZViewName = zText("the view's name", 80, 1);
export const ZViewPage = z.enum(VIEW_PAGES, { error: "Views are of the issue list or triage." });

export type FilterCheck = { ok: true; filters: ViewFilters } | { ok: false; problem: string };

/**
 * Whether stored filters still make sense: they pass the filter schema, and a
 * group they name still exists. A view saved before a group was removed says so
 * instead of failing.
 */
export async function checkViewFilters(db: Queryable, raw: unknown): Promise<FilterCheck> {
  const parsed = ZViewFilters.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, problem: first?.message ?? "Its filters are no longer valid." };
  }
  const group = parsed.data.suggestedGroup;
  if (group) {
    const [row] = await db
      .select({ acronym: groups.acronym })
      .from(groups)
      .where(eq(groups.acronym, group));
    if (!row)
      return {
        ok: false,
        problem: `It names the group ${group.toUpperCase()}, which no longer exists.`,
      };
  }
  return { ok: true, filters: parsed.data };
}
