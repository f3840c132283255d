import { DISPATCH_GROUP } from "../permissions/actor";
import type { ParsedIssueCommand } from "./commands";
import type { IssueEventDraft } from "./issue-events";
import type { IssuePatch, IssueSnapshot, TransitionEffect, TransitionOutcome } from "./machine";
import { describeOutcome, outcomeTargetGroup } from "./outcomes";
import type { ClosedReason, IssueState } from "./states";

/**
 * What a command produces once `transition` (machine.ts) has found it legal,
 * parsed it and passed its guards: the next state, its events, the fields to
 * persist, the group concerned and the effects (`effects` are the command's
 * entry in COMMAND_EFFECTS).
 */
export function applyCommand(
  issue: IssueSnapshot,
  cmd: ParsedIssueCommand,
  to: IssueState,
  effects: readonly TransitionEffect[],
): TransitionOutcome {
  const before = issue.state;
  const after = to;
  const done = (
    event: IssueEventDraft,
    patch: Omit<IssuePatch, "state"> = {},
  ): TransitionOutcome => ({
    state: after,
    events: [event],
    patch: { state: after, ...patch },
    group: eventGroup(event),
    effects: [...effects],
  });

  switch (cmd.type) {
    case "edit":
      return done({
        type: "edited",
        payload: {
          before,
          after,
          answersInfoRequest: before === "needs-info",
          ...(cmd.changedFields ? { changedFields: cmd.changedFields } : {}),
        },
      });
    case "request-info":
      return done(
        { type: "info-requested", payload: { before, after, message: cmd.message } },
        { infoRequest: cmd.message },
      );
    case "start-discussion":
      return done({
        type: "discussion-started",
        payload: { before, after, ...withNote(cmd.note) },
      });
    case "recommend":
      return done(
        {
          type: "recommendation-recorded",
          payload: {
            before,
            after,
            recommendation: cmd.recommendation,
            summary: describeOutcome(cmd.recommendation.outcome),
            previous: issue.recommendation,
          },
        },
        { recommendation: cmd.recommendation },
      );
    case "request-review": {
      const rec = mustHave(issue.recommendation);
      return done({
        type: "review-requested",
        payload: {
          before,
          after,
          recommendation: rec,
          summary: describeOutcome(rec.outcome),
          ...withNote(cmd.note),
        },
      });
    }
    case "approve": {
      const rec = mustHave(issue.recommendation);
      return done({
        type: "ad-approved",
        payload: {
          before,
          after,
          rationale: cmd.rationale,
          outcome: rec.outcome,
          summary: describeOutcome(rec.outcome),
          targetGroup: outcomeTargetGroup(rec.outcome),
        },
      });
    }
    case "return":
      return done({ type: "ad-returned", payload: { before, after, comment: cmd.comment } });
    case "acknowledge": {
      const group = outcomeTargetGroup(mustHave(issue.recommendation).outcome);
      return done({
        type: "acknowledged",
        payload: { before, after, targetGroup: mustHave(group), ...withNote(cmd.note) },
      });
    }
    case "decline":
      return done({
        type: "declined",
        payload: {
          before,
          after,
          reason: cmd.reason,
          by: "target-group",
          targetGroup: issue.recommendation
            ? outcomeTargetGroup(issue.recommendation.outcome)
            : null,
        },
      });
    case "close":
      return closeWith(issue, after, { reason: cmd.reason, duplicateOf: cmd.duplicateOf });
    case "withdraw":
      return closeWith(issue, after, { reason: "withdrawn", by: "submitter", note: cmd.note });
    case "reopen":
      return done(
        {
          type: "reopened",
          payload: {
            before,
            after,
            previousReason: issue.closedReason ?? null,
            previousDuplicateOf: issue.duplicateOf ?? null,
            ...withNote(cmd.note),
          },
        },
        { closedReason: null, duplicateOf: null },
      );
  }
}

function closeWith(
  issue: IssueSnapshot,
  after: IssueState,
  closure: { reason: ClosedReason; duplicateOf?: number; by?: "submitter"; note?: string },
): TransitionOutcome {
  const { reason, duplicateOf, by, note } = closure;
  const event: IssueEventDraft = {
    type: "closed",
    payload: {
      before: issue.state,
      after,
      reason,
      ...(duplicateOf !== undefined ? { duplicateOf } : {}),
      ...(by !== undefined ? { by } : {}),
      ...withNote(note),
    },
  };
  return {
    state: after,
    events: [event],
    patch: { state: after, closedReason: reason, duplicateOf: duplicateOf ?? null },
    group: eventGroup(event),
    effects: duplicateOf !== undefined ? [{ kind: "merge-into-duplicate", into: duplicateOf }] : [],
  };
}

/** The receiving group named on the event, if any; otherwise the dispatch group. */
function eventGroup(event: IssueEventDraft): string {
  return ("targetGroup" in event.payload ? event.payload.targetGroup : null) ?? DISPATCH_GROUP;
}

function withNote(note: string | undefined): { note?: string } {
  return note === undefined ? {} : { note };
}

/** Guards have already established presence; this narrows for the compiler. */
function mustHave<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) {
    throw new Error("dispatch machine: guard should have refused this command");
  }
  return value;
}
