import { eq, sql } from "drizzle-orm";
import { z } from "zod";
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

const ZName = z.string().trim().min(1).max(120);

/** Which policy action moves each state axis. */
const AXIS_ACTION: Record<TrackedStateType, Action> = {
  "draft-stream-ietf": "document.change-wg-state",
  "draft-iesg": "document.change-iesg-state",
  draft: "document.change-draft-state",
};

export const ZTransitionDocument = z.object({
  name: ZName,
  expectedVersion: z.number().int().positive(),
  stateType: z.enum(TRACKED_STATE_TYPES),
  to: z.string().trim().min(1, "Choose the new state.").max(60),
  comment: z.string().trim().max(5_000, "Keep the comment under 5,000 characters.").default(""),
});

async function bump(tx: Db, name: string) {
  const [row] = await tx
    .update(documents)
    .set({ updatedAt: sql`now()`, version: sql`${documents.version} + 1` })
    .where(eq(documents.name, name))
    .returning({ version: documents.version });
  return row!.version;
}

/** Move one state axis, if the policy and the transition table allow it. */
export async function transitionDocumentState(
  db: Db,
  actor: MaybeActor,
  input: z.infer<typeof ZTransitionDocument>,
) {
  return db.transaction(async (tx) => {
    const { doc, states, resource } = await loadDocument(tx, input.name, { forUpdate: true });
    const capacity = assertCan(actor, AXIS_ACTION[input.stateType], resource);
    assertDocumentVersion(doc, input.expectedVersion);
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
    const version = await bump(tx, doc.name);
    await recordEvent(tx, {
      subjectType: "document",
      subjectKey: doc.name,
      type: "state-changed",
      actorId: actor!.personId,
      actorCapacity: capacity,
      groupAcronym: doc.groupAcronym,
      payload: {
        stateType: change.stateType,
        owner: stateTypeOwner(change.stateType),
        before: change.from,
        after: change.to,
        comment: input.comment,
        version,
      },
    });
    return { version };
  });
}

export const ZSetDocumentTags = z.object({
  name: ZName,
  expectedVersion: z.number().int().positive(),
  tags: z
    .array(z.string())
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
  return db.transaction(async (tx) => {
    const { doc, resource } = await loadDocument(tx, input.name, { forUpdate: true });
    const capacity = assertCan(actor, "document.change-wg-state", resource);
    assertDocumentVersion(doc, input.expectedVersion);
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
    if (after.join() === before.join()) return { version: doc.version };
    await tx.update(documents).set({ tags: after }).where(eq(documents.name, doc.name));
    const version = await bump(tx, doc.name);
    await recordEvent(tx, {
      subjectType: "document",
      subjectKey: doc.name,
      type: "tags-changed",
      actorId: actor!.personId,
      actorCapacity: capacity,
      groupAcronym: doc.groupAcronym,
      payload: {
        before,
        after,
        added: after.filter((t) => !before.includes(t)),
        removed: before.filter((t) => !after.includes(t)),
        version,
      },
    });
    return { version };
  });
}

export const ZNewRevision = z.object({
  name: ZName,
  expectedVersion: z.number().int().positive(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Use the form YYYY-MM-DD.")
    .optional(),
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
  return db.transaction(async (tx) => {
    const { doc, states, resource } = await loadDocument(tx, input.name, { forUpdate: true });
    const capacity = assertCan(actor, "document.new-revision", resource);
    assertDocumentVersion(doc, input.expectedVersion);
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
    const version = await bump(tx, doc.name);
    await recordEvent(tx, {
      subjectType: "document",
      subjectKey: doc.name,
      type: "new-revision",
      actorId: actor!.personId,
      actorCapacity: capacity,
      groupAcronym: doc.groupAcronym,
      payload: { before: doc.rev, after: rev, date, reactivated: !!reactivated, version },
    });
    return { rev, version };
  });
}

export const ZRecordReplacement = z.object({
  name: ZName,
  expectedVersion: z.number().int().positive(),
  replaces: z.string().trim().min(1, "Give the name of the draft this one replaces.").max(120),
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
  return db.transaction(async (tx) => {
    const { doc, resource } = await loadDocument(tx, input.name, { forUpdate: true });
    const capacity = assertCan(actor, "document.change-wg-state", resource);
    assertDocumentVersion(doc, input.expectedVersion);
    const added = await tx
      .insert(documentReplacements)
      .values({ source: doc.name, target })
      .onConflictDoNothing()
      .returning();
    if (added.length === 0)
      throw new DomainError("CONFLICT", `${doc.name} already replaces ${target}.`);
    const version = await bump(tx, doc.name);
    await recordEvent(tx, {
      subjectType: "document",
      subjectKey: doc.name,
      type: "replaces-recorded",
      actorId: actor!.personId,
      actorCapacity: capacity,
      groupAcronym: doc.groupAcronym,
      payload: { replaces: target, version },
    });
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
          ? { replacedBy: doc.name, stateType: "draft", before: prev?.slug ?? null, after: "repl" }
          : { replacedBy: doc.name },
      });
    }
    return { version };
  });
}
