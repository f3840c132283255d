import { z } from "zod";

/**
 * The life of an IOTOPS dispatch issue (RFC 7957 dispatch model).
 *
 * A DISPATCH-style group only *recommends* where new work should go; it does not
 * adopt the work itself. The chairs record a recommendation, the responsible AD
 * approves it (the issue is then `dispatched`) or returns it to the chairs.
 *
 * `accepted` is our refinement of that model. The dispatch wikis are explicit that
 * the receiving WG "does not have to accept" dispatched work, so "dispatched" alone
 * does not say whether the work found a home. When the outcome names a group
 * (an existing WG, or IOTOPS itself), that group's chairs acknowledge the work
 * (`accepted`) or decline it (back to `returned`, so the dispatch chairs can
 * recommend something else). Outcomes without a receiving group (BoF, new WG, AD
 * sponsorship, mailing list, IRTF, other SDO, no IETF work) continue in processes
 * this tracker does not own, so for them `dispatched` is where the issue rests.
 */
export const ISSUE_STATES = [
  "submitted",
  "needs-info",
  "in-discussion",
  "recommended",
  "ad-review",
  "dispatched",
  "accepted",
  "returned",
  "closed",
] as const;
export type IssueState = (typeof ISSUE_STATES)[number];

export function isIssueState(value: unknown): value is IssueState {
  return typeof value === "string" && (ISSUE_STATES as readonly string[]).includes(value);
}

export const ISSUE_STATE_LABELS: Readonly<Record<IssueState, string>> = {
  submitted: "Submitted",
  "needs-info": "Needs information",
  "in-discussion": "In discussion",
  recommended: "Recommended",
  "ad-review": "AD review",
  dispatched: "Dispatched",
  accepted: "Accepted",
  returned: "Returned",
  closed: "Closed",
};

/** One line per state, in plain words, for tooltips and the help page. */
export const ISSUE_STATE_MEANINGS: Readonly<Record<IssueState, string>> = {
  submitted: "Filed and waiting for the IOTOPS chairs to look at it.",
  "needs-info": "The chairs asked the submitter a question; an edit by the submitter answers it.",
  "in-discussion":
    "Being discussed on the list or at a meeting before the chairs recommend a venue.",
  recommended: "The chairs have recorded where the work should go; it can still be revised.",
  "ad-review": "The responsible Area Director is reviewing the chairs' recommendation.",
  dispatched: "The AD approved the recommendation; the work has been sent to its venue.",
  accepted: "The receiving group's chairs acknowledged the dispatched work; dispatch is done.",
  returned: "Sent back to the IOTOPS chairs by the AD or by the receiving group, with a reason.",
  closed: "No further action: withdrawn, a duplicate, or out of scope. It can be reopened.",
};

export const CLOSED_REASONS = ["withdrawn", "duplicate", "out-of-scope"] as const;
export type ClosedReason = (typeof CLOSED_REASONS)[number];

export const ZClosedReason = z.enum(CLOSED_REASONS, {
  error: () => `Choose a reason: ${CLOSED_REASONS.join(", ")}.`,
});

export const CLOSED_REASON_LABELS: Readonly<Record<ClosedReason, string>> = {
  withdrawn: "Withdrawn",
  duplicate: "Duplicate",
  "out-of-scope": "Out of scope",
};

/** How a closed issue was closed. `duplicateOf` exists only for duplicates. */
export type Closure =
  { reason: "duplicate"; duplicateOf: number } | { reason: Exclude<ClosedReason, "duplicate"> };

/** The states the chairs' triage queue shows when no state is chosen. */
export const TRIAGE_OPEN_STATES: readonly IssueState[] = [
  "submitted",
  "needs-info",
  "in-discussion",
  "returned",
  "recommended",
];
