import { sql } from "drizzle-orm";
import type { Queryable } from "../client";
import { areas, charterItems, groups } from "../schema";
import { CHARTER_ITEMS } from "~/server/domain/catalog";
import { SEED_CATALOG } from "./group-catalog";

/** The seed's value for a column, unless the row is linked to the Datatracker. */
function unlessSynced(column: string) {
  const col = sql.identifier(column);
  return sql`case when "groups"."datatracker_id" is null then excluded.${col} else "groups".${col} end`;
}

/**
 * Reference data written by the project: IETF areas, every active IETF WG and
 * IRTF RG plus the concluded IoT groups (db/seed/groups.json), the IOTOPS
 * charter items. Upserts, so running it again changes nothing. Columns the
 * Datatracker sync owns (ids, list addresses, charter, parent, time) are left
 * as they are.
 */
export async function seedCatalog(db: Queryable): Promise<void> {
  await db
    .insert(areas)
    .values(SEED_CATALOG.areas.map((a) => ({ acronym: a.acronym, name: a.name, state: a.state })))
    .onConflictDoUpdate({
      target: areas.acronym,
      set: { name: sql`excluded.name`, state: sql`excluded.state` },
    });

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
      SEED_CATALOG.groups.map((g) => ({
        acronym: g.acronym,
        name: g.name,
        type: g.type,
        area: g.area,
        state: g.state,
        summary: g.summary,
        keywords: [...g.keywords],
        keyRfcs: [...g.keyRfcs],
        keyDrafts: [...g.keyDrafts],
        charterItems: [...g.charterItems],
        hasDispatchRole: g.hasDispatchRole,
        dispatchScope: g.dispatchScope,
        iot: g.iot,
        successors: [...g.successors],
        datatrackerUrl: g.datatrackerUrl,
      })),
    )
    .onConflictDoUpdate({
      target: groups.acronym,
      set: {
        // Facts the Datatracker sync maintains stay as synced once a row is linked.
        name: unlessSynced("name"),
        type: unlessSynced("type"),
        area: unlessSynced("area"),
        state: unlessSynced("state"),
        datatrackerUrl: unlessSynced("datatracker_url"),
        // The project's own knowledge is always refreshed from the seed.
        summary: sql`excluded.summary`,
        keywords: sql`excluded.keywords`,
        keyRfcs: sql`excluded.key_rfcs`,
        keyDrafts: sql`excluded.key_drafts`,
        charterItems: sql`excluded.charter_items`,
        hasDispatchRole: sql`excluded.has_dispatch_role`,
        dispatchScope: sql`excluded.dispatch_scope`,
        iot: sql`excluded.iot`,
        successors: sql`excluded.successors`,
      },
    });
}
