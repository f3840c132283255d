import { asc, eq } from "drizzle-orm";
import type { Queryable } from "~/db/client";
import { areas, charterItems, groups } from "~/db/schema";
import { DomainError } from "~/server/domain/errors";

export async function findGroups(db: Queryable) {
  return db
    .select({
      acronym: groups.acronym,
      name: groups.name,
      type: groups.type,
      area: groups.area,
      areaName: areas.name,
      state: groups.state,
      summary: groups.summary,
      charterItems: groups.charterItems,
    })
    .from(groups)
    .leftJoin(areas, eq(areas.acronym, groups.area))
    .orderBy(asc(groups.type), asc(groups.acronym));
}

export async function getGroup(db: Queryable, acronym: string) {
  const [group] = await db.select().from(groups).where(eq(groups.acronym, acronym.toLowerCase()));
  if (!group) throw new DomainError("NOT_FOUND", `There is no group called ${acronym}.`);
  const [area] = group.area
    ? await db.select().from(areas).where(eq(areas.acronym, group.area))
    : [];
  const items = await db.select().from(charterItems).orderBy(asc(charterItems.position));
  return {
    ...group,
    areaName: area?.name ?? null,
    charterItemDetails: items.filter((i) => group.charterItems.includes(i.id)),
  };
}

export async function findCharterItems(db: Queryable) {
  return db.select().from(charterItems).orderBy(asc(charterItems.position));
}
