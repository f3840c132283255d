import { isGroupState, type GroupState } from "../catalog";
import { isPlainObject, parseApiTime, uriKey, uriPk, URI } from "./tastypie";

/** Group types the sync mirrors: those that matter for dispatch. */
export const SYNCED_GROUP_TYPES = ["wg", "rg", "ag", "area", "dir", "team"] as const;
export type SyncedGroupType = (typeof SYNCED_GROUP_TYPES)[number];

export function isSyncedGroupType(v: unknown): v is SyncedGroupType {
  return (SYNCED_GROUP_TYPES as readonly unknown[]).includes(v);
}

/** A Datatracker group, read from `/api/v1/group/group/`. */
export interface MappedGroup {
  datatrackerId: number;
  acronym: string;
  name: string;
  type: SyncedGroupType;
  /** Datatracker group state slug: active, bof, proposed, conclude, ...; a slug we do not know is "unknown". */
  state: GroupState;
  /** The parent group's Datatracker id (an area for a WG, `irtf` for an RG, ...). */
  parentId: number | null;
  description: string;
  listEmail: string | null;
  listArchive: string | null;
  /** Charter document name, e.g. `charter-ietf-iotops`. */
  charter: string | null;
  /** When the group last changed in the Datatracker (ISO-8601 UTC). */
  time: string;
}

export type Mapped<T> = { ok: true; value: T } | { ok: false; problem: string };

const ACRONYM = /^[a-z0-9][a-z0-9-]{0,39}$/;
const SLUG = /^[a-z0-9][a-z0-9_-]{0,39}$/;

const optText = (v: unknown): string | null =>
  typeof v === "string" && v.trim() !== "" ? v.trim() : null;

/** Map one group object; a malformed one is a problem naming the field. */
export function mapGroup(o: unknown): Mapped<MappedGroup> {
  if (!isPlainObject(o)) return { ok: false, problem: "expected a group object" };
  const id =
    typeof o.id === "number" && Number.isInteger(o.id) && o.id > 0
      ? o.id
      : uriPk(o.resource_uri, URI.group);
  if (id === null) return { ok: false, problem: `"id" must be a positive integer` };
  if (typeof o.acronym !== "string" || !ACRONYM.test(o.acronym.trim().toLowerCase())) {
    return { ok: false, problem: `"acronym" must be a group acronym` };
  }
  if (typeof o.name !== "string" || o.name.trim() === "") {
    return { ok: false, problem: `"name" must be a non-empty string` };
  }
  const type = uriKey(o.type, URI.groupType);
  if (type === null) return { ok: false, problem: `"type" must be a ${URI.groupType}<slug>/ URI` };
  if (!isSyncedGroupType(type)) return { ok: false, problem: `group type "${type}" is not synced` };
  const state = uriKey(o.state, URI.groupState);
  if (state === null || !SLUG.test(state)) {
    return { ok: false, problem: `"state" must be a ${URI.groupState}<slug>/ URI` };
  }
  let parentId: number | null = null;
  if (o.parent !== null && o.parent !== undefined) {
    parentId = uriPk(o.parent, URI.group);
    if (parentId === null)
      return { ok: false, problem: `"parent" must be a ${URI.group}<id>/ URI or null` };
  }
  let charter: string | null = null;
  if (o.charter !== null && o.charter !== undefined && o.charter !== "") {
    charter = uriKey(o.charter, URI.document);
    if (charter === null)
      return { ok: false, problem: `"charter" must be a ${URI.document}<name>/ URI or null` };
  }
  const time = parseApiTime(o.time);
  if (time === null) return { ok: false, problem: `"time" must be an ISO 8601 date-time` };
  if (o.description !== undefined && o.description !== null && typeof o.description !== "string") {
    return { ok: false, problem: `"description" must be a string` };
  }
  return {
    ok: true,
    value: {
      datatrackerId: id,
      acronym: o.acronym.trim().toLowerCase(),
      name: o.name.trim().replace(/\s+/g, " "),
      type,
      state: isGroupState(state) ? state : "unknown",
      parentId,
      description: typeof o.description === "string" ? o.description.trim() : "",
      listEmail: optText(o.list_email),
      listArchive: optText(o.list_archive),
      charter,
      time,
    },
  };
}

/** The short summary shown for a group new to the catalog: the description's first paragraph. */
export function summaryFromDescription(description: string, name: string): string {
  const first =
    description
      .split(/\n\s*\n/)[0]
      ?.trim()
      .replace(/\s+/g, " ") ?? "";
  if (first === "") return name;
  return first.length > 600 ? `${first.slice(0, 597).replace(/\s+\S*$/, "")}…` : first;
}

/** The Datatracker's page for a group. */
export function groupDatatrackerUrl(g: { acronym: string; type: string }): string {
  const kind = g.type === "rg" ? "rg" : g.type === "wg" ? "wg" : "group";
  return `https://datatracker.ietf.org/${kind}/${g.acronym}/about/`;
}
