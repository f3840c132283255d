import { asc } from "drizzle-orm";
import type { Queryable } from "~/db/client";
import { groups } from "~/db/schema";
import type { GroupProfile } from "~/server/domain/catalog";

/** Every known group as the routing engine and the pages see it, by acronym. */
export async function loadGroupProfiles(db: Queryable): Promise<GroupProfile[]> {
  const rows = await db.select().from(groups).orderBy(asc(groups.acronym));
  return rows.map((g): GroupProfile => ({
    acronym: g.acronym,
    name: g.name,
    type: g.type,
    area: g.area,
    state: g.state,
    summary: g.summary,
    keywords: g.keywords,
    keyRfcs: g.keyRfcs,
    keyDrafts: g.keyDrafts,
    charterItems: g.charterItems,
    hasDispatchRole: g.hasDispatchRole,
    dispatchScope: g.dispatchScope,
    iot: g.iot,
    successors: g.successors,
    datatrackerUrl: g.datatrackerUrl,
  }));
}
