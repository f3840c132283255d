/**
 * The one permission policy. Every service asks `assertCan(actor, action, resource)`
 * before it acts; routers and pages never look at roles themselves. The UI may call
 * `can` to decide which controls to render, but the server check is what counts.
 */
import { TRANSITIONS } from "../dispatch/machine";
import type { IssueState } from "../dispatch/states";
import { DomainError } from "../errors";
import { DISPATCH_GROUP, isSecretariat, type Actor, type MaybeActor, verifiedEmail } from "./actor";
import { adAreas, chairedGroups, dispatch, holds, leadGroup, review } from "./duties";

export {
  chairedGroups,
  holdersOf,
  issueVisibility,
  leadGroup,
  reviewAreas,
  type Duty,
  type IssueVisibility,
} from "./duties";

/** What the policy needs to know about an issue. */
export interface IssueResource {
  kind: "issue";
  submitterId: number;
  confidential: boolean;
  /** Responsible area acronym, e.g. `ops`. */
  area: string;
  state: string;
  /** The group whose chairs must acknowledge dispatched work, if any. */
  targetGroup: string | null;
}

export interface DocumentResource {
  kind: "document";
  group: string | null;
  /** The area of the document's group, for AD checks. */
  area: string | null;
  /** Responsible AD's email, if known. */
  adEmail: string | null;
  authorEmails: readonly string[];
  /**
   * Mirrored from the IETF Datatracker: its states, tags, revisions and
   * replacements are changed there, and the sync brings them here.
   */
  mirrored: boolean;
}

export interface GroupResource {
  kind: "group";
  acronym: string;
}

/** A saved view of the issue list or triage queue. */
export interface SavedViewResource {
  kind: "saved-view";
  ownerId: number;
  /** The group whose chairs the view is shared with, if any. */
  sharedWith: string | null;
}

export type Resource =
  IssueResource | DocumentResource | GroupResource | SavedViewResource | { kind: "none" };

export const ACTIONS = [
  "role.manage",
  "issue.file",
  "issue.view",
  "issue.edit",
  "issue.withdraw",
  "issue.comment",
  "issue.triage",
  "issue.recommend",
  "issue.review",
  "issue.acknowledge",
  "issue.link-document",
  "document.change-wg-state",
  "document.change-iesg-state",
  "document.change-draft-state",
  "document.new-revision",
  "document.import",
  "document.create",
  "meeting.manage",
  "agenda.manage",
  "outbox.view",
  "sync.view",
  "sync.run",
  "triage.view",
  "review.view",
  "handoffs.view",
  "admin.view",
  "view.save",
  "view.see",
  "view.manage",
  "view.share",
] as const;
export type Action = (typeof ACTIONS)[number];

export type Decision =
  | { allowed: true; /** How the actor is entitled, recorded on the event. */ capacity: string }
  | { allowed: false; reason: string };

const allow = (capacity: string): Decision => ({ allowed: true, capacity });
const deny = (reason: string): Decision => ({ allowed: false, reason });

/** States in which the submitter may still edit (before triage): where `edit` is legal. */
export const SUBMITTER_EDITABLE_STATES: readonly IssueState[] = TRANSITIONS.edit.from;
/** States from which the submitter may withdraw: where `withdraw` is legal. */
export const WITHDRAWABLE_STATES: readonly IssueState[] = TRANSITIONS.withdraw.from;

const isIn = (states: readonly IssueState[], state: string): boolean =>
  (states as readonly string[]).includes(state);
/**
 * States in which work sits with the receiving group: from the moment it is
 * dispatched to them, its chairs are entitled to see it, even when confidential.
 */
export const HANDED_OFF_STATES: readonly IssueState[] = [
  // Approved for dispatch to the group, then taken up by it.
  TRANSITIONS.approve.to,
  TRANSITIONS.acknowledge.to,
];

function canSeeIssue(actor: MaybeActor, r: IssueResource): Decision {
  if (!r.confidential) return allow(actor ? "participant" : "public");
  if (!actor) return deny("This issue is confidential.");
  if (actor.personId === r.submitterId) return allow("submitter");
  const capacity = holds(actor, dispatch) ?? holds(actor, review(r.area));
  if (capacity) return allow(capacity);
  if (isSecretariat(actor)) return allow("secretariat");
  const receiving =
    r.targetGroup && isIn(HANDED_OFF_STATES, r.state)
      ? holds(actor, leadGroup(r.targetGroup))
      : null;
  if (receiving) return allow(receiving);
  return deny("This issue is confidential.");
}

/** A role-holder first, then the secretariat as the fallback capacity. */
function roleOrSecretariat(actor: Actor, ok: string | null, reason: string): Decision {
  if (ok) return allow(ok);
  if (isSecretariat(actor)) return allow("secretariat");
  return deny(reason);
}

function decideIssue(actor: Actor, action: Action, r: IssueResource): Decision {
  const seen = canSeeIssue(actor, r);
  if (!seen.allowed) return seen;
  const dispatchChair = holds(actor, dispatch);
  switch (action) {
    case "issue.view":
      return seen;
    case "issue.comment":
      return allow(seen.capacity);
    case "issue.edit":
      if (actor.personId === r.submitterId) {
        return isIn(SUBMITTER_EDITABLE_STATES, r.state)
          ? allow("submitter")
          : isSecretariat(actor)
            ? allow("secretariat")
            : deny("The issue has been triaged; only the chairs can change it now.");
      }
      return roleOrSecretariat(actor, null, "Only the submitter can edit this issue.");
    case "issue.withdraw":
      if (actor.personId === r.submitterId && isIn(WITHDRAWABLE_STATES, r.state)) {
        return allow("submitter");
      }
      return roleOrSecretariat(actor, null, "Only the submitter can withdraw this issue.");
    case "issue.triage":
    case "issue.recommend":
      return roleOrSecretariat(
        actor,
        dispatchChair,
        `Only the ${DISPATCH_GROUP.toUpperCase()} chairs can do this.`,
      );
    case "issue.link-document":
      if (actor.personId === r.submitterId && isIn(SUBMITTER_EDITABLE_STATES, r.state)) {
        return allow("submitter");
      }
      return roleOrSecretariat(
        actor,
        dispatchChair,
        `Only the submitter (before triage) or the ${DISPATCH_GROUP.toUpperCase()} chairs can link documents.`,
      );
    case "issue.review":
      return roleOrSecretariat(
        actor,
        holds(actor, review(r.area)),
        `Only the area directors of the ${r.area.toUpperCase()} area can approve or return a recommendation.`,
      );
    case "issue.acknowledge":
      return roleOrSecretariat(
        actor,
        r.targetGroup ? holds(actor, leadGroup(r.targetGroup)) : null,
        r.targetGroup
          ? `Only the chairs of ${r.targetGroup.toUpperCase()} can acknowledge or decline this work.`
          : "This outcome has no target group to acknowledge it.",
      );
    default:
      return deny(`${action} does not apply to an issue.`);
  }
}

/** Document changes that belong to the Datatracker when the document is mirrored from it. */
export const MIRRORED_IN_DATATRACKER: readonly Action[] = [
  "document.change-wg-state",
  "document.change-iesg-state",
  "document.change-draft-state",
  "document.new-revision",
];

function decideDocument(actor: Actor, action: Action, r: DocumentResource): Decision {
  if (r.mirrored && MIRRORED_IN_DATATRACKER.includes(action)) {
    return deny(
      "This document is mirrored from the IETF Datatracker: change its states, tags, revisions and replacements there; the next sync brings the change here.",
    );
  }
  switch (action) {
    case "document.change-wg-state":
      return roleOrSecretariat(
        actor,
        r.group ? holds(actor, leadGroup(r.group)) : null,
        r.group
          ? `Only the chairs of ${r.group.toUpperCase()} can change this document's WG state and tags.`
          : "This document has no working group.",
      );
    case "document.change-iesg-state":
    case "document.change-draft-state": {
      // The named responsible AD; when none is recorded, any AD of the group's area.
      const email = verifiedEmail(actor);
      const responsible =
        r.adEmail !== null
          ? email !== null && r.adEmail.toLowerCase() === email
            ? "responsible-ad"
            : null
          : r.area
            ? holds(actor, review(r.area))
            : null;
      return roleOrSecretariat(
        actor,
        responsible,
        "Only the responsible area director or the secretariat can change this state.",
      );
    }
    case "document.new-revision": {
      const email = verifiedEmail(actor);
      const author = email !== null && r.authorEmails.some((e) => e.toLowerCase() === email);
      return roleOrSecretariat(
        actor,
        author ? "author" : null,
        "Only the document's authors can post a new revision.",
      );
    }
    default:
      return deny(`${action} does not apply to a document.`);
  }
}

/**
 * Saved views: the owner sees and changes theirs; the chairs of the group a view
 * is shared with see it too. Nobody else learns that it exists.
 */
function decideSavedView(actor: Actor, action: Action, r: SavedViewResource): Decision {
  const owner = actor.personId === r.ownerId;
  const sharedChair = r.sharedWith !== null && holds(actor, leadGroup(r.sharedWith)) !== null;
  switch (action) {
    case "view.see":
      if (owner) return allow("owner");
      return sharedChair ? allow(`chair/${r.sharedWith}`) : deny("There is no such view.");
    case "view.manage":
      if (owner) return allow("owner");
      return deny(
        sharedChair
          ? "Only the person who saved this view can change it."
          : "There is no such view.",
      );
    default:
      return deny(`${action} does not apply to a saved view.`);
  }
}

/** The whole policy: a pure function of who, what and which. */
export function decide(actor: MaybeActor, action: Action, resource: Resource): Decision {
  if (resource.kind === "issue" && action === "issue.view") return canSeeIssue(actor, resource);
  if (!actor) return deny("Sign in to do this.");
  switch (resource.kind) {
    case "issue":
      return decideIssue(actor, action, resource);
    case "document":
      return decideDocument(actor, action, resource);
    case "group":
      if (action === "agenda.manage") {
        return roleOrSecretariat(
          actor,
          holds(actor, leadGroup(resource.acronym)),
          `Only the chairs of ${resource.acronym.toUpperCase()} can manage its agenda.`,
        );
      }
      if (action === "view.share") {
        return holds(actor, leadGroup(resource.acronym))
          ? allow(`chair/${resource.acronym}`)
          : deny(`Only the chairs of ${resource.acronym.toUpperCase()} can share a view with it.`);
      }
      return deny(`${action} does not apply to a group.`);
    case "saved-view":
      return decideSavedView(actor, action, resource);
    case "none":
      switch (action) {
        case "issue.file":
        case "view.save":
          return allow("participant");
        case "role.manage":
        case "document.import":
        case "document.create":
        case "meeting.manage":
        case "outbox.view":
        case "sync.view":
        case "sync.run":
        case "admin.view":
          return roleOrSecretariat(actor, null, "Only the secretariat can do this.");
        case "triage.view":
          return roleOrSecretariat(
            actor,
            holds(actor, dispatch),
            `The triage queue is for the ${DISPATCH_GROUP.toUpperCase()} chairs.`,
          );
        case "review.view":
          return roleOrSecretariat(
            actor,
            adAreas(actor).length > 0 ? "ad" : null,
            "The review queue is for area directors.",
          );
        case "handoffs.view":
          return roleOrSecretariat(
            actor,
            chairedGroups(actor).length > 0 ? "chair" : null,
            "Hand-offs wait for the chairs of the receiving groups.",
          );
        default:
          return deny(`${action} needs a resource.`);
      }
  }
}

export function can(actor: MaybeActor, action: Action, resource: Resource): boolean {
  return decide(actor, action, resource).allowed;
}

/**
 * Whether the actor may act in a capacity of their own: allowed, and not merely
 * as the secretariat's fallback. What asks a person to act (their inbox, which
 * events need them) uses this, so the secretariat is not nagged about every
 * group's work.
 */
export function canInOwnRight(actor: Actor, action: Action, resource: Resource): boolean {
  const d = decide(actor, action, resource);
  return d.allowed && d.capacity !== "secretariat";
}

/** Throws UNAUTHENTICATED for anonymous callers and FORBIDDEN otherwise; returns the capacity. */
export function assertCan(actor: MaybeActor, action: Action, resource: Resource): string {
  const d = decide(actor, action, resource);
  if (d.allowed) return d.capacity;
  if (!actor) throw new DomainError("UNAUTHENTICATED", d.reason, { action });
  throw new DomainError("FORBIDDEN", d.reason, { action });
}

export const NO_RESOURCE = { kind: "none" } as const;
