import { eq, or } from "drizzle-orm";
import type { Db, Queryable } from "~/db/client";
import { areas, groups } from "~/db/schema";
import {
  groupDatatrackerUrl,
  mapGroup,
  summaryFromDescription,
  type MappedGroup,
} from "~/server/domain/datatracker/groups";
import { SYNC_ACTOR_CAPACITY } from "~/server/domain/datatracker/sync-vocabulary";
import { URI } from "~/server/domain/datatracker/tastypie";
import { recordEvents, type EventInput } from "../events";
import { readCursor, writeCursor } from "./cursors";
import { apiUrl, getJson } from "./http";
import { keysetPages, objectUrl, PageFailure, type Reader, type RunLog } from "./pager";

/** Datatracker group ids to acronyms and types, for groups and areas known here. */
export async function knownGroupIds(
  db: Queryable,
): Promise<Map<number, { acronym: string; type: string }>> {
  const map = new Map<number, { acronym: string; type: string }>();
  for (const a of await db
    .select({ id: areas.datatrackerId, acronym: areas.acronym })
    .from(areas)) {
    if (a.id !== null) map.set(a.id, { acronym: a.acronym, type: "area" });
  }
  for (const g of await db
    .select({ id: groups.datatrackerId, acronym: groups.acronym, type: groups.type })
    .from(groups)) {
    if (g.id !== null) map.set(g.id, { acronym: g.acronym, type: g.type });
  }
  return map;
}

/** Parents not synced here (e.g. `irtf`, `iesg`) are looked up once per run. */
async function resolveParents(
  db: Db,
  reader: Reader,
  wanted: readonly number[],
  cache: Map<number, { acronym: string; type: string }>,
): Promise<void> {
  const missing = wanted.filter((id) => !cache.has(id));
  if (missing.length === 0) return;
  const known = await knownGroupIds(db);
  for (const id of missing) {
    const hit = known.get(id);
    if (hit) {
      cache.set(id, hit);
      continue;
    }
    const url = apiUrl(reader.base, `${URI.group}${id}/`);
    const r = await getJson(url, reader.http);
    if (!r.ok) throw new PageFailure(url, r.message);
    const body = r.body as { acronym?: unknown; type?: unknown } | null;
    if (typeof body?.acronym !== "string")
      throw new PageFailure(url, "the parent group has no acronym");
    cache.set(id, {
      acronym: body.acronym.toLowerCase(),
      type:
        String(body.type ?? "")
          .split("/")
          .at(-2) ?? "",
    });
  }
}

const GROUP_FIELDS = [
  "name",
  "type",
  "state",
  "parent",
  "area",
  "listEmail",
  "listArchive",
  "charter",
  "datatrackerId",
] as const;

function changes<K extends string>(
  before: Readonly<Record<K, unknown>>,
  after: Readonly<Record<K, unknown>>,
  fields: readonly K[],
) {
  const changed: Record<string, { before: unknown; after: unknown }> = {};
  for (const f of fields) {
    if (JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null))
      changed[f] = { before: before[f] ?? null, after: after[f] ?? null };
  }
  return changed;
}

async function applyGroup(
  tx: Db,
  g: MappedGroup,
  parent: string | null,
  log: RunLog,
  events: EventInput[],
) {
  const counts = log.of("groups");
  const [row] = await tx
    .select()
    .from(groups)
    .where(or(eq(groups.datatrackerId, g.datatrackerId), eq(groups.acronym, g.acronym)));
  const incoming = {
    name: g.name,
    type: g.type,
    state: g.state,
    parent,
    area: parent ?? row?.area ?? null,
    listEmail: g.listEmail,
    listArchive: g.listArchive,
    charter: g.charter,
    datatrackerId: g.datatrackerId,
  };
  if (!row) {
    await tx.insert(groups).values({
      acronym: g.acronym,
      ...incoming,
      summary: summaryFromDescription(g.description, g.name),
      datatrackerUrl: groupDatatrackerUrl(g),
      updatedAt: new Date(g.time),
    });
    counts.created++;
    events.push({
      subjectType: "group",
      subjectKey: g.acronym,
      type: "group-added-by-sync",
      actorId: null,
      actorCapacity: SYNC_ACTOR_CAPACITY,
      groupAcronym: g.acronym,
      payload: { name: g.name, type: g.type, state: g.state, datatrackerId: g.datatrackerId },
    });
    return;
  }
  if (row.acronym !== g.acronym) {
    counts.skipped++;
    log.problem(
      "groups",
      `${URI.group}${g.datatrackerId}/`,
      `the Datatracker renamed ${row.acronym} to ${g.acronym}; not applied`,
    );
    return;
  }
  const changed = changes(row, incoming, GROUP_FIELDS);
  if (Object.keys(changed).length === 0) {
    counts.unchanged++;
    return;
  }
  await tx
    .update(groups)
    .set({ ...incoming, updatedAt: new Date(g.time) })
    .where(eq(groups.acronym, g.acronym));
  counts.updated++;
  events.push({
    subjectType: "group",
    subjectKey: g.acronym,
    type: "group-updated-by-sync",
    actorId: null,
    actorCapacity: SYNC_ACTOR_CAPACITY,
    groupAcronym: g.acronym,
    payload: { changed },
  });
}

async function applyArea(tx: Db, g: MappedGroup, log: RunLog, events: EventInput[]) {
  const counts = log.of("areas");
  const [row] = await tx
    .select()
    .from(areas)
    .where(or(eq(areas.datatrackerId, g.datatrackerId), eq(areas.acronym, g.acronym)));
  const incoming = { name: g.name, state: g.state, datatrackerId: g.datatrackerId };
  if (!row) {
    await tx.insert(areas).values({ acronym: g.acronym, ...incoming, updatedAt: new Date(g.time) });
    counts.created++;
  } else {
    const changed = changes(row, incoming, ["name", "state", "datatrackerId"]);
    if (Object.keys(changed).length === 0 || row.acronym !== g.acronym) {
      counts.unchanged++;
      return;
    }
    await tx
      .update(areas)
      .set({ ...incoming, updatedAt: new Date(g.time) })
      .where(eq(areas.acronym, g.acronym));
    counts.updated++;
    events.push({
      subjectType: "group",
      subjectKey: g.acronym,
      type: "area-updated-by-sync",
      actorId: null,
      actorCapacity: SYNC_ACTOR_CAPACITY,
      groupAcronym: g.acronym,
      payload: { changed },
    });
    return;
  }
  events.push({
    subjectType: "group",
    subjectKey: g.acronym,
    type: "area-added-by-sync",
    actorId: null,
    actorCapacity: SYNC_ACTOR_CAPACITY,
    groupAcronym: g.acronym,
    payload: { name: g.name, state: g.state, datatrackerId: g.datatrackerId },
  });
}

/**
 * Sync areas (`kind: "areas"`) or the other group types (`"groups"`) changed since
 * the cursor. Each page is applied, with its events and the new cursor, in one
 * transaction. A malformed object is reported with its URL and the rest applied.
 */
export async function syncGroups(
  db: Db,
  reader: Reader,
  kind: "areas" | "groups",
  log: RunLog,
  onPage: (done: number, total: number) => Promise<void>,
  since: string | null,
): Promise<void> {
  const cursor = await readCursor(db, kind);
  const start =
    since !== null
      ? { since, offset: 0 }
      : { since: cursor?.since ?? null, offset: cursor?.offset ?? 0 };
  const types = kind === "areas" ? "area" : "wg,rg,ag,dir,team";
  const parents = new Map<number, { acronym: string; type: string }>();
  const counts = log.of(kind);
  for await (const page of keysetPages(reader, URI.group, { type__in: types }, start)) {
    counts.pages++;
    counts.fetched += page.objects.length;
    const mapped: MappedGroup[] = [];
    for (const o of page.objects) {
      const m = mapGroup(o);
      if (m.ok && (kind === "areas") === (m.value.type === "area")) mapped.push(m.value);
      else {
        counts.skipped++;
        log.problem(
          kind,
          objectUrl(reader, page, o),
          m.ok ? `a ${m.value.type} on the ${kind} list` : m.problem,
        );
      }
    }
    await resolveParents(
      db,
      reader,
      mapped.flatMap((g) => (g.parentId !== null ? [g.parentId] : [])),
      parents,
    );
    await db.transaction(async (tx) => {
      const events: EventInput[] = [];
      for (const g of mapped) {
        if (kind === "areas") await applyArea(tx, g, log, events);
        else
          await applyGroup(
            tx,
            g,
            g.parentId !== null ? (parents.get(g.parentId)?.acronym ?? null) : null,
            log,
            events,
          );
      }
      await recordEvents(tx, events);
      await writeCursor(tx, kind, page.after);
    });
    await onPage(counts.fetched, page.totalCount);
  }
}

/** Acronyms by Datatracker id of every synced group and area (used by roles and documents). */
export async function syncedGroupAcronyms(db: Queryable): Promise<Map<number, string>> {
  const map = new Map<number, string>();
  for (const [id, g] of await knownGroupIds(db)) map.set(id, g.acronym);
  return map;
}
