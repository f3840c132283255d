import { eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { zId, zVersion } from "~/server/domain/validation";
import type { Db } from "~/db/client";
import { issues, people, roleGrants } from "~/db/schema";
import { CHARTER_ITEM_IDS } from "~/server/domain/catalog";
import { DomainError } from "~/server/domain/errors";
import { DISPATCH_GROUP, type MaybeActor } from "~/server/domain/permissions/actor";
import { assertCan, decide } from "~/server/domain/permissions/policy";
import { recordEvent } from "../events";
import { assertVersion, issueResource, loadVisibleIssue } from "./access";
import { holdingDuty } from "../roles/duty-holders";
import { transitionIssue } from "./transition-issue";

export const ZTriageIssue = z
  .object({
    issueId: zId("The issue number"),
    expectedVersion: zVersion(),
    charterItem: z
      .enum(CHARTER_ITEM_IDS, { error: "Choose a charter item from the list." })
      .optional(),
    /** A chair's person id, or null to clear. */
    responsibleChairId: zId("The chair").nullable().optional(),
  })
  .refine((v) => v.charterItem !== undefined || v.responsibleChairId !== undefined, {
    message: "Nothing to change: choose a charter item or a responsible chair.",
  });

/** The IOTOPS chairs, for the responsible-chair picker. */
export async function findDispatchChairs(db: Db) {
  return db
    .selectDistinct({ id: people.id, name: people.name })
    .from(roleGrants)
    .innerJoin(people, eq(people.id, roleGrants.personId))
    .where(holdingDuty({ duty: "dispatch" }))
    .orderBy(people.name);
}

async function assertDispatchChair(db: Db, personId: number) {
  const chairs = await findDispatchChairs(db);
  const chair = chairs.find((c) => c.id === personId);
  if (!chair) {
    throw new DomainError("VALIDATION", "The responsible chair must be one of the IOTOPS chairs.", {
      fieldErrors: { responsibleChairId: ["Choose one of the IOTOPS chairs."] },
    });
  }
  return chair;
}

/** Set the charter item and/or the responsible chair, with one event per field changed. */
export async function triageIssue(db: Db, actor: MaybeActor, input: z.infer<typeof ZTriageIssue>) {
  return db.transaction(async (tx) => {
    const row = await loadVisibleIssue(tx, actor, input.issueId, { forUpdate: true });
    const capacity = assertCan(actor, "issue.triage", issueResource(row));
    assertVersion(row, input.expectedVersion);
    if (row.state === "closed") {
      throw new DomainError(
        "INVALID_TRANSITION",
        "This issue is closed; reopen it before triaging it.",
      );
    }
    const set: Partial<typeof issues.$inferInsert> = {};
    const changes: { type: string; payload: Record<string, unknown> }[] = [];
    if (input.charterItem !== undefined && input.charterItem !== row.charterItem) {
      set.charterItem = input.charterItem;
      changes.push({
        type: "charter-item-set",
        payload: {
          before: row.charterItem,
          after: input.charterItem,
          suggested: row.suggestedCharterItem,
        },
      });
    }
    if (
      input.responsibleChairId !== undefined &&
      input.responsibleChairId !== row.responsibleChairId
    ) {
      const chair = input.responsibleChairId
        ? await assertDispatchChair(tx, input.responsibleChairId)
        : null;
      set.responsibleChairId = input.responsibleChairId;
      changes.push({
        type: "chair-assigned",
        payload: {
          before: row.responsibleChairId,
          after: input.responsibleChairId,
          chairName: chair?.name ?? null,
        },
      });
    }
    if (changes.length === 0) return { id: row.id, version: row.version, changed: false };
    const [updated] = await tx
      .update(issues)
      .set({ ...set, updatedAt: sql`now()`, version: sql`${issues.version} + 1` })
      .where(eq(issues.id, row.id))
      .returning({ version: issues.version });
    for (const c of changes) {
      await recordEvent(tx, {
        subjectType: "issue",
        subjectKey: row.id,
        type: c.type,
        actorId: actor!.personId,
        actorCapacity: capacity,
        groupAcronym: DISPATCH_GROUP,
        payload: { ...c.payload, version: updated!.version },
      });
    }
    return { id: row.id, version: updated!.version, changed: true };
  });
}

export const ZBulkTriage = z
  .object({
    issues: z
      .array(z.object({ id: zId("The issue number"), version: zVersion() }))
      .min(1, "Select at least one issue.")
      .max(100, "Select at most 100 issues at a time."),
    responsibleChairId: zId("The chair").optional(),
    startDiscussion: z.boolean().optional(),
  })
  .refine((v) => v.responsibleChairId !== undefined || v.startDiscussion, {
    message: "Choose an action: assign a chair or move to discussion.",
  })
  .refine((v) => new Set(v.issues.map((i) => i.id)).size === v.issues.length, {
    message: "An issue is selected more than once.",
    path: ["issues"],
  });

/**
 * Bulk triage, all or nothing: if any selected issue changed meanwhile or
 * cannot take the action, nothing is changed and the message lists why.
 */
export async function bulkTriage(db: Db, actor: MaybeActor, input: z.infer<typeof ZBulkTriage>) {
  return db.transaction(async (tx) => {
    const ids = [...new Set(input.issues.map((i) => i.id))];
    if (ids.length !== input.issues.length) {
      throw new DomainError("VALIDATION", "An issue is selected more than once.");
    }
    // A confidential issue the actor may not see is "not found", in the same words
    // as a missing one, so a bulk request cannot probe which numbers exist.
    const rows = await tx.select().from(issues).where(inArray(issues.id, ids));
    const visible = rows.filter((r) => decide(actor, "issue.view", issueResource(r)).allowed);
    if (visible.length !== ids.length) {
      const found = new Set(visible.map((r) => r.id));
      throw new DomainError(
        "NOT_FOUND",
        `Issues not found: ${ids
          .filter((i) => !found.has(i))
          .map((i) => `#${i}`)
          .join(", ")}.`,
      );
    }
    const results: { id: number; version: number }[] = [];
    for (const item of input.issues) {
      let version = item.version;
      if (input.responsibleChairId !== undefined) {
        const r = await triageIssue(tx, actor, {
          issueId: item.id,
          expectedVersion: version,
          responsibleChairId: input.responsibleChairId,
        }).catch((e: unknown) => rethrowFor(item.id, e));
        version = r.version;
      }
      if (input.startDiscussion) {
        const r = await transitionIssue(tx, actor, {
          issueId: item.id,
          expectedVersion: version,
          command: { type: "start-discussion" },
        }).catch((e: unknown) => rethrowFor(item.id, e));
        version = r.version;
      }
      results.push({ id: item.id, version });
    }
    return { updated: results };
  });
}

function rethrowFor(id: number, e: unknown): never {
  if (e instanceof DomainError) {
    throw new DomainError(e.code, `Issue #${id}: ${e.message} Nothing was changed.`, e.details);
  }
  throw e;
}
