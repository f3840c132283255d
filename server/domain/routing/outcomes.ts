/**
 * The dispatch outcomes that the routing engine ranks next to the groups, the
 * rule that scores them, and the map from a routing suggestion to the kind of
 * recommendation a chair would make from it.
 *
 * The outcome ids are recommendation kinds of the one outcome vocabulary
 * (`OUTCOME_KINDS` in dispatch/outcomes.ts); their labels are its
 * `OUTCOME_LABELS`.
 *
 * Inputs of the rule, all in 0..1:
 * - `fit`: score of the best group that can take new work;
 * - `second`: score of the runner-up group;
 * - `domain`: how much of the text is IoT / networking vocabulary;
 * - `research`: share of research-style wording ("survey", "open questions");
 * - `small`: share of small-maintenance wording ("IANA registry", "code point");
 * - `orphan`: the score of the best-matching group when that group has
 *   concluded without a successor and fits better than every active group, else 0.
 *
 * Rule, with `gap(fit) = max(0, 1 - fit / 0.6)`:
 * - `no-ietf-work` = (1 - fit) * (1 - domain): off-topic text (a recipe) -> first;
 * - `bof`          = 0.5 * domain * gap(fit) * (1 - 0.5 * max(research, small)):
 *                    networking text that no group covers -> BoF / new WG;
 * - `irtf`         = 0.6 * domain * research * gap(fit): exploratory questions;
 * - `ad-sponsored` = max(0.95 * orphan, 0.5 * domain * small * gap(fit)):
 *                    the natural home has closed, or a small self-contained item.
 * Consequences: `bof`, `irtf` and `ad-sponsored` can only outrank a group
 * whose score is below 0.3 (and `ad-sponsored` via `orphan` sits just under
 * the closed group it stands in for); `no-ietf-work` can only outrank a group
 * scoring below 0.5, and only when most of the text is not IoT vocabulary.
 *
 * Dispatch venue ("bring it to X first"): the right group is unclear when the
 * best fit is moderate (from VENUE_MIN_FIT to VENUE_MAX_FIT) and the runner-up is almost as
 * good (second / fit at least VENUE_MIN_CLOSENESS). Then the venue scores
 * just above the best group; otherwise it stays well below the best groups
 * (0.5 * fit * closeness², closeness = second / fit), so it does not take
 * their places in a short list. The thresholds were set under cross-validation (docs/routing.md)
 * so that a clear fit keeps the first place.
 */
import { OUTCOME_KINDS, OUTCOME_LABELS, type OutcomeKind } from "~/server/domain/dispatch/outcomes";
import { DISPATCH_GROUP } from "~/server/domain/permissions/actor";
import type { Candidate } from "./types";

/** The non-group outcomes the engine suggests, as recommendation kinds. */
export const OUTCOME_IDS = [
  "bof",
  "ad-sponsored",
  "irtf",
  "no-ietf-work",
] as const satisfies readonly OutcomeKind[];
export type OutcomeId = (typeof OUTCOME_IDS)[number];

/** Labels of the outcomes, from the one outcome label table. */
export { OUTCOME_LABELS };

const outcomeSet: ReadonlySet<string> = new Set(OUTCOME_IDS);
export function isOutcomeId(id: string): id is OutcomeId {
  return outcomeSet.has(id);
}

/** Best fit from which some group fits partly (below it, BoF and no-IETF-work speak). */
export const VENUE_MIN_FIT = 0.25;
/** Best fit below which the right group may be unclear. */
export const VENUE_MAX_FIT = 0.55;
/** Runner-up score as a share of the best fit from which the two are "about equal". */
export const VENUE_MIN_CLOSENESS = 0.93;

export interface OutcomeSignals {
  readonly fit: number;
  readonly second?: number;
  readonly domain: number;
  readonly research: number;
  readonly small: number;
  readonly orphan: number;
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

export function scoreOutcomes(s: OutcomeSignals): Record<OutcomeId, number> {
  const miss = 1 - clamp01(s.fit);
  const gap = Math.max(0, 1 - clamp01(s.fit) / 0.6);
  const domain = clamp01(s.domain);
  const research = clamp01(s.research);
  return {
    "no-ietf-work": clamp01(miss * (1 - domain)),
    bof: clamp01(0.5 * domain * gap * (1 - 0.5 * Math.max(research, clamp01(s.small)))),
    irtf: clamp01(0.6 * domain * research * gap),
    "ad-sponsored": clamp01(
      Math.max(0.95 * clamp01(s.orphan), 0.5 * domain * clamp01(s.small) * gap),
    ),
  };
}

/** Whether the right group is unclear: a moderate best fit with a runner-up about as good. */
export function groupIsUnclear(fit: number, second: number): boolean {
  return fit >= VENUE_MIN_FIT && fit < VENUE_MAX_FIT && second / fit >= VENUE_MIN_CLOSENESS;
}

/** Score of the "bring it to a dispatch venue first" suggestion (see module comment). */
export function scoreVenue(fit: number, second: number): number {
  const f = clamp01(fit);
  if (f === 0) return 0;
  const closeness = clamp01(second / f);
  return groupIsUnclear(f, second) ? clamp01(f + 0.01) : 0.5 * f * closeness * closeness;
}

/**
 * The kind of recommendation a suggestion leads to: a working group is an
 * existing WG (IOTOPS itself an IOTOPS document), a research group the IRTF, a
 * venue more discussion on its mailing list, and an outcome its own kind
 * (`null` for an outcome id this version does not know).
 */
export function recommendationKindOf(c: Pick<Candidate, "wg" | "kind">): OutcomeKind | null {
  switch (c.kind) {
    case "wg":
      return c.wg === DISPATCH_GROUP ? "iotops" : "existing-wg";
    case "rg":
      return "irtf";
    case "venue":
      return "mailing-list";
    case "outcome":
      return isOutcomeId(c.wg) ? c.wg : legacyOutcome(c.wg);
  }
}

/** Suggestions stored before the vocabulary was unified spelled "no IETF work" `no-action`. */
function legacyOutcome(id: string): OutcomeKind | null {
  return id === "no-action" ? "no-ietf-work" : (OUTCOME_KINDS.find((k) => k === id) ?? null);
}
