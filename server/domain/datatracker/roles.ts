import type { RoleGrant } from "../permissions/actor";
import {
  DATATRACKER_SOURCE,
  diffDatatrackerRoles,
  type SourcedGrant,
} from "../permissions/datatracker-roles";
import { isPlainObject, uriKey, uriPk, URI } from "./tastypie";

/** A Datatracker role, read from `/api/v1/group/role/`: a (person, role, group) triple. */
export interface MappedRole {
  datatrackerId: number;
  role: string;
  groupId: number;
  personId: number;
  /** The address the role is held with (`/api/v1/person/email/<address>/`), lower-cased. */
  email: string | null;
}

const SLUG = /^[a-z0-9][a-z0-9_.+-]{0,39}$/;

export function mapRole(
  o: unknown,
): { ok: true; value: MappedRole } | { ok: false; problem: string } {
  if (!isPlainObject(o)) return { ok: false, problem: "expected a role object" };
  const id =
    typeof o.id === "number" && Number.isInteger(o.id) && o.id > 0
      ? o.id
      : uriPk(o.resource_uri, URI.role);
  if (id === null) return { ok: false, problem: `"id" must be a positive integer` };
  const role = uriKey(o.name, URI.roleName);
  if (role === null || !SLUG.test(role))
    return { ok: false, problem: `"name" must be a ${URI.roleName}<slug>/ URI` };
  const groupId = uriPk(o.group, URI.group);
  if (groupId === null) return { ok: false, problem: `"group" must be a ${URI.group}<id>/ URI` };
  const personId = uriPk(o.person, URI.person);
  if (personId === null) return { ok: false, problem: `"person" must be a ${URI.person}<id>/ URI` };
  let email: string | null = null;
  if (o.email !== null && o.email !== undefined) {
    const e = uriKey(o.email, URI.email);
    if (e === null || !e.includes("@"))
      return { ok: false, problem: `"email" must be a ${URI.email}<address>/ URI` };
    email = e.toLowerCase();
  }
  return { ok: true, value: { datatrackerId: id, role, groupId, personId, email } };
}

/**
 * What the sync changes in one person's grants, by the Datatracker sign-in's rule:
 * Datatracker-sourced grants are made equal to the Datatracker's roles, manual
 * grants are never touched. The sync speaks only for the groups it mirrors, so a
 * Datatracker-sourced grant in any other group (from a sign-in's `roles` claim,
 * e.g. an IAB role) is left alone.
 */
export function planPersonRoles<T extends SourcedGrant>(
  current: readonly T[],
  synced: readonly RoleGrant[],
  syncedGroups: ReadonlySet<string>,
) {
  const inScope = current.filter(
    (g) => g.source !== DATATRACKER_SOURCE || syncedGroups.has(g.group),
  );
  return diffDatatrackerRoles(inScope, synced);
}
