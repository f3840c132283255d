import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { documentReplacements, documentRevisions, documents, documentStates } from "~/db/schema";
import type { SyncedDocument } from "~/server/domain/datatracker/documents";
import {
  SYNC_ACTOR_CAPACITY,
  type ResourceCounts,
} from "~/server/domain/datatracker/sync-vocabulary";
import { recordEvents, type EventInput } from "../events";

const FIELDS = [
  "rev",
  "title",
  "abstract",
  "group",
  "stream",
  "intendedStdLevel",
  "tags",
  "ad",
  "shepherd",
] as const;
type Field = (typeof FIELDS)[number];

function fieldsOf(d: {
  rev: string | null;
  title: string;
  abstract: string;
  groupAcronym: string | null;
  stream: string | null;
  intendedStdLevel: string | null;
  tags: string[];
  ad: string | null;
  shepherd: string | null;
}): Record<Field, unknown> {
  return {
    rev: d.rev,
    title: d.title,
    abstract: d.abstract,
    group: d.groupAcronym,
    stream: d.stream,
    intendedStdLevel: d.intendedStdLevel,
    tags: [...d.tags].sort(),
    ad: d.ad,
    shepherd: d.shepherd,
  };
}

const event = (d: SyncedDocument, type: string, payload: Record<string, unknown>): EventInput => ({
  subjectType: "document",
  subjectKey: d.name,
  type,
  actorId: null,
  actorCapacity: SYNC_ACTOR_CAPACITY,
  groupAcronym: d.group,
  payload,
});

/**
 * Make this database's copy of a page of documents equal to the Datatracker's:
 * fields, states on every axis, revisions and what each replaces. Runs inside the
 * page's transaction; writes nothing and no event for a document that did not change.
 * Returns the documents new to the tracker.
 */
export async function applyDocuments(
  tx: Db,
  docs: readonly SyncedDocument[],
  replaces: ReadonlyMap<string, readonly string[]>,
  counts: ResourceCounts,
): Promise<SyncedDocument[]> {
  if (docs.length === 0) return [];
  const names = docs.map((d) => d.name);
  const existing = new Map(
    (await tx.select().from(documents).where(inArray(documents.name, names))).map((d) => [
      d.name,
      d,
    ]),
  );
  const oldStates = new Map<string, Record<string, string>>();
  for (const s of await tx
    .select()
    .from(documentStates)
    .where(inArray(documentStates.documentName, names))) {
    const m = oldStates.get(s.documentName) ?? {};
    m[s.stateType] = s.slug;
    oldStates.set(s.documentName, m);
  }
  const oldReplaces = new Map<string, string[]>();
  for (const r of await tx
    .select()
    .from(documentReplacements)
    .where(inArray(documentReplacements.source, names))) {
    oldReplaces.set(r.source, [...(oldReplaces.get(r.source) ?? []), r.target]);
  }

  const events: EventInput[] = [];
  const created: SyncedDocument[] = [];
  const stateRows: { documentName: string; stateType: string; slug: string }[] = [];
  const revisionRows: { documentName: string; rev: string; date: string }[] = [];
  for (const d of docs) {
    const before = existing.get(d.name);
    const values = {
      rev: d.rev,
      title: d.title,
      abstract: d.abstract,
      groupAcronym: d.group,
      stream: d.stream,
      intendedStdLevel: d.intendedStdLevel,
      tags: [...d.tags].sort(),
      ad: d.ad,
      shepherd: d.shepherd,
      datatrackerTime: new Date(d.time),
    };
    const states = oldStates.get(d.name) ?? {};
    const stateChanges = [
      ...Object.entries(d.states).filter(([t, s]) => states[t] !== s),
      ...Object.keys(states)
        .filter((t) => !(t in d.states))
        .map((t) => [t, null] as const),
    ];
    const wantReplaces = [...(replaces.get(d.name) ?? [])].sort();
    const hadReplaces = [...(oldReplaces.get(d.name) ?? [])].sort();
    const replacesChanged = wantReplaces.join() !== hadReplaces.join();

    if (!before) {
      await tx.insert(documents).values({ name: d.name, ...values });
      counts.created++;
      created.push(d);
      events.push(
        event(d, "mirrored-from-datatracker", { rev: d.rev, title: d.title, time: d.time }),
      );
    } else {
      const current = fieldsOf(before);
      const incoming = fieldsOf(values);
      const changed = FIELDS.filter(
        (f) => JSON.stringify(current[f]) !== JSON.stringify(incoming[f]),
      );
      const becomesMirror = before.datatrackerTime === null;
      if (changed.length === 0 && stateChanges.length === 0 && !replacesChanged && !becomesMirror) {
        counts.unchanged++;
        continue;
      }
      await tx
        .update(documents)
        .set({ ...values, updatedAt: sql`now()`, version: sql`${documents.version} + 1` })
        .where(eq(documents.name, d.name));
      counts.updated++;
      if (changed.length > 0 || becomesMirror) {
        events.push(
          event(d, "updated-by-sync", {
            changed: Object.fromEntries(
              changed.map((f) => [f, { before: current[f], after: incoming[f] }]),
            ),
            ...(becomesMirror ? { mirrored: true } : {}),
          }),
        );
      }
    }
    for (const [stateType, slug] of stateChanges) {
      if (slug === null) {
        await tx
          .delete(documentStates)
          .where(
            and(eq(documentStates.documentName, d.name), eq(documentStates.stateType, stateType)),
          );
      } else stateRows.push({ documentName: d.name, stateType, slug });
      events.push(
        event(d, "state-changed", {
          stateType,
          before: states[stateType] ?? null,
          after: slug,
          comment: "Changed in the Datatracker",
        }),
      );
    }
    if (d.rev) revisionRows.push({ documentName: d.name, rev: d.rev, date: d.time.slice(0, 10) });
    if (replacesChanged) {
      const removed = hadReplaces.filter((t) => !wantReplaces.includes(t));
      const added = wantReplaces.filter((t) => !hadReplaces.includes(t));
      if (removed.length > 0) {
        await tx
          .delete(documentReplacements)
          .where(
            and(
              eq(documentReplacements.source, d.name),
              inArray(documentReplacements.target, removed),
            ),
          );
      }
      for (const target of added) events.push(event(d, "replaces-recorded", { replaces: target }));
      for (const target of removed) events.push(event(d, "replaces-removed", { replaces: target }));
      if (added.length > 0) {
        await tx
          .insert(documentReplacements)
          .values(added.map((target) => ({ source: d.name, target })))
          .onConflictDoNothing();
      }
    }
  }
  if (stateRows.length > 0) {
    await tx
      .insert(documentStates)
      .values(stateRows)
      .onConflictDoUpdate({
        target: [documentStates.documentName, documentStates.stateType],
        set: { slug: sql`excluded.slug` },
      });
  }
  if (revisionRows.length > 0)
    await tx.insert(documentRevisions).values(revisionRows).onConflictDoNothing();
  await recordEvents(tx, events);
  return created;
}
