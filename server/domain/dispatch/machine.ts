import { z } from "zod";
import { INT4_MAX } from "../validation/ids";
import { fail, ok, type Result } from "~/server/domain/errors";
import {
  describeOutcome,
  outcomeTargetGroup,
  ZRationale,
  ZRecommendation,
  type DispatchOutcome,
  type Recommendation,
} from "./outcomes";
import { ISSUE_STATE_LABELS, ZClosedReason, type ClosedReason, type IssueState } from "./states";
import { optionalText, parseWith, requiredText, validationFailure } from "./validation";

/**
 * The dispatch issue state machine: which command is legal in which state and
 * what it produces (next state, events, fields to persist).
 *
 * WHO may issue a command is not decided here; the permission policy does that.
 * This module is pure: no clock, no ids, no I/O. The service adds actor, time
 * and version, and writes the patch and events in one transaction.
 */

// ---------------------------------------------------------------------------
// Commands

export const COMMAND_TYPES = [
  "edit",
  "request-info",
  "start-discussion",
  "recommend",
  "request-review",
  "approve",
  "return",
  "acknowledge",
  "decline",
  "close",
  "withdraw",
  "reopen",
] as const;
export type CommandType = (typeof COMMAND_TYPES)[number];

export const COMMAND_LABELS: Readonly<Record<CommandType, string>> = {
  edit: "Edit",
  "request-info": "Request information",
  "start-discussion": "Start discussion",
  recommend: "Recommend",
  "request-review": "Request AD review",
  approve: "Approve",
  return: "Return to chairs",
  acknowledge: "Acknowledge",
  decline: "Decline",
  close: "Close",
  withdraw: "Withdraw",
  reopen: "Reopen",
};

const ZEditCommand = z.object({
  type: z.literal("edit"),
  /** Names of the intake fields the submitter changed, for the timeline. */
  changedFields: z.array(requiredText("Field name", 100)).max(50).optional(),
});
const ZRequestInfoCommand = z.object({
  type: z.literal("request-info"),
  message: requiredText("Message"),
});
const ZStartDiscussionCommand = z.object({
  type: z.literal("start-discussion"),
  note: optionalText("Note"),
});
const ZRecommendCommand = z.object({
  type: z.literal("recommend"),
  recommendation: ZRecommendation,
});
const ZRequestReviewCommand = z.object({
  type: z.literal("request-review"),
  note: optionalText("Note"),
});
const ZApproveCommand = z.object({
  type: z.literal("approve"),
  rationale: ZRationale,
});
const ZReturnCommand = z.object({
  type: z.literal("return"),
  comment: requiredText("Comment"),
});
const ZAcknowledgeCommand = z.object({
  type: z.literal("acknowledge"),
  note: optionalText("Note"),
});
const ZDeclineCommand = z.object({
  type: z.literal("decline"),
  reason: requiredText("Reason"),
});
const ZCloseCommand = z
  .object({
    type: z.literal("close"),
    reason: ZClosedReason,
    duplicateOf: z
      .number({ error: "Duplicate of must be an issue number." })
      .int({ error: "Duplicate of must be a whole issue number." })
      .positive({ error: "Duplicate of must be a positive issue number." })
      .max(INT4_MAX, { error: "There is no issue with that number." })
      .optional(),
  })
  .superRefine((c, ctx) => {
    if (c.reason === "duplicate" && c.duplicateOf === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["duplicateOf"],
        message: "Give the number of the issue this one duplicates.",
      });
    }
    if (c.reason !== "duplicate" && c.duplicateOf !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["duplicateOf"],
        message: "Duplicate of is only allowed when the reason is duplicate.",
      });
    }
  });
const ZWithdrawCommand = z.object({
  type: z.literal("withdraw"),
  note: optionalText("Note"),
});
const ZReopenCommand = z.object({
  type: z.literal("reopen"),
  note: optionalText("Note"),
});

/** Every command, validated. Routers may use this as (part of) their input schema. */
export const ZIssueCommand = z.discriminatedUnion(
  "type",
  [
    ZEditCommand,
    ZRequestInfoCommand,
    ZStartDiscussionCommand,
    ZRecommendCommand,
    ZRequestReviewCommand,
    ZApproveCommand,
    ZReturnCommand,
    ZAcknowledgeCommand,
    ZDeclineCommand,
    ZCloseCommand,
    ZWithdrawCommand,
    ZReopenCommand,
  ],
  { error: () => `Unknown command. Commands are: ${COMMAND_TYPES.join(", ")}.` },
);
/** A command as callers write it (before trimming/normalising). */
export type IssueCommand = z.input<typeof ZIssueCommand>;
/** A command after validation. */
export type ParsedIssueCommand = z.output<typeof ZIssueCommand>;

// ---------------------------------------------------------------------------
// The transition table (data)

export interface TransitionRule {
  /** States the command is legal from (before guards). */
  readonly from: readonly IssueState[];
  /** The state it leads to. Every command has one fixed target. */
  readonly to: IssueState;
}

/**
 * Design decisions recorded here:
 * - `start-discussion` is legal from `needs-info`: the answer often comes on the
 *   mailing list or at a meeting rather than as an edit, and the chairs must be
 *   able to move on without waiting for the submitter.
 * - `close` is legal from every state except `closed` and `accepted`. Once the
 *   receiving group has acknowledged the work, dispatch is finished and the work
 *   lives in that group; none of the close reasons (withdrawn, duplicate, out of
 *   scope) describes it truthfully any more. `accepted` is therefore final.
 * - `withdraw` is the submitter's own close (reason `withdrawn`); it is not legal
 *   once the recommendation is with the AD or beyond (from then on the chairs
 *   use `close`).
 */
export const TRANSITIONS: { readonly [C in CommandType]: TransitionRule } = {
  edit: { from: ["submitted", "needs-info"], to: "submitted" },
  "request-info": { from: ["submitted", "in-discussion", "returned"], to: "needs-info" },
  "start-discussion": { from: ["submitted", "needs-info", "returned"], to: "in-discussion" },
  recommend: {
    from: ["submitted", "in-discussion", "returned", "recommended"],
    to: "recommended",
  },
  "request-review": { from: ["recommended"], to: "ad-review" },
  approve: { from: ["ad-review"], to: "dispatched" },
  return: { from: ["ad-review"], to: "returned" },
  acknowledge: { from: ["dispatched"], to: "accepted" },
  decline: { from: ["dispatched"], to: "returned" },
  close: {
    from: [
      "submitted",
      "needs-info",
      "in-discussion",
      "recommended",
      "ad-review",
      "dispatched",
      "returned",
    ],
    to: "closed",
  },
  withdraw: {
    from: ["submitted", "needs-info", "in-discussion", "recommended", "returned"],
    to: "closed",
  },
  reopen: { from: ["closed"], to: "submitted" },
};

// ---------------------------------------------------------------------------
// Snapshot, events, patch

/** What the machine needs to know about the issue. */
export interface IssueSnapshot {
  number: number;
  state: IssueState;
  /** The current (latest) recommendation, kept through returns so it can be revised. */
  recommendation: Recommendation | null;
  closedReason?: ClosedReason | null;
  duplicateOf?: number | null;
}

/** The part of a snapshot that guards look at. */
export type GuardSnapshot = Pick<IssueSnapshot, "recommendation">;

export const ISSUE_EVENT_TYPES = [
  "edited",
  "info-requested",
  "discussion-started",
  "recommendation-recorded",
  "review-requested",
  "ad-approved",
  "ad-returned",
  "acknowledged",
  "declined",
  "closed",
  "reopened",
] as const;
export type IssueEventType = (typeof ISSUE_EVENT_TYPES)[number];

type Event<T extends IssueEventType, P> = {
  type: T;
  payload: { before: IssueState; after: IssueState } & P;
};

/**
 * An event to append, without actor, time or id (the service adds those).
 * Every payload carries `before` and `after` states, so a state timeline can be
 * read from any event; `before === after` means the state did not change.
 */
export type IssueEventDraft =
  | Event<"edited", { changedFields?: string[]; answersInfoRequest: boolean }>
  | Event<"info-requested", { message: string }>
  | Event<"discussion-started", { note?: string }>
  | Event<
      "recommendation-recorded",
      { recommendation: Recommendation; summary: string; previous: Recommendation | null }
    >
  | Event<"review-requested", { recommendation: Recommendation; summary: string; note?: string }>
  | Event<
      "ad-approved",
      { rationale: string; outcome: DispatchOutcome; summary: string; targetGroup: string | null }
    >
  | Event<"ad-returned", { comment: string }>
  | Event<"acknowledged", { targetGroup: string; note?: string }>
  | Event<"declined", { reason: string; by: "target-group"; targetGroup: string | null }>
  | Event<
      "closed",
      {
        reason: ClosedReason;
        duplicateOf?: number;
        by?: "submitter";
        note?: string;
      }
    >
  | Event<
      "reopened",
      { previousReason: ClosedReason | null; previousDuplicateOf: number | null; note?: string }
    >;

/** Fields to persist. `state` is always present; other keys only when they change. */
export interface IssuePatch {
  state: IssueState;
  recommendation?: Recommendation;
  closedReason?: ClosedReason | null;
  duplicateOf?: number | null;
}

export interface TransitionOutcome {
  state: IssueState;
  events: IssueEventDraft[];
  patch: IssuePatch;
}

// ---------------------------------------------------------------------------
// Guards: conditions beyond the table, decided from the snapshot

type Guard = (issue: GuardSnapshot) => string | null;

const requireRecommendation: Guard = (issue) =>
  issue.recommendation ? null : "no recommendation is recorded on this issue";

/** Returns why the command is refused, or null when the guard passes. */
const GUARDS: Partial<Record<CommandType, Guard>> = {
  "request-review": requireRecommendation,
  approve: requireRecommendation,
  acknowledge: (issue) => {
    if (!issue.recommendation) return "no recommendation is recorded on this issue";
    if (outcomeTargetGroup(issue.recommendation.outcome) === null) {
      return `the dispatched outcome (${describeOutcome(issue.recommendation.outcome)}) has no receiving group whose chairs could acknowledge it; only existing-WG and IOTOPS outcomes are acknowledged`;
    }
    return null;
  },
};

/**
 * Commands legal from `state`, in table order. With a snapshot, commands whose
 * guard fails (e.g. `acknowledge` for a BoF outcome) are left out, so the UI can
 * offer exactly the actions that would succeed (permissions aside).
 */
export function legalCommands(state: IssueState, snapshot?: GuardSnapshot): CommandType[] {
  return COMMAND_TYPES.filter((c) => {
    if (!TRANSITIONS[c].from.includes(state)) return false;
    const guard = GUARDS[c];
    return !snapshot || !guard || guard(snapshot) === null;
  });
}

function isCommandType(value: unknown): value is CommandType {
  return typeof value === "string" && (COMMAND_TYPES as readonly string[]).includes(value);
}

function stateName(state: IssueState): string {
  return `${ISSUE_STATE_LABELS[state]} ("${state}")`;
}

function legalList(legal: readonly CommandType[]): string {
  return legal.length === 0 ? "none (this state is final)" : legal.join(", ");
}

// ---------------------------------------------------------------------------
// The transition function

/**
 * Decides whether `command` is legal for `issue` and what it produces.
 *
 * Order of checks: unknown command type (VALIDATION), state table
 * (INVALID_TRANSITION), payload (VALIDATION, `details.fieldErrors`), then guards
 * on the snapshot (INVALID_TRANSITION). The table comes before the payload so a
 * user is never asked to fix a form for an action that is not allowed anyway.
 */
export function transition(issue: IssueSnapshot, command: IssueCommand): Result<TransitionOutcome> {
  const type: unknown = (command as { type?: unknown } | null)?.type;
  if (!isCommandType(type)) {
    return validationFailure("Unknown command.", {
      fieldErrors: { type: [`Unknown command. Commands are: ${COMMAND_TYPES.join(", ")}.`] },
      formErrors: [],
    });
  }

  const from = issue.state;
  const rule = TRANSITIONS[type];
  if (!rule.from.includes(from)) {
    const legal = legalCommands(from, issue);
    return fail(
      "INVALID_TRANSITION",
      `Cannot ${type} an issue in state ${stateName(from)}. Legal commands from "${from}": ${legalList(legal)}.`,
      {
        state: from,
        command: type,
        legal,
      },
    );
  }

  const parsed = parseWith(ZIssueCommand, command, `The ${type} command is not valid.`, {
    command: type,
  });
  if (!parsed.ok) return parsed;
  const cmd = parsed.value;

  if (cmd.type === "close" && cmd.duplicateOf === issue.number) {
    return validationFailure(
      "An issue cannot be a duplicate of itself.",
      {
        fieldErrors: {
          duplicateOf: [`Issue #${issue.number} cannot be a duplicate of itself.`],
        },
        formErrors: [],
      },
      { command: type },
    );
  }

  const guard = GUARDS[type];
  const refusal = guard ? guard(issue) : null;
  if (refusal !== null) {
    const legal = legalCommands(from, issue);
    return fail(
      "INVALID_TRANSITION",
      `Cannot ${type} this issue: ${refusal}. Legal commands from "${from}": ${legalList(legal)}.`,
      { state: from, command: type, legal },
    );
  }

  return ok(apply(issue, cmd, rule.to));
}

function apply(issue: IssueSnapshot, cmd: ParsedIssueCommand, to: IssueState): TransitionOutcome {
  const before = issue.state;
  const after = to;
  const done = (event: IssueEventDraft, patch: Omit<IssuePatch, "state"> = {}) => ({
    state: after,
    events: [event],
    patch: { state: after, ...patch },
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
      return done({ type: "info-requested", payload: { before, after, message: cmd.message } });
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
  return {
    state: after,
    events: [
      {
        type: "closed",
        payload: {
          before: issue.state,
          after,
          reason,
          ...(duplicateOf !== undefined ? { duplicateOf } : {}),
          ...(by !== undefined ? { by } : {}),
          ...withNote(note),
        },
      },
    ],
    patch: { state: after, closedReason: reason, duplicateOf: duplicateOf ?? null },
  };
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
