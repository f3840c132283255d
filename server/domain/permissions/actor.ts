/**
 * Who is acting. Roles are (role, group) pairs in the Datatracker style:
 * `chair` of `iotops`, `ad` of `ops`, `secretariat` of `secretariat`.
 */
export const ROLE_NAMES = ["chair", "ad", "secretariat", "secr", "delegate"] as const;
export type KnownRoleName = (typeof ROLE_NAMES)[number];

export interface RoleGrant {
  /** Role slug; unknown slugs coming from the Datatracker are kept as-is. */
  role: string;
  /** Group or area acronym the role is held in (`secretariat` for the global role). */
  group: string;
}

export interface Actor {
  personId: number;
  name: string;
  email: string;
  /**
   * Whether the address is proven (an emailed link, the Datatracker). Only a
   * verified address matches a capacity held by e-mail (responsible AD, author).
   */
  emailVerified: boolean;
  roles: readonly RoleGrant[];
}

/** The actor's address when it may match a capacity recorded by e-mail, else null. */
export function verifiedEmail(actor: MaybeActor): string | null {
  return actor?.emailVerified ? actor.email.toLowerCase() : null;
}

/** `null` means an anonymous visitor. */
export type MaybeActor = Actor | null;

export const SECRETARIAT_GROUP = "secretariat";
/** The group that runs dispatch. */
export const DISPATCH_GROUP = "iotops";

export function hasRole(actor: MaybeActor, role: string, group: string): boolean {
  return !!actor && actor.roles.some((r) => r.role === role && r.group === group);
}

export function isSecretariat(actor: MaybeActor): boolean {
  return hasRole(actor, "secretariat", SECRETARIAT_GROUP);
}

/**
 * The group a new grant is held in: the secretariat is one global role, always
 * held in its own group, whatever group was asked for.
 */
export function grantGroup(role: string, group: string): string {
  return role === "secretariat" ? SECRETARIAT_GROUP : group;
}

/**
 * How a grant reads in the header ("chair iotops", "ad ops"); the global
 * secretariat role is shown by its name alone. Display only: decisions go
 * through the policy's `can`.
 */
export function roleLabel(grant: RoleGrant): string {
  return grant.role === "secretariat" ? grant.role : `${grant.role} ${grant.group}`;
}
