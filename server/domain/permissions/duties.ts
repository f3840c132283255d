/**
 * Which (role, group) grant carries each duty, and the per-actor views of it that
 * the policy and the list queries share (the areas an actor reviews, the groups
 * they lead, which issues they may see). Part of the policy; import it from there.
 */
import { DISPATCH_GROUP, hasRole, isSecretariat, type MaybeActor, type RoleGrant } from "./actor";

/**
 * The duties the policy hands to role holders, and which (role, group) grant
 * carries each. Services that must find the holders (the responsible-chair
 * picker, who is told about new work) ask `holdersOf` instead of spelling role
 * names; the policy's own checks below use the same table. The secretariat may
 * stand in for any of them, but is not a holder.
 */
export type Duty =
  /** Triage and recommend: the dispatch group's chairs. */
  | { duty: "dispatch" }
  /** Approve or return a recommendation: the area's directors. */
  | { duty: "review"; area: string }
  /** Acknowledge dispatched work, run the group's agenda and WG states: its chairs. */
  | { duty: "lead-group"; group: string };

export function holdersOf(d: Duty): RoleGrant {
  switch (d.duty) {
    case "dispatch":
      return { role: "chair", group: DISPATCH_GROUP };
    case "review":
      return { role: "ad", group: d.area };
    case "lead-group":
      return { role: "chair", group: d.group };
  }
}

/** The capacity (`chair/iotops`, `ad/ops`) in which the actor holds a duty, or null. */
export function holds(actor: MaybeActor, d: Duty): string | null {
  const g = holdersOf(d);
  return hasRole(actor, g.role, g.group) ? `${g.role}/${g.group}` : null;
}

/** The groups (or areas) for which the actor holds a per-group duty. */
export function heldGroups(actor: MaybeActor, duty: (group: string) => Duty): string[] {
  return (actor?.roles ?? [])
    .filter((r) => holds(actor, duty(r.group)) !== null)
    .map((r) => r.group);
}

export const dispatch: Duty = { duty: "dispatch" };
export const review = (area: string): Duty => ({ duty: "review", area });
export const leadGroup = (group: string): Duty => ({ duty: "lead-group", group });

/** The areas in which the actor is an area director. */
export function adAreas(actor: MaybeActor): string[] {
  return heldGroups(actor, review);
}

/**
 * Which areas' work the actor reviews as an area director: `"all"` for the
 * secretariat, otherwise the areas they direct (empty for everyone else).
 */
export function reviewAreas(actor: MaybeActor): "all" | readonly string[] {
  return isSecretariat(actor) ? "all" : adAreas(actor);
}

/** The groups the actor chairs: where work dispatched to those groups waits for them. */
export function chairedGroups(actor: MaybeActor): readonly string[] {
  return heldGroups(actor, leadGroup);
}

/**
 * Which issues an actor may see, in the shape a query needs: `"all"`, or public
 * issues plus confidential ones they submitted or that belong to an area they
 * direct. This is `issue.view` restated for lists; the integration tests hold
 * the two together.
 */
export type IssueVisibility =
  | "all"
  | {
      readonly submitterId: number | null;
      readonly areas: readonly string[];
      /** Groups whose chairs see confidential work handed off to them (HANDED_OFF_STATES). */
      readonly receivingGroups: readonly string[];
    };

export function issueVisibility(actor: MaybeActor): IssueVisibility {
  if (isSecretariat(actor) || holds(actor, dispatch)) return "all";
  const receivingGroups = heldGroups(actor, leadGroup);
  return { submitterId: actor?.personId ?? null, areas: adAreas(actor), receivingGroups };
}
