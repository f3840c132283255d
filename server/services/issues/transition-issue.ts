import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { zId, zVersion } from "~/server/domain/validation";
import type { Db } from "~/db/client";
import { dispatchedRevisions, groups, issues } from "~/db/schema";
import { checkDispatchOnce } from "~/server/domain/dispatch/dispatch-once";
import {
  transition,
  ZIssueCommand,
  type IssueCommand,
  type IssueSnapshot,
  type TransitionEffect,
} from "~/server/domain/dispatch/machine";
import { ZRecommendation, type Recommendation } from "~/server/domain/dispatch/outcomes";
import {
  assertTargetGroup,
  assertTargetGroupStillReceives,
  namedGroup,
} from "~/server/domain/dispatch/target-group";
import { optionalText } from "~/server/domain/validation";
import { DomainError } from "~/server/domain/errors";
import { DISPATCH_GROUP, type MaybeActor } from "~/server/domain/permissions/actor";
import { COMMAND_ACTION } from "~/server/domain/permissions/issue-commands";
import { assertCan } from "~/server/domain/permissions/policy";
import { recordEvents } from "../events";
import { teachRouting } from "../routing/engine";
import { decisionDocument } from "../routing/knowledge";
import { assertVersion, issueResource, loadVisibleIssue, type IssueRow } from "./access";
import { linkedDocuments } from "./get-issue";

export const ZTransitionIssue = z.object({
  issueId: zId("The issue number"),
  expectedVersion: zVersion(),
  command: ZIssueCommand,
});

export function snapshotOf(row: IssueRow): IssueSnapshot {
  return {
    number: row.id,
    state: row.state,
    recommendation: row.recommendation,
    closedReason: row.closedReason,
    duplicateOf: row.duplicateOf,
  };
}

/** Refuse a recommendation or approval that would dispatch an already dispatched draft revision. */
async function assertNotDispatchedTwice(tx: Db, actor: MaybeActor, issueId: number) {
  const { documents, dispatched } = await linkedDocuments(tx, issueId, actor);
  const check = checkDispatchOnce(
    documents.filter((d) => d.known).map((d) => ({ name: d.name, rev: d.rev })),
    dispatched,
  );
  if (!check.ok) throw check.error;
  return documents;
}

/** Field changes that ride along with a command (used by `edit`). */
export interface ExtraChange {
  set: Partial<typeof issues.$inferInsert>;
  /** Merged into the command before the state machine sees it. */
  command?: Record<string, unknown>;
  /** Merged into the event payload, e.g. the before/after of each edited field. */
  payload?: Record<string, unknown>;
}

/**
 * Apply one dispatch command: check the version, the policy and the state
 * machine, then persist the change and its events in one transaction.
 * Extra field changes (for `edit`) are applied by the caller through `extra`.
 */
export async function transitionIssue(
  db: Db,
  actor: MaybeActor,
  input: { issueId: number; expectedVersion: number; command: IssueCommand },
  extra?: (tx: Db, row: IssueRow) => Promise<ExtraChange>,
) {
  const result = await db.transaction((tx) => applyCommand(tx, actor, input, extra));
  await afterCommit(db, result);
  return { id: result.id, state: result.state, version: result.version };
}

/** A confirmed dispatch teaches the routing engine (after commit, so a rollback teaches nothing). */
async function afterCommit(db: Db, result: IssueRow) {
  if (result.state === "dispatched" && !result.confidential) {
    const doc = decisionDocument(result);
    if (doc) await teachRouting(db, [doc]);
  }
}

/** Refuse a recommendation that names a group which does not exist or is not active. */
async function assertKnownTargetGroup(
  tx: Db,
  recommendation: Recommendation,
  check = assertTargetGroup,
) {
  const named = namedGroup(recommendation.outcome);
  if (!named) return;
  const [group] = await tx
    .select({ acronym: groups.acronym, type: groups.type, state: groups.state })
    .from(groups)
    .where(eq(groups.acronym, named.acronym));
  check(recommendation.outcome, group);
}

/** The charter item a recommendation files the work under, if it names one. */
function recommendedCharterItem(recommendation: Recommendation | undefined): string | null {
  return recommendation?.outcome.kind === "existing-wg" ? recommendation.outcome.charterItem : null;
}

/** One command inside the caller's transaction; returns the updated row. */
async function applyCommand(
  tx: Db,
  actor: MaybeActor,
  input: { issueId: number; expectedVersion: number; command: IssueCommand },
  extra?: (tx: Db, row: IssueRow) => Promise<ExtraChange>,
): Promise<IssueRow> {
  const row = await loadVisibleIssue(tx, actor, input.issueId, { forUpdate: true });
  const capacity = assertCan(actor, COMMAND_ACTION[input.command.type], issueResource(row));
  assertVersion(row, input.expectedVersion);
  const change: ExtraChange = extra ? await extra(tx, row) : { set: {} };
  const command = { ...input.command, ...change.command } as IssueCommand;
  const decided = transition(snapshotOf(row), command);
  if (!decided.ok) throw decided.error;
  const { patch, events: drafts, effects, group } = decided.value;
  const has = (kind: TransitionEffect["kind"]) => effects.some((e) => e.kind === kind);

  if (has("check-target-group") && patch.recommendation) {
    await assertKnownTargetGroup(tx, patch.recommendation);
  }
  // Checked again when the work is sent on: the group may have concluded since, or
  // the recommendation may predate the check.
  const sendsOn = input.command.type === "request-review" || input.command.type === "approve";
  if (sendsOn && row.recommendation) {
    await assertKnownTargetGroup(tx, row.recommendation, assertTargetGroupStillReceives);
  }
  // The charter item the chairs recommended under becomes the issue's charter item.
  const charterItem = recommendedCharterItem(patch.recommendation ?? undefined);
  const charterChange =
    charterItem && charterItem !== row.charterItem
      ? { charterItem: { before: row.charterItem, after: charterItem } }
      : {};

  const dispatchedDocs = has("refuse-dispatched-revisions")
    ? await assertNotDispatchedTwice(tx, actor, row.id)
    : [];
  const merge = effects.find((e) => e.kind === "merge-into-duplicate");
  if (merge) {
    const target = await loadVisibleIssue(tx, actor, merge.into).catch(() => null);
    if (!target) {
      throw new DomainError("VALIDATION", `There is no issue #${merge.into} to merge into.`, {
        fieldErrors: { duplicateOf: [`There is no issue #${merge.into}.`] },
      });
    }
    if (target.confidential && !row.confidential) {
      throw new DomainError(
        "VALIDATION",
        `Issue #${target.id} is confidential: a public issue cannot be closed as its duplicate, because that would publish its number. Close this issue with another reason.`,
        {
          fieldErrors: {
            duplicateOf: ["A public issue cannot be a duplicate of a confidential one."],
          },
        },
      );
    }
  }
  const [updated] = await tx
    .update(issues)
    .set({
      ...change.set,
      ...(charterChange.charterItem ? { charterItem: charterChange.charterItem.after } : {}),
      state: patch.state,
      ...(patch.recommendation !== undefined
        ? { recommendation: { ...patch.recommendation } }
        : {}),
      ...(patch.closedReason !== undefined ? { closedReason: patch.closedReason } : {}),
      ...(patch.duplicateOf !== undefined ? { duplicateOf: patch.duplicateOf } : {}),
      ...(patch.infoRequest !== undefined ? { infoRequest: patch.infoRequest } : {}),
      ...(patch.state === "dispatched" ? { dispatchedAt: sql`now()` } : {}),
      updatedAt: sql`now()`,
      version: sql`${issues.version} + 1`,
    })
    .where(eq(issues.id, row.id))
    .returning();
  if (!updated) throw new Error("update returned no row");

  if (has("record-dispatched-revisions")) {
    const revs = dispatchedDocs.filter((d) => d.known && d.rev && d.name.startsWith("draft-"));
    if (revs.length > 0) {
      await tx
        .insert(dispatchedRevisions)
        .values(revs.map((d) => ({ documentName: d.name, rev: d.rev!, issueId: row.id })))
        .onConflictDoNothing();
    }
  }
  await recordEvents(
    tx,
    drafts.map((d) => ({
      subjectType: "issue" as const,
      subjectKey: row.id,
      type: d.type,
      actorId: actor!.personId,
      actorCapacity: capacity,
      groupAcronym: group,
      payload: { ...d.payload, ...charterChange, ...change.payload, version: updated.version },
    })),
  );
  if (merge) {
    await recordEvents(tx, [
      {
        subjectType: "issue",
        subjectKey: merge.into,
        type: "duplicate-merged",
        actorId: actor!.personId,
        actorCapacity: capacity,
        groupAcronym: DISPATCH_GROUP,
        // A confidential duplicate leaves no trace of its number or title on the other issue.
        payload: row.confidential
          ? { duplicate: null, confidential: true }
          : { duplicate: row.id, title: row.title },
      },
    ]);
  }
  return updated;
}

export const ZRecommendForReview = z.object({
  issueId: zId("The issue number"),
  expectedVersion: zVersion(),
  recommendation: ZRecommendation,
  note: optionalText("Note"),
});

/**
 * Record the chairs' recommendation and send it to the area director in one
 * transaction: either both steps happen, with both events, or neither does.
 */
export async function recommendForReview(
  db: Db,
  actor: MaybeActor,
  input: z.input<typeof ZRecommendForReview>,
) {
  const result = await db.transaction(async (tx) => {
    const recommended = await applyCommand(tx, actor, {
      issueId: input.issueId,
      expectedVersion: input.expectedVersion,
      command: { type: "recommend", recommendation: input.recommendation },
    });
    return applyCommand(tx, actor, {
      issueId: input.issueId,
      expectedVersion: recommended.version,
      command: { type: "request-review", ...(input.note ? { note: input.note } : {}) },
    });
  });
  return { id: result.id, state: result.state, version: result.version };
}
