import { fail, ok, type Result } from "~/server/domain/errors";
import { STATES, findState, stateName, type StateDef, type StateSlug } from "./vocabulary";

/**
 * Document state machine, Datatracker style.
 *
 * A document holds one state per state type, in parallel. We track three axes:
 * - `draft`: is the I-D current (active, expired, replaced, withdrawn, RFC)?
 * - `draft-stream-ietf`: where the draft is in its working group (WG state);
 * - `draft-iesg`: where the draft is with the IESG (IESG state).
 *
 * The allowed moves are data. They start from the vocabulary's `next_states` (the
 * Datatracker's suggestions) and add the rows of {@link SUPPLEMENTARY_TRANSITIONS},
 * each with the reason it is needed. Entering an axis for the first time (the
 * document has no state of that type yet) is governed by {@link INITIAL_STATES}.
 *
 * The axes move independently; which role may move which axis is the policy
 * module's job ({@link stateTypeOwner} is the data it starts from).
 */

export const TRACKED_STATE_TYPES = ["draft", "draft-stream-ietf", "draft-iesg"] as const;
export type TrackedStateType = (typeof TRACKED_STATE_TYPES)[number];

export function isTrackedStateType(value: unknown): value is TrackedStateType {
  return typeof value === "string" && (TRACKED_STATE_TYPES as readonly string[]).includes(value);
}

/** A slug of one tracked axis, e.g. `TrackedStateSlug<"draft-stream-ietf">` = "wg-doc" | .... */
export type TrackedStateSlug<T extends TrackedStateType> = StateSlug<T>;

/** Labels for the UI. The Datatracker labels the `draft` type just "State". */
export const TRACKED_STATE_TYPE_LABELS: Readonly<Record<TrackedStateType, string>> = {
  draft: "I-D state",
  "draft-stream-ietf": "IETF WG state",
  "draft-iesg": "IESG state",
};

/** The current state of each axis; a missing or `null` entry means "no state of that type yet". */
export type DocumentStates = { readonly [T in TrackedStateType]?: string | null };

export interface StateMove {
  stateType: TrackedStateType;
  /** Slug of the target state. */
  to: string;
}

export interface StateChange {
  stateType: TrackedStateType;
  /** `null` when the document enters this axis for the first time. */
  from: string | null;
  to: string;
}

type TransitionRows = {
  readonly [T in TrackedStateType]: Partial<
    Record<StateSlug<T>, { readonly to: readonly StateSlug<T>[]; readonly why: string }>
  >;
};

/**
 * Moves we allow on top of the vocabulary's `next_states`, with the reason for each.
 *
 * - `draft`: the Datatracker leaves `next_states` empty because the system (posting,
 *   expiry, replacement, publication) sets this axis, so the whole table is ours.
 * - `draft-stream-ietf`: fills steps chairs take routinely that the suggestions omit.
 *   Note that `adopt-wg` -> `wg-lc` is deliberately NOT here: an adopted draft becomes
 *   a WG Document (the Datatracker sets `wg-doc` itself when the draft-ietf-<wg>-00
 *   is posted) before any WG last call, so the path is
 *   `c-adopt` -> `adopt-wg` -> `wg-doc` -> `wg-lc` (or `c-adopt` -> `wg-doc` -> `wg-lc`).
 * - `draft-iesg`: the suggestions cover the main line; we add the few branches ADs use.
 */
export const SUPPLEMENTARY_TRANSITIONS = {
  draft: {
    active: {
      to: ["expired", "rfc", "repl", "auth-rm", "ietf-rm"],
      why: "An active draft expires, is published, is replaced, or is withdrawn by its authors or by the IETF.",
    },
    expired: {
      to: ["active", "repl"],
      why: "Posting a new revision revives an expired draft; an expired draft can still be marked replaced.",
    },
    repl: {
      to: ["active", "expired"],
      why: "Removing the replaced-by relation returns the draft to active or expired, as the Datatracker does.",
    },
    "auth-rm": {
      to: ["active"],
      why: "Posting a new revision makes a withdrawn draft active again.",
    },
    "ietf-rm": {
      to: ["active"],
      why: "Posting a new revision makes a withdrawn draft active again.",
    },
  },
  "draft-stream-ietf": {
    "c-adopt": {
      to: ["wg-doc", "wg-cand"],
      why: "Chairs often mark the draft a WG Document directly when the adoption call ends and the -00 is posted; a call that fails leaves the draft a candidate (usually with the no-adopt tag).",
    },
    info: {
      to: ["wg-doc", "dead"],
      why: "The WG may later decide to publish a draft it kept for information, or drop it.",
    },
    parked: {
      to: ["dead"],
      why: "A parked document the WG gives up on is declared dead without reviving it first.",
    },
    "wg-lc": {
      to: ["waiting-for-implementation", "held-by-wg"],
      why: "These two states sit between WG last call and chair go-ahead (by display order) but no state suggests them.",
    },
    "waiting-for-implementation": {
      to: ["wg-doc", "wg-lc", "chair-w", "writeupw"],
      why: "The vocabulary gives no way out of this state; it ends like a WG last call does.",
    },
    "held-by-wg": {
      to: ["wg-doc", "wg-lc", "chair-w", "writeupw"],
      why: "The vocabulary gives no way out of this state; it ends like a WG last call does.",
    },
    writeupw: {
      to: ["wg-doc"],
      why: "The shepherd write-up can uncover problems that need more WG work.",
    },
  },
  "draft-iesg": {
    watching: {
      to: ["dead"],
      why: "The AD stops watching a draft that goes nowhere.",
    },
    "ad-eval": {
      to: ["dead"],
      why: "Before approval, processing can stop at any point (withdrawn, replaced, returned).",
    },
    "review-e": {
      to: ["dead"],
      why: "Before approval, processing can stop at any point (withdrawn, replaced, returned).",
    },
    "lc-req": {
      to: ["dead"],
      why: "Before approval, processing can stop at any point (withdrawn, replaced, returned).",
    },
    lc: {
      to: ["dead"],
      why: "Before approval, processing can stop at any point (withdrawn, replaced, returned).",
    },
    writeupw: {
      to: ["iesg-eva", "dead"],
      why: "Once the ballot writeup is ready the AD usually puts the draft straight on a telechat; processing can also stop.",
    },
    goaheadw: {
      to: ["dead"],
      why: "Before approval, processing can stop at any point (withdrawn, replaced, returned).",
    },
    "iesg-eva": {
      to: ["dead"],
      why: "Before approval, processing can stop at any point (withdrawn, replaced, returned).",
    },
    defer: {
      to: ["dead"],
      why: "Before approval, processing can stop at any point (withdrawn, replaced, returned).",
    },
  },
} as const satisfies TransitionRows;

type InitialRows = {
  readonly [T in TrackedStateType]: { readonly to: readonly StateSlug<T>[]; readonly why: string };
};

/** States a document may take on an axis where it has no state yet. */
export const INITIAL_STATES = {
  draft: {
    to: ["active"],
    why: "Posting the -00 makes a draft active; every other draft state follows from that.",
  },
  "draft-stream-ietf": {
    to: ["wg-cand", "c-adopt", "adopt-wg", "info", "wg-doc"],
    why: "The states the Datatracker's adoption form offers; wg-doc is also set by the system when a draft-ietf-<wg>-00 is posted.",
  },
  "draft-iesg": {
    to: ["idexists", "pub-req", "watching"],
    why: "No IESG state means I-D Exists; the first real IESG step is a publication request or an AD starting to watch.",
  },
} as const satisfies InitialRows;

/** Who moves each axis. Data for the permission policy; nothing here enforces it. */
export const STATE_TYPE_OWNERS = {
  draft: "system",
  "draft-stream-ietf": "wg-chair",
  "draft-iesg": "responsible-ad",
} as const satisfies Record<TrackedStateType, "wg-chair" | "responsible-ad" | "system">;

export type StateTypeOwner = (typeof STATE_TYPE_OWNERS)[TrackedStateType];

export function stateTypeOwner(stateType: TrackedStateType): StateTypeOwner {
  return STATE_TYPE_OWNERS[stateType];
}

function stateList(stateType: TrackedStateType): readonly StateDef[] {
  return STATES[stateType];
}

function byDisplayOrder(stateType: TrackedStateType, slugs: Iterable<string>): readonly string[] {
  const order = (slug: string) => findState(stateType, slug)?.order ?? Number.MAX_SAFE_INTEGER;
  return Object.freeze([...new Set(slugs)].sort((a, b) => order(a) - order(b)));
}

/**
 * The complete transition table: for each axis and each state, the legal next
 * states (vocabulary `next_states` plus the supplement), in display order.
 */
export type TransitionTable = {
  readonly [T in TrackedStateType]: Readonly<Record<StateSlug<T>, readonly StateSlug<T>[]>>;
};

/** One axis of the table, built from the vocabulary data and the supplement. */
function axisTransitions<T extends TrackedStateType>(stateType: T): TransitionTable[T] {
  const supplement: Partial<Record<string, { to: readonly string[] }>> =
    SUPPLEMENTARY_TRANSITIONS[stateType];
  const rows = stateList(stateType).map(
    (s) =>
      [
        s.slug,
        byDisplayOrder(stateType, [...s.nextStates, ...(supplement[s.slug]?.to ?? [])]),
      ] as const,
  );
  // Built from runtime data, so the slug types are asserted; the tests check every row.
  return Object.freeze(Object.fromEntries(rows)) as TransitionTable[T];
}

export const TRANSITIONS: TransitionTable = Object.freeze({
  draft: axisTransitions("draft"),
  "draft-stream-ietf": axisTransitions("draft-stream-ietf"),
  "draft-iesg": axisTransitions("draft-iesg"),
});

/** Legal next states of an axis; `from === null` means the document has no state there yet. */
export function legalNextStates(
  stateType: TrackedStateType,
  from: string | null,
): readonly string[] {
  if (from === null) return byDisplayOrder(stateType, INITIAL_STATES[stateType].to);
  const table: Readonly<Record<string, readonly string[]>> = TRANSITIONS[stateType];
  return table[from] ?? [];
}

export function isLegalTransition(
  stateType: TrackedStateType,
  from: string | null,
  to: string,
): boolean {
  return legalNextStates(stateType, from).includes(to);
}

function quoteNames(stateType: TrackedStateType, slugs: readonly string[]): string {
  return slugs.map((s) => `"${stateName(stateType, s)}"`).join(", ");
}

/**
 * Decide one state change on one axis. Does not mutate `current`.
 *
 * - unknown axis, unknown target slug, or an unknown current slug: `VALIDATION`;
 * - a move the table does not allow (including "already in that state"):
 *   `INVALID_TRANSITION`, with `details: { stateType, from, to, legalNext, legalNextNames }`.
 */
export function transitionDocument(current: DocumentStates, move: StateMove): Result<StateChange> {
  const { stateType, to } = move;
  if (!isTrackedStateType(stateType)) {
    return fail("VALIDATION", `Unknown state type "${String(stateType)}".`, {
      stateType,
      allowed: [...TRACKED_STATE_TYPES],
    });
  }
  const label = TRACKED_STATE_TYPE_LABELS[stateType];
  if (!findState(stateType, to)) {
    return fail("VALIDATION", `"${to}" is not a known ${label}.`, {
      stateType,
      to,
      known: stateList(stateType).map((s) => s.slug),
    });
  }
  const from = current[stateType] ?? null;
  if (from !== null && !findState(stateType, from)) {
    return fail("VALIDATION", `The document's current ${label} "${from}" is not a known state.`, {
      stateType,
      from,
    });
  }

  const legalNext = legalNextStates(stateType, from);
  if (!legalNext.includes(to)) {
    const fromText = from === null ? `no ${label}` : `"${stateName(stateType, from)}"`;
    const why =
      from === to
        ? `The ${label} is already "${stateName(stateType, to)}".`
        : `The ${label} cannot change from ${fromText} to "${stateName(stateType, to)}".`;
    const next =
      legalNext.length === 0
        ? ` "${stateName(stateType, from ?? to)}" is final; no further change is possible.`
        : ` Allowed next: ${quoteNames(stateType, legalNext)}.`;
    return fail("INVALID_TRANSITION", why + next, {
      stateType,
      from,
      to,
      legalNext: [...legalNext],
      legalNextNames: legalNext.map((s) => stateName(stateType, s)),
    });
  }
  return ok({ stateType, from, to });
}

/** The states after a decided change (a new object). */
export function applyStateChange(current: DocumentStates, change: StateChange): DocumentStates {
  return { ...current, [change.stateType]: change.to };
}
