import type { RoleGrant } from "./actor";

/**
 * Mapping the IETF Datatracker's OpenID Connect `roles` claim onto role grants.
 *
 * The claim (scope `roles`) is a list of `[role slug, group acronym]` pairs for
 * the person's roles in active, BoF and proposed groups, e.g.
 * `[["chair", "iotops"], ["ad", "ops"]]`. Each pair maps one-to-one onto a
 * (role, group) grant with source `datatracker`: slugs and acronyms are kept as
 * they are (lower-cased), including roles and groups this app does not know.
 * Nothing is translated: the Datatracker's secretariat (`secr` of
 * `secretariat`) does not become this app's `secretariat` role.
 */

/** Where a grant came from (`role_grants.source`). */
export type GrantSource = "manual" | "datatracker";
export const DATATRACKER_SOURCE = "datatracker" satisfies GrantSource;

/** Longest role slug or group acronym accepted from the claim. */
const MAX_TOKEN_LENGTH = 64;
/** Datatracker slugs and acronyms: lower-case letters, digits and a few separators. */
const TOKEN = /^[a-z0-9][a-z0-9._+-]*$/;

export interface ParsedRolesClaim {
  /** The distinct (role, group) pairs, in claim order. */
  roles: RoleGrant[];
  /** Entries that were not a `[role, group]` pair of sensible strings; they grant nothing. */
  ignored: unknown[];
}

function token(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const t = value.trim().toLowerCase();
  return t.length > 0 && t.length <= MAX_TOKEN_LENGTH && TOKEN.test(t) ? t : null;
}

/**
 * Read the `roles` claim. A missing claim (`undefined` or `null`) means the
 * person holds no roles: the Datatracker sends the claim whenever the `roles`
 * scope is granted, and failing closed is the safe reading. Malformed entries
 * are skipped and reported in `ignored`; a claim that is not a list grants
 * nothing.
 */
export function parseRolesClaim(claim: unknown): ParsedRolesClaim {
  if (claim === undefined || claim === null) return { roles: [], ignored: [] };
  if (!Array.isArray(claim)) return { roles: [], ignored: [claim] };
  const roles: RoleGrant[] = [];
  const ignored: unknown[] = [];
  const seen = new Set<string>();
  for (const entry of claim) {
    const role = Array.isArray(entry) && entry.length === 2 ? token(entry[0]) : null;
    const group = Array.isArray(entry) && entry.length === 2 ? token(entry[1]) : null;
    if (!role || !group) {
      ignored.push(entry);
      continue;
    }
    const key = grantKey({ role, group });
    if (seen.has(key)) continue;
    seen.add(key);
    roles.push({ role, group });
  }
  return { roles, ignored };
}

/** A grant as stored: the pair plus where it came from. */
export interface SourcedGrant extends RoleGrant {
  source: string;
}

export interface DatatrackerRoleDiff<T extends SourcedGrant> {
  /** Pairs in the claim that the person does not hold from the Datatracker yet. */
  add: RoleGrant[];
  /** Datatracker-sourced grants no longer in the claim (the stored rows, so ids carry through). */
  remove: T[];
  /** Datatracker-sourced grants the claim still confirms. */
  keep: T[];
}

function grantKey(g: RoleGrant): string {
  return `${g.role}\u0000${g.group}`;
}

/**
 * What to change so that the person's Datatracker-sourced grants equal the
 * claim. Grants from any other source (`manual`) are never added to `remove`
 * or `keep`, and a pair held manually is still added from the Datatracker, so
 * each source stays complete on its own and a later claim that drops the pair
 * leaves the manual grant in place.
 */
export function diffDatatrackerRoles<T extends SourcedGrant>(
  current: readonly T[],
  claimed: readonly RoleGrant[],
): DatatrackerRoleDiff<T> {
  const fromDatatracker = current.filter((g) => g.source === DATATRACKER_SOURCE);
  const claimedKeys = new Set(claimed.map(grantKey));
  const heldKeys = new Set(fromDatatracker.map(grantKey));
  const add: RoleGrant[] = [];
  const added = new Set<string>();
  for (const g of claimed) {
    const k = grantKey(g);
    if (heldKeys.has(k) || added.has(k)) continue;
    added.add(k);
    add.push({ role: g.role, group: g.group });
  }
  return {
    add,
    remove: fromDatatracker.filter((g) => !claimedKeys.has(grantKey(g))),
    keep: fromDatatracker.filter((g) => claimedKeys.has(grantKey(g))),
  };
}
