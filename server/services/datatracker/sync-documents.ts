import type { Db } from "~/db/client";
import type { KeysetPosition } from "~/server/domain/datatracker/cursor";
import { mapDocument, type SyncedDocument } from "~/server/domain/datatracker/documents";
import { isPlainObject, uriKey, URI } from "~/server/domain/datatracker/tastypie";
import { teachRouting } from "../routing/engine";
import { applyDocuments } from "./apply-documents";
import { deleteCursor, readCursor, writeCursor } from "./cursors";
import { keysetPages, objectUrl, offsetPages, type Page, type Reader, type RunLog } from "./pager";
import { StateIds } from "./sync-states";
import { syncedGroupAcronyms } from "./sync-groups";

const RELATED = "/api/v1/doc/relateddocument/";
const REPLACES = "/api/v1/name/docrelationshipname/replaces/";

/** What each document on a page replaces (`/api/v1/doc/relateddocument/?relationship=replaces`). */
async function fetchReplaces(
  reader: Reader,
  names: readonly string[],
  log: RunLog,
): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(names.map((n) => [n, []]));
  if (names.length === 0) return map;
  for await (const page of offsetPages(reader, RELATED, {
    relationship: "replaces",
    source__name__in: names.join(","),
  })) {
    for (const o of page.objects) {
      const source = isPlainObject(o) ? uriKey(o.source, URI.document) : null;
      const target = isPlainObject(o) ? uriKey(o.target, URI.document) : null;
      if (
        !isPlainObject(o) ||
        source === null ||
        target === null ||
        uriKey(o.relationship, "/api/v1/name/docrelationshipname/") !== "replaces"
      ) {
        log.problem(
          "documents",
          objectUrl(reader, page, o),
          `not a "replaces" relation between two documents (${REPLACES})`,
        );
        continue;
      }
      map.get(source)?.push(target);
    }
  }
  return map;
}

/** Map a page, learning unknown states first; malformed objects are reported and left out. */
async function mapPage(
  db: Db,
  reader: Reader,
  page: Page,
  ctx: { groups: Record<number, string>; states: StateIds },
  log: RunLog,
) {
  const counts = log.of("documents");
  const context = { groupAcronymsByPk: ctx.groups, stateByPk: (pk: number) => ctx.states.get(pk) };
  const first = page.objects.map((o) => mapDocument(o, context));
  const unknown = first.flatMap((m) => (m.kind === "needs-states" ? m.pks : []));
  if (unknown.length > 0) await ctx.states.learn(db, reader, unknown, log);
  const docs: SyncedDocument[] = [];
  page.objects.forEach((o, i) => {
    const m = first[i]!.kind === "needs-states" ? mapDocument(o, context) : first[i]!;
    if (m.kind === "document") {
      if (m.value.group !== null && Object.values(ctx.groups).includes(m.value.group))
        docs.push(m.value);
      else counts.skipped++; // not a document of a mirrored group
    } else {
      counts.skipped++;
      if (m.kind === "error") log.problem("documents", objectUrl(reader, page, o), m.problem);
      if (m.kind === "needs-states") {
        log.problem(
          "documents",
          objectUrl(reader, page, o),
          `unknown state id${m.pks.length > 1 ? "s" : ""} ${m.pks.join(", ")}`,
        );
      }
    }
  });
  return docs;
}

/**
 * One stream of document pages for a set of groups, from a cursor. Each page is
 * applied with the cursor that follows it in one transaction, so a failure half
 * way keeps every page before it and the next run starts after the last one.
 */
async function syncStream(
  db: Db,
  reader: Reader,
  stream: "documents" | "documents-backfill",
  groupIds: readonly number[],
  start: KeysetPosition,
  log: RunLog,
  onPage: (done: number, total: number) => Promise<void>,
): Promise<KeysetPosition> {
  const counts = log.of("documents");
  const groups = Object.fromEntries(await syncedGroupAcronyms(db));
  const states = await StateIds.load(db);
  let last: KeysetPosition = start;
  const query = { type__in: "draft,rfc", group__in: [...groupIds].sort((a, b) => a - b).join(",") };
  for await (const page of keysetPages(reader, URI.document, query, start)) {
    counts.pages++;
    counts.fetched += page.objects.length;
    const docs = await mapPage(db, reader, page, { groups, states }, log);
    const replaces = await fetchReplaces(
      reader,
      docs.map((d) => d.name),
      log,
    );
    const created = await db.transaction(async (tx) => {
      const added = await applyDocuments(tx, docs, replaces, counts);
      await writeCursor(tx, stream, page.after, groupIds);
      return added;
    });
    last = page.after;
    await teachRouting(
      db,
      created.map((d) => ({
        name: d.name,
        title: d.title,
        abstract: d.abstract,
        group: d.group!,
        source: "document" as const,
      })),
    );
    await onPage(counts.fetched, page.totalCount);
  }
  return last;
}

/**
 * Documents of the mirrored groups changed since the cursor. Groups new to the
 * sync (a first run, or a group added since) are read in full first, on a
 * cursor of their own, then join the main cursor.
 */
export async function syncDocuments(
  db: Db,
  reader: Reader,
  log: RunLog,
  onPage: (done: number, total: number) => Promise<void>,
  since: string | null,
): Promise<void> {
  const known = [...(await syncedGroupAcronyms(db)).keys()];
  const main = await readCursor(db, "documents");
  const covered = (main?.groupIds ?? []).filter((id) => known.includes(id));
  if (covered.length > 0) {
    const start =
      since !== null ? { since, offset: 0 } : { since: main!.since, offset: main!.offset };
    await syncStream(db, reader, "documents", covered, start, log, onPage);
  }
  const fresh = known.filter((id) => !covered.includes(id)).sort((a, b) => a - b);
  if (fresh.length === 0) return;
  const backfill = await readCursor(db, "documents-backfill");
  const resume = backfill && backfill.groupIds.join() === fresh.join();
  const start = resume
    ? { since: backfill.since, offset: backfill.offset }
    : { since: null, offset: 0 };
  const last = await syncStream(db, reader, "documents-backfill", fresh, start, log, onPage);
  // Every document of the new groups is in; from now on the main cursor covers them.
  await db.transaction(async (tx) => {
    const now = await readCursor(tx, "documents");
    const position =
      now ?? (last.since !== null ? last : { since: new Date(0).toISOString(), offset: 0 });
    await writeCursor(tx, "documents", position, [...covered, ...fresh]);
    await deleteCursor(tx, "documents-backfill");
  });
}
