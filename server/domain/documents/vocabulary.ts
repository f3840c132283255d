/**
 * IETF Datatracker document vocabulary: state types, states, tags, intended
 * standards levels, group states and meeting important dates.
 *
 * Source: ietf-tools/datatracker `ietf/name/fixtures/names.json` (via the shared
 * `ietf-states.json`). The data lives in `./vocabulary-data.ts`, which
 * `scripts/generate-vocabulary.ts` generates: slugs, display names, orders,
 * `next_states` and primary keys are copied verbatim because they are facts other
 * systems key on. Every `meaning` sentence is written for this project (the
 * Datatracker has no such field) and lives in `./vocabulary-meanings.ts`.
 *
 * Notes on the data:
 * - `nextStates` are the Datatracker's *suggested* successors. The state machine in
 *   `./machine.ts` builds on them and documents where it adds to them.
 * - `datatrackerPk` is the fixture primary key at that commit. It is only used to
 *   read API exports (`/api/v1/doc/state/<pk>/`); key on (type, slug) everywhere else.
 * - The RFC Editor states carry no pk or order in our source, so both are `null`.
 * - The IANA review/action and the IRTF/IAB/ISE stream state types are listed, but
 *   their states are not in the shared data, so their lists are empty.
 */

import {
  DOC_TAGS,
  GROUP_STATES,
  INTENDED_STD_LEVELS,
  MEETING_IMPORTANT_DATES,
  STATE_TYPES,
  STATES,
} from "./vocabulary-data";

export {
  DOC_TAGS,
  GROUP_STATES,
  INTENDED_STD_LEVELS,
  MEETING_IMPORTANT_DATES,
  SOURCE_COMMIT,
  STATE_TYPES,
  STATES,
} from "./vocabulary-data";

export interface StateTypeDef {
  readonly slug: string;
  readonly label: string;
}

export type StateTypeSlug = (typeof STATE_TYPES)[number]["slug"];

export interface StateDef {
  readonly slug: string;
  /** Datatracker display name (verbatim). */
  readonly name: string;
  /** Datatracker display order; `null` where the source has none. */
  readonly order: number | null;
  /** Datatracker-suggested successors, by slug, within the same state type. */
  readonly nextStates: readonly string[];
  readonly used: boolean;
  /** Fixture primary key, for reading API exports only. */
  readonly datatrackerPk: number | null;
  /** One line in plain words, written for this project. */
  readonly meaning?: string;
}

export interface DocTagDef {
  readonly slug: string;
  readonly name: string;
  readonly order: number;
  readonly used: boolean;
  /** Shown by the Datatracker as an IESG sub-state (e.g. "AD Followup"). */
  readonly iesgSubstateTag: boolean;
  /** One of the WG annotation tags defined by RFC 6174. */
  readonly rfc6174WgAnnotationTag: boolean;
}

export type DocTagSlug = (typeof DOC_TAGS)[number]["slug"];

export interface NameDef {
  readonly slug: string;
  readonly name: string;
  readonly used: boolean;
}

export type IntendedStdLevelSlug = (typeof INTENDED_STD_LEVELS)[number]["slug"];
export type GroupStateSlug = (typeof GROUP_STATES)[number]["slug"];

export interface ImportantDateDef {
  readonly slug: string;
  readonly name: string;
  /** Days relative to the first day of the meeting (negative = before). */
  readonly defaultOffsetDays: number;
  readonly used: boolean;
}

export type ImportantDateSlug = (typeof MEETING_IMPORTANT_DATES)[number]["slug"];

/** Slugs of the states of one state type, e.g. `StateSlug<"draft-iesg">`. */
export type StateSlug<T extends StateTypeSlug> = (typeof STATES)[T][number]["slug"];

export const STATE_TYPE_SLUGS: readonly StateTypeSlug[] = STATE_TYPES.map((t) => t.slug);

export function isStateTypeSlug(value: unknown): value is StateTypeSlug {
  return typeof value === "string" && (STATE_TYPE_SLUGS as readonly string[]).includes(value);
}

/** The Datatracker label of a state type ("IESG state"). */
export function stateTypeLabel(type: StateTypeSlug): string {
  return STATE_TYPES.find((t) => t.slug === type)?.label ?? type;
}

/** All states of one type, in Datatracker display order (source order where there is none). */
export function statesOf(type: StateTypeSlug): readonly StateDef[] {
  const list: readonly StateDef[] = STATES[type];
  return [...list].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
}

export function findState(type: StateTypeSlug, slug: string): StateDef | undefined {
  const list: readonly StateDef[] = STATES[type];
  return list.find((s) => s.slug === slug);
}

export function isStateSlug<T extends StateTypeSlug>(type: T, slug: unknown): slug is StateSlug<T> {
  return typeof slug === "string" && findState(type, slug) !== undefined;
}

/** Display name of a state; falls back to the slug for unknown states. */
export function stateName(type: StateTypeSlug, slug: string): string {
  return findState(type, slug)?.name ?? slug;
}

const STATES_BY_PK: ReadonlyMap<number, { stateType: StateTypeSlug; state: StateDef }> = new Map(
  STATE_TYPE_SLUGS.flatMap((stateType) =>
    (STATES[stateType] as readonly StateDef[])
      .filter((s) => s.datatrackerPk !== null)
      .map((state) => [state.datatrackerPk as number, { stateType, state }] as const),
  ),
);

/** Resolve a Datatracker `doc.state` primary key (from `/api/v1/doc/state/<pk>/`). */
export function stateByDatatrackerPk(
  pk: number,
): { stateType: StateTypeSlug; state: StateDef } | undefined {
  return STATES_BY_PK.get(pk);
}

export function findDocTag(slug: string): DocTagDef | undefined {
  return (DOC_TAGS as readonly DocTagDef[]).find((t) => t.slug === slug);
}

export function findIntendedStdLevel(slug: string): (NameDef & { order: number }) | undefined {
  return (INTENDED_STD_LEVELS as readonly (NameDef & { order: number })[]).find(
    (l) => l.slug === slug,
  );
}

export function findGroupState(slug: string): (NameDef & { meaning?: string }) | undefined {
  return (GROUP_STATES as readonly (NameDef & { meaning?: string })[]).find((g) => g.slug === slug);
}
