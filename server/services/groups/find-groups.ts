import { asc, eq } from "drizzle-orm";
import type { Queryable } from "~/db/client";
import { areas, charterItems, groups } from "~/db/schema";
import { isConcluded, takesNewWork } from "~/server/domain/catalog";
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
      iot: groups.iot,
      hasDispatchRole: groups.hasDispatchRole,
      successors: groups.successors,
    })
    .from(groups)
    .leftJoin(areas, eq(areas.acronym, groups.area))
    .orderBy(asc(groups.type), asc(groups.acronym));
}

/**
 * The groups index: every area (IETF areas first, the IRTF last) with its
 * active working and research groups, and the concluded groups kept for history.
 */
export async function groupsByArea(db: Queryable) {
  const [list, areaRows] = await Promise.all([
    findGroups(db),
    db.select().from(areas).orderBy(asc(areas.acronym)),
  ]);
  const active = list.filter((g) => takesNewWork(g));
  const order = [...areaRows].sort(
    (a, b) =>
      Number(a.acronym === "irtf") - Number(b.acronym === "irtf") || a.name.localeCompare(b.name),
  );
  return {
    areas: order
      .map((a) => ({
        acronym: a.acronym,
        name: a.name,
        groups: active.filter((g) => g.area === a.acronym),
      }))
      .filter((a) => a.groups.length > 0),
    withoutArea: active.filter((g) => !g.area || !areaRows.some((a) => a.acronym === g.area)),
    concluded: list.filter((g) => isConcluded(g)),
    total: active.length,
  };
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
    charterItemDetails: items.filter((i) => group.charterItems.some((c) => c === i.id)),
  };
}

export async function findCharterItems(db: Queryable) {
  return db.select().from(charterItems).orderBy(asc(charterItems.position));
}
