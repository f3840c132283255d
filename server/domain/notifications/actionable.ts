/**
 * Which issue events ask a given person to act. Every answer comes from the
 * permission policy, so this module names no role itself.
 */
import type { Actor } from "../permissions/actor";
import { canInOwnRight, type Action, type IssueResource } from "../permissions/policy";

/**
 * Whether an issue event asks this person to act. Every answer comes from the
 * policy: the person may take the action the event calls for, in a capacity of
 * their own (not merely as the secretariat's fallback).
 */
export function eventNeedsAction(
  a: Actor,
  type: string,
  payload: Record<string, unknown>,
  r: IssueResource,
): boolean {
  const own = (action: Action) => canInOwnRight(a, action, r);
  switch (type) {
    case "filed":
    case "ad-returned":
    case "declined":
      return own("issue.triage");
    case "review-requested":
      return own("issue.review");
    case "ad-approved":
      return r.targetGroup !== null && own("issue.acknowledge");
    case "info-requested":
      return a.personId === r.submitterId;
    case "chair-assigned":
      return payloadAfter(payload) === a.personId;
    default:
      return false;
  }
}

const payloadAfter = (p: Record<string, unknown>) => (typeof p.after === "number" ? p.after : null);
