import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { ZDocumentName, zDay, zKey, zText, zVersion } from "~/server/domain/validation";
import type { Db } from "~/db/client";
import { documentReplacements, documentRevisions, documents, documentStates } from "~/db/schema";
import { parseDocumentRef } from "~/server/domain/documents/names";
import { DomainError } from "~/server/domain/errors";
import { nextRevision } from "~/server/domain/documents/names";
import {
  stateTypeOwner,
  transitionDocument,
  TRACKED_STATE_TYPES,
  type TrackedStateType,
} from "~/server/domain/documents/machine";
import { DOC_TAGS } from "~/server/domain/documents/vocabulary";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { assertCan, type Action } from "~/server/domain/permissions/policy";
import { recordEvent } from "../events";
import { assertDocumentVersion, loadDocument } from "./access";

const ZName = ZDocumentName;

/** Which policy action moves each state axis. */
const AXIS_ACTION: Record<TrackedStateType, Action> = {
  "draft-stream-ietf": "document.change-wg-state",
  "draft-iesg": "document.change-iesg-state",
  draft: "document.change-draft-state",
};

export const ZTransitionDocument = z.object({
  name: ZName,
  expectedVersion: zVersion(),
  stateType: z.enum(TRACKED_STATE_TYPES),
  to: zText("the new state", 60, 1),
  comment: zText("the comment", 5_000).default(""),
});

async function bump(tx: Db, name: string) {
  const [row] = await tx
    .update(documents)
    .set({ updatedAt: sql`now()`, version: sql`${documents.version} + 1` })
    .where(eq(documents.name, name))
    .returning({ version: documents.version });
  return row!.version;
}

type LoadedDocument = Awaited<ReturnType<typeof loadDocument>>;

/** What one document change did: its event, and what to return besides the version. */
interface DocumentChange<T> {
  type: string;
  payload: Record<string, unknown>;
  result: T;
  /** More work after the event, in the same transaction (e.g. the replaced draft's side). */
  afterEvent?: (tx: Db, capacity: string) => Promise<void>;
}

/**
 * Every change to a document goes through here: lock the row, ask the policy,
 * check the version the client read, make the change, bump the version and append
 * the event, all in one transaction. `apply` returns null when nothing changed
 * (no new version, no event).
 */
async function changeDocument<T extends object>(
  db: Db,
  actor: MaybeActor,
  input: { name: string; expectedVersion: number },
  action: Action,
  apply: (tx: Db, loaded: LoadedDocument) => Promise<DocumentChange<T> | null>,
): Promise<{ version: number; result: T | null }> {
  return db.transaction(async (tx) => {
    const loaded = await loadDocument(tx, input.name, { forUpdate: true });
    const capacity = assertCan(actor, action, loaded.resource);
    assertDocumentVersion(loaded.doc, input.expectedVersion);
    const change = await apply(tx, loaded);
    if (!change) return { version: loaded.doc.version, result: null };
    const version = await bump(tx, loaded.doc.name);
    await recordEvent(tx, {
      subjectType: "document",
      subjectKey: loaded.doc.name,
      type: change.type,
      actorId: actor!.personId,
      actorCapacity: capacity,
      groupAcronym: loaded.doc.groupAcronym,
      payload: { ...change.payload, version },
    });
    await change.afterEvent?.(tx, capacity);
    return { version, result: change.result };
  });
}

/** Move one state axis, if the policy and the transition table allow it. */
export async function transitionDocumentState(
  db: Db,
  actor: MaybeActor,
  input: z.infer<typeof ZTransitionDocument>,
) {
  const { version } = await changeDocument(
    db,
    actor,
    input,
    AXIS_ACTION[input.stateType],
    async (tx, { doc, states }) => {
      const decided = transitionDocument(states, { stateType: input.stateType, to: input.to });
      if (!decided.ok) throw decided.error;
      const change = decided.value;
      await tx
        .insert(documentStates)
        .values({ documentName: doc.name, stateType: change.stateType, slug: change.to })
        .onConflictDoUpdate({
          target: [documentStates.documentName, documentStates.stateType],
          set: { slug: change.to },
        });
      return {
        type: "state-changed",
        payload: {
          stateType: change.stateType,
          owner: stateTypeOwner(change.stateType),
          before: change.from,
          after: change.to,
          comment: input.comment,
        },
        result: {},
      };
    },
  );
  return { version };
}

export const ZSetDocumentTags = z.object({
  name: ZName,
  expectedVersion: zVersion(),
  tags: z
    .array(zKey(60))
    .max(20)
    .refine((tags) => tags.every((t) => DOC_TAGS.some((d) => d.slug === t)), {
      message: "Choose tags from the Datatracker's list.",
    }),
});

/** Chairs annotate their group's documents with the Datatracker's tags. */
export async function setDocumentTags(
  db: Db,
  actor: MaybeActor,
  input: z.infer<typeof ZSetDocumentTags>,
) {
  const { version } = await changeDocument(
    db,
    actor,
    input,
    "document.change-wg-state",
    async (tx, { doc }) => {
      const unknown = input.tags.filter((t) => !DOC_TAGS.some((d) => d.slug === t));
      if (unknown.length > 0) {
        throw new DomainError(
          "VALIDATION",
          `Unknown tags: ${unknown.join(", ")}. Choose tags from the Datatracker's list.`,
          {
            fieldErrors: { tags: [`Unknown tags: ${unknown.join(", ")}.`] },
          },
        );
      }
      const after = [...new Set(input.tags)].sort();
      const before = [...doc.tags].sort();
      if (after.join() === before.join()) return null;
      await tx.update(documents).set({ tags: after }).where(eq(documents.name, doc.name));
      return {
        type: "tags-changed",
        payload: {
          before,
          after,
          added: after.filter((t) => !before.includes(t)),
          removed: before.filter((t) => !after.includes(t)),
        },
        result: {},
      };
    },
  );
  return { version };
}

export const ZNewRevision = z.object({
  name: ZName,
  expectedVersion: zVersion(),
  date: zDay().optional(),
});

/**
 * An author posts the next revision. The draft becomes active again, and a linked
 * issue whose dispatch was blocked by the old revision may now be dispatched.
 */
export async function postNewRevision(
  db: Db,
  actor: MaybeActor,
  input: z.infer<typeof ZNewRevision>,
) {
  const r = await changeDocument(
    db,
    actor,
    input,
    "document.new-revision",
    async (tx, { doc, states }) => {
      if (states.draft === "rfc" || doc.name.startsWith("rfc")) {
        throw new DomainError(
          "INVALID_TRANSITION",
          `${doc.name} has been published as an RFC; it takes no new revisions.`,
        );
      }
      const rev = nextRevision(doc.rev);
      const date = input.date ?? new Date().toISOString().slice(0, 10);
      await tx.insert(documentRevisions).values({ documentName: doc.name, rev, date });
      await tx.update(documents).set({ rev }).where(eq(documents.name, doc.name));
      const reactivated = states.draft && states.draft !== "active" && states.draft !== "rfc";
      if (reactivated) {
        await tx
          .update(documentStates)
          .set({ slug: "active" })
          .where(
            sql`${documentStates.documentName} = ${doc.name} and ${documentStates.stateType} = 'draft'`,
          );
      }
      return {
        type: "new-revision",
        payload: { before: doc.rev, after: rev, date, reactivated: !!reactivated },
        result: { rev },
      };
    },
  );
  return { rev: r.result!.rev, version: r.version };
}

export const ZRecordReplacement = z.object({
  name: ZName,
  expectedVersion: zVersion(),
  replaces: zText("the name of the draft this one replaces", 120, 1),
});

/**
 * Record that this document replaces another (e.g. an individual draft adopted
 * as draft-ietf-...). The replaced draft, if tracked, moves to "Replaced".
 */
export async function recordReplacement(
  db: Db,
  actor: MaybeActor,
  input: z.infer<typeof ZRecordReplacement>,
) {
  const ref = parseDocumentRef(input.replaces);
  if (!ref.ok || ref.value.kind !== "draft") {
    const message = ref.ok ? "Only an Internet-Draft can be replaced." : ref.error.message;
    throw new DomainError("VALIDATION", message, { fieldErrors: { replaces: [message] } });
  }
  const target = ref.value.name;
  if (target === input.name) {
    throw new DomainError("VALIDATION", "A document cannot replace itself.", {
      fieldErrors: { replaces: ["A document cannot replace itself."] },
    });
  }
  const { version } = await changeDocument(
    db,
    actor,
    input,
    "document.change-wg-state",
    async (tx, { doc }) => {
      const added = await tx
        .insert(documentReplacements)
        .values({ source: doc.name, target })
        .onConflictDoNothing()
        .returning();
      if (added.length === 0)
        throw new DomainError("CONFLICT", `${doc.name} already replaces ${target}.`);
      return {
        type: "replaces-recorded",
        payload: { replaces: target },
        result: {},
        afterEvent: async (tx, capacity) => {
          const [old] = await tx
            .select({ name: documents.name })
            .from(documents)
            .where(eq(documents.name, target));
          if (old) {
            const [prev] = await tx
              .select({ slug: documentStates.slug })
              .from(documentStates)
              .where(
                sql`${documentStates.documentName} = ${target} and ${documentStates.stateType} = 'draft'`,
              );
            // The replaced draft moves to "Replaced" only where the state table allows it
            // (a published RFC stays an RFC); the lineage is recorded either way.
            const move = transitionDocument(
              { draft: prev?.slug ?? null },
              { stateType: "draft", to: "repl" },
            );
            if (move.ok) {
              await tx
                .insert(documentStates)
                .values({ documentName: target, stateType: "draft", slug: "repl" })
                .onConflictDoUpdate({
                  target: [documentStates.documentName, documentStates.stateType],
                  set: { slug: "repl" },
                });
            }
            await bump(tx, target);
            await recordEvent(tx, {
              subjectType: "document",
              subjectKey: target,
              type: "replaced-by",
              actorId: actor!.personId,
              actorCapacity: capacity,
              groupAcronym: doc.groupAcronym,
              payload: move.ok
                ? {
                    replacedBy: doc.name,
                    stateType: "draft",
                    before: prev?.slug ?? null,
                    after: "repl",
                  }
                : { replacedBy: doc.name },
            });
          }
        },
      };
    },
  );
  return { version };
}
