import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { documentRevisions, documents, documentStates } from "~/db/schema";
import {
  importErrorsToDomainError,
  parseDatatrackerImport,
  type ImportedDocument,
} from "~/server/domain/documents/import-parse";
import { compareRevisions } from "~/server/domain/documents/names";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { assertCan, NO_RESOURCE } from "~/server/domain/permissions/policy";
import { recordEvents, type EventInput } from "../events";
import { teachRouting } from "../routing/engine";

export interface ImportReport {
  format: string;
  created: number;
  updated: number;
  unchanged: number;
  skipped: { name: string | null; reason: string }[];
  warnings: string[];
}

/** Who runs an import: a signed-in person (checked by the policy), or the operator's command line. */
export type Importer = MaybeActor | "command-line";

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

function today(time: string | null): string {
  return (time ?? new Date().toISOString()).slice(0, 10);
}

/**
 * Import documents from a Datatracker API export or the project's JSON Lines.
 * All or nothing: a malformed file is rejected before anything is written, and
 * the writes run in one transaction. Re-importing the same file changes nothing.
 */
export async function importDocuments(
  db: Db,
  importer: Importer,
  text: string,
  opts: { onProgress?: (done: number, total: number) => void } = {},
): Promise<ImportReport> {
  const actor = importer === "command-line" ? null : importer;
  const capacity =
    importer === "command-line" ? "command-line" : assertCan(actor, "document.import", NO_RESOURCE);
  const parsed = parseDatatrackerImport(text);
  if (!parsed.ok) throw importErrorsToDomainError(parsed);
  const records = parsed.records;
  const report: ImportReport = {
    format: parsed.format,
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: parsed.skipped.map((s) => ({ name: s.name, reason: s.message })),
    warnings: parsed.warnings.map((w) => w.message),
  };
  const learned: ImportedDocument[] = [];
  await db.transaction(async (tx) => {
    const names = records.map((r) => r.name);
    const existing = new Map<string, typeof documents.$inferSelect>();
    const existingStates = new Map<string, Record<string, string>>();
    for (let i = 0; i < names.length; i += 500) {
      const chunk = names.slice(i, i + 500);
      for (const d of await tx.select().from(documents).where(inArray(documents.name, chunk)))
        existing.set(d.name, d);
      for (const s of await tx
        .select()
        .from(documentStates)
        .where(inArray(documentStates.documentName, chunk))) {
        const m = existingStates.get(s.documentName) ?? {};
        m[s.stateType] = s.slug;
        existingStates.set(s.documentName, m);
      }
    }
    // Events are appended in batches (one insert, one notification pass per batch).
    const pending: EventInput[] = [];
    const flush = async () => {
      await recordEvents(tx, pending.splice(0));
    };
    let done = 0;
    for (const r of records) {
      const before = existing.get(r.name);
      // A field the file does not carry (null, or tags in JSON Lines) never erases what is known.
      const keep = <T>(incoming: T | null, current: T | null | undefined): T | null =>
        incoming ?? current ?? null;
      const values = {
        // Never move a revision backwards (a file may be older than what we know).
        rev:
          r.rev && before?.rev && compareRevisions(r.rev, before.rev) < 0
            ? before.rev
            : keep(r.rev, before?.rev),
        title: r.title,
        abstract: r.abstract || before?.abstract || "",
        groupAcronym: keep(r.group, before?.groupAcronym),
        stream: keep(r.stream, before?.stream),
        intendedStdLevel: keep(r.intendedStdLevel, before?.intendedStdLevel),
        tags: parsed.format === "jsonl" && before ? before.tags : r.tags,
        ad: keep(r.ad, before?.ad),
        shepherd: keep(r.shepherd, before?.shepherd),
      };
      const incoming: Record<(typeof FIELDS)[number], unknown> = {
        rev: values.rev,
        title: values.title,
        abstract: values.abstract,
        group: values.groupAcronym,
        stream: values.stream,
        intendedStdLevel: values.intendedStdLevel,
        tags: values.tags,
        ad: values.ad,
        shepherd: values.shepherd,
      };
      const oldStates = existingStates.get(r.name) ?? {};
      const stateChanges = Object.entries(r.states).filter(([t, s]) => oldStates[t] !== s);
      if (!before) {
        await tx.insert(documents).values({ name: r.name, ...values });
        report.created++;
        pending.push({
          subjectType: "document",
          subjectKey: r.name,
          type: "imported",
          actorId: actor?.personId ?? null,
          actorCapacity: capacity,
          groupAcronym: r.group,
          payload: { rev: r.rev, title: r.title, format: parsed.format },
        });
      } else {
        const current: Record<(typeof FIELDS)[number], unknown> = {
          rev: before.rev,
          title: before.title,
          abstract: before.abstract,
          group: before.groupAcronym,
          stream: before.stream,
          intendedStdLevel: before.intendedStdLevel,
          tags: before.tags,
          ad: before.ad,
          shepherd: before.shepherd,
        };
        const changed = FIELDS.filter(
          (f) => JSON.stringify(current[f]) !== JSON.stringify(incoming[f]),
        );
        if (changed.length === 0 && stateChanges.length === 0) {
          report.unchanged++;
          opts.onProgress?.(++done, records.length);
          continue;
        }
        await tx
          .update(documents)
          .set({ ...values, updatedAt: sql`now()`, version: sql`${documents.version} + 1` })
          .where(eq(documents.name, r.name));
        report.updated++;
        pending.push({
          subjectType: "document",
          subjectKey: r.name,
          type: "updated-by-import",
          actorId: actor?.personId ?? null,
          actorCapacity: capacity,
          groupAcronym: r.group,
          payload: {
            changed: Object.fromEntries(
              changed.map((f) => [f, { before: current[f], after: incoming[f] }]),
            ),
          },
        });
      }
      for (const [stateType, slug] of stateChanges) {
        await tx
          .insert(documentStates)
          .values({ documentName: r.name, stateType, slug })
          .onConflictDoUpdate({
            target: [documentStates.documentName, documentStates.stateType],
            set: { slug },
          });
        pending.push({
          subjectType: "document",
          subjectKey: r.name,
          type: "state-changed",
          actorId: actor?.personId ?? null,
          actorCapacity: capacity,
          groupAcronym: r.group,
          payload: {
            stateType,
            before: oldStates[stateType] ?? null,
            after: slug,
            comment: "Set by import",
          },
        });
      }
      if (values.rev) {
        await tx
          .insert(documentRevisions)
          .values({ documentName: r.name, rev: values.rev, date: today(r.time) })
          .onConflictDoNothing();
      }
      // New documents are taught at once; changed ones reach the engine at its next rebuild.
      if (!before && values.groupAcronym) learned.push({ ...r, group: values.groupAcronym });
      if (pending.length >= 500) await flush();
      opts.onProgress?.(++done, records.length);
    }
    await flush();
  });
  // Imported documents feed the routing engine at once.
  await teachRouting(
    db,
    learned.map((r) => ({
      name: r.name,
      title: r.title,
      abstract: r.abstract,
      group: r.group!,
      source: "document" as const,
    })),
  );
  return report;
}
