import { DomainError } from "../errors";
import type { DispatchOutcome } from "./outcomes";

/** What the rule needs to know about a group in the catalog. */
export interface KnownGroup {
  acronym: string;
  /** Datatracker group type slug: wg, rg, dir, ... */
  type: string;
  /** Datatracker group state slug: active, bof, conclude, ... */
  state: string;
}

/** The group an outcome names, the field it sits in, and the group type it must have. */
export function namedGroup(
  outcome: DispatchOutcome,
): { acronym: string; field: string; type: "wg" | "rg" } | null {
  switch (outcome.kind) {
    case "existing-wg":
      return { acronym: outcome.targetGroup, field: "targetGroup", type: "wg" };
    case "irtf":
      return { acronym: outcome.researchGroup, field: "researchGroup", type: "rg" };
    default:
      return null;
  }
}

/** Whether work can be sent to `group` as a group of `type`: it must exist in that type and be active. */
export function canReceiveWork(group: KnownGroup, type: "wg" | "rg"): boolean {
  return group.type === type && group.state === "active";
}

const TYPE_NAMES = { wg: "a working group", rg: "an IRTF research group" } as const;

/**
 * Work can only be sent to a group that exists and is active: a mistyped or
 * concluded group would leave the work with nobody to acknowledge it.
 * Returns the message for the outcome's group field, or null when it is fine.
 */
export function targetGroupProblem(
  outcome: DispatchOutcome,
  group: KnownGroup | undefined,
): string | null {
  const named = namedGroup(outcome);
  if (!named) return null;
  const upper = named.acronym.toUpperCase();
  if (!group) return `There is no group called ${upper}. Choose a group from the list.`;
  if (group.type !== named.type) {
    return `${upper} is not ${TYPE_NAMES[named.type]}. Choose ${TYPE_NAMES[named.type]} from the list.`;
  }
  if (group.state !== "active") {
    return `${upper} is not an active group (its state is "${group.state}"). Choose an active group.`;
  }
  return null;
}

/** Throw a VALIDATION error on the recommendation's group field when the group is not usable. */
export function assertTargetGroup(
  outcome: DispatchOutcome,
  group: KnownGroup | undefined,
  pathPrefix = "recommendation.outcome",
): void {
  const problem = targetGroupProblem(outcome, group);
  if (!problem) return;
  const field = `${pathPrefix}.${namedGroup(outcome)!.field}`;
  throw new DomainError("VALIDATION", problem, { fieldErrors: { [field]: [problem] } });
}

/**
 * At review and approval the recommendation is already recorded: a group that is
 * no longer usable (concluded since, or never checked) stops the work from being
 * sent on, and the message says how to go on.
 */
export function assertTargetGroupStillReceives(
  outcome: DispatchOutcome,
  group: KnownGroup | undefined,
): void {
  const named = namedGroup(outcome);
  if (!named || !targetGroupProblem(outcome, group)) return;
  const upper = named.acronym.toUpperCase();
  const why = !group
    ? `there is no group called ${upper}`
    : group.type !== named.type
      ? `${upper} is not ${TYPE_NAMES[named.type]}`
      : `${upper} is not an active group (its state is "${group.state}")`;
  throw new DomainError(
    "VALIDATION",
    `The recommendation cannot be sent on: ${why}. Return it to the chairs to choose another group.`,
  );
}
