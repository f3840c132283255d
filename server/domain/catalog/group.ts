/**
 * A group as the application knows it: an IETF working group, an IRTF research
 * group, a directorate, ... Groups are data (the `groups` table, seeded from
 * db/seed/groups.json and refreshed from the Datatracker); this module holds
 * their shape and the rules that read it.
 */
import type { CharterItemId } from "./charter-items";

/** Datatracker group type slugs that matter for dispatch. */
export const GROUP_TYPES = ["wg", "rg", "ag", "area", "dir", "team"] as const;
export type GroupType = (typeof GROUP_TYPES)[number];

export const GROUP_TYPE_LABELS: Readonly<Record<GroupType, string>> = {
  wg: "IETF working group",
  rg: "IRTF research group",
  ag: "Area group",
  area: "Area",
  dir: "Directorate",
  team: "Team",
};

/** Datatracker group state slugs (`/api/v1/name/groupstatename/`). */
export const GROUP_STATES = [
  "active",
  "bof",
  "bof-conc",
  "proposed",
  "conclude",
  "dormant",
  "replaced",
  "abandon",
  "unknown",
] as const;
export type GroupState = (typeof GROUP_STATES)[number];

export const GROUP_STATE_LABELS: Readonly<Record<GroupState, string>> = {
  active: "Active",
  bof: "BoF",
  "bof-conc": "Concluded BoF",
  proposed: "Proposed",
  conclude: "Concluded",
  dormant: "Dormant",
  replaced: "Replaced",
  abandon: "Abandoned",
  unknown: "Unknown",
};

export interface GroupProfile {
  /** Lowercase Datatracker acronym, e.g. `suit`. */
  readonly acronym: string;
  readonly name: string;
  readonly type: GroupType;
  /** Area acronym (`irtf` for research groups); null when the group has none. */
  readonly area: string | null;
  readonly state: GroupState;
  readonly summary: string;
  readonly keywords: readonly string[];
  /** RFC numbers as digit strings, e.g. `"8520"`. Representative, not exhaustive. */
  readonly keyRfcs: readonly string[];
  /** Draft names, e.g. `draft-ietf-suit-manifest`. */
  readonly keyDrafts: readonly string[];
  /** IOTOPS charter items the group relates to, strongest first. */
  readonly charterItems: readonly CharterItemId[];
  /** A dispatch venue: where new work goes when the receiving group is unclear. */
  readonly hasDispatchRole: boolean;
  /** What a dispatch venue covers. */
  readonly dispatchScope: string | null;
  /** An IoT group (marked as such in lists). */
  readonly iot: boolean;
  /** Groups that took over the work of this one once it concluded. */
  readonly successors: readonly string[];
  readonly datatrackerUrl: string | null;
}

/** Groups that may receive new work: active (or chartering) groups that produce documents. */
export function takesNewWork(g: Pick<GroupProfile, "state" | "type">): boolean {
  return (g.type === "wg" || g.type === "rg") && (g.state === "active" || g.state === "proposed");
}

/** Closed for new work but kept for history. */
export function isConcluded(g: Pick<GroupProfile, "state">): boolean {
  return g.state === "conclude" || g.state === "replaced" || g.state === "abandon";
}

/** The Datatracker page of a group (its own URL when recorded, else the canonical one). */
export function groupDatatrackerUrl(g: Pick<GroupProfile, "acronym" | "datatrackerUrl">): string {
  return (
    g.datatrackerUrl ?? `https://datatracker.ietf.org/group/${encodeURIComponent(g.acronym)}/about/`
  );
}

export function isGroupType(v: string): v is GroupType {
  return (GROUP_TYPES as readonly string[]).includes(v);
}

export function isGroupState(v: string): v is GroupState {
  return (GROUP_STATES as readonly string[]).includes(v);
}
