import { fail, ok, type Result } from "~/server/domain/errors";
import { applyCommand } from "./apply-command";
import { COMMAND_TYPES, ZIssueCommand, type CommandType, type IssueCommand } from "./commands";
import type { IssueEventDraft } from "./issue-events";
import { describeOutcome, outcomeTargetGroup, type Recommendation } from "./outcomes";
import { ISSUE_STATE_LABELS, type ClosedReason, type IssueState } from "./states";
import { parseWith, validationFailure } from "./validation";

export * from "./commands";
export * from "./issue-events";

/**
 * The dispatch issue state machine: which command is legal in which state and
 * what it produces (next state, events, fields to persist).
 *
 * WHO may issue a command is not decided here; the permission policy does that.
 * This module is pure: no clock, no ids, no I/O. The service adds actor, time
 * and version, and writes the patch and events in one transaction.
 */

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

/** Fields to persist. `state` is always present; other keys only when they change. */
export interface IssuePatch {
  state: IssueState;
  recommendation?: Recommendation;
  closedReason?: ClosedReason | null;
  duplicateOf?: number | null;
  /** The question the chairs asked, shown to the submitter until answered. */
  infoRequest?: string;
}

/**
 * What the service must do beside writing the patch and the events; each needs
 * the database, so the machine names it and the service carries it out.
 */
export type TransitionEffect =
  /** Refuse (CONFLICT) if a linked draft's current revision was already dispatched. */
  | { kind: "refuse-dispatched-revisions" }
  /** Remember the linked drafts' current revisions as dispatched by this issue. */
  | { kind: "record-dispatched-revisions" }
  /** Check the other issue exists and note on it that this one was merged into it. */
  | { kind: "merge-into-duplicate"; into: number }
  /** Refuse (VALIDATION) a recorded recommendation naming an unknown or inactive group. */
  | { kind: "check-target-group" };

export interface TransitionOutcome {
  state: IssueState;
  events: IssueEventDraft[];
  patch: IssuePatch;
  /** The group the events concern: the receiving group where there is one, else the dispatch group. */
  group: string;
  effects: TransitionEffect[];
}

/**
 * Effects that follow from the command alone (data). A recommendation must name
 * a known, active group; a recommendation or an approval must not dispatch a
 * draft revision twice; an approval records the
 * revisions it dispatched. `close` as a duplicate adds its merge in `closeWith`.
 */
export const COMMAND_EFFECTS: { readonly [C in CommandType]?: readonly TransitionEffect[] } = {
  recommend: [{ kind: "check-target-group" }, { kind: "refuse-dispatched-revisions" }],
  approve: [{ kind: "refuse-dispatched-revisions" }, { kind: "record-dispatched-revisions" }],
};

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

  return ok(applyCommand(issue, cmd, rule.to, COMMAND_EFFECTS[type] ?? []));
}
