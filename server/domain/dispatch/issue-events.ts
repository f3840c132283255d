import type { DispatchOutcome, Recommendation } from "./outcomes";
import type { ClosedReason, IssueState } from "./states";

/** The events the dispatch state machine appends to an issue's history. */

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
