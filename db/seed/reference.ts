import { sql } from "drizzle-orm";
import type { Queryable } from "../client";
import { areas, charterItems, groups } from "../schema";
import { AREAS, CHARTER_ITEMS, GROUPS } from "~/server/domain/catalog";

/** Datatracker group-state slugs for the catalog's states. */
const GROUP_STATE_SLUG: Record<string, string> = { concluded: "conclude" };

/**
 * Reference data written by the project: IETF areas, the IoT-relevant groups,
 * the IOTOPS charter items. Upserts, so running it again changes nothing.
 */
export async function seedCatalog(db: Queryable): Promise<void> {
  await db
    .insert(areas)
    .values(AREAS.map((a) => ({ acronym: a.acronym, name: a.name })))
    .onConflictDoUpdate({ target: areas.acronym, set: { name: sql`excluded.name` } });

  await db
    .insert(charterItems)
    .values(
      CHARTER_ITEMS.map((c, i) => ({
        id: c.id,
        title: c.title,
        description: c.description,
        position: i,
      })),
    )
    .onConflictDoUpdate({
      target: charterItems.id,
      set: {
        title: sql`excluded.title`,
        description: sql`excluded.description`,
        position: sql`excluded.position`,
      },
    });

  await db
    .insert(groups)
    .values(
      GROUPS.map((g) => ({
        acronym: g.acronym,
        name: g.name,
        type: g.type,
        area: g.area,
        state: GROUP_STATE_SLUG[g.state] ?? g.state,
        summary: g.summary,
        keywords: [...g.keywords],
        keyRfcs: [...g.keyRfcs],
        keyDrafts: [...g.keyDrafts],
        charterItems: [...g.charterItems],
        hasDispatchRole: g.hasDispatchRole,
        datatrackerUrl: g.datatrackerUrl,
      })),
    )
    .onConflictDoUpdate({
      target: groups.acronym,
      set: {
        name: sql`excluded.name`,
        type: sql`excluded.type`,
        area: sql`excluded.area`,
        state: sql`excluded.state`,
        summary: sql`excluded.summary`,
        keywords: sql`excluded.keywords`,
        keyRfcs: sql`excluded.key_rfcs`,
        keyDrafts: sql`excluded.key_drafts`,
        charterItems: sql`excluded.charter_items`,
        hasDispatchRole: sql`excluded.has_dispatch_role`,
        datatrackerUrl: sql`excluded.datatracker_url`,
      },
    });
}
