/**
 * Non-working-group dispatch outcomes (RFC 7957 style) that the routing
 * engine ranks next to the groups, and the rule that scores them.
 *
 * Inputs of the rule, all in 0..1:
 * - `fit`: score of the best-fitting group (how well existing work matches);
 * - `domain`: how much of the text is IoT / networking vocabulary;
 * - `research`: share of research-style wording ("survey", "open questions");
 * - `small`: share of small-maintenance wording ("IANA registry", "code point");
 * - `orphan`: 1 when the best group is concluded without a successor.
 *
 * Rule, with `gap(fit) = max(0, 1 - fit / 0.6)`:
 * - `no-action`    = (1 - fit) * (1 - domain): off-topic text (a recipe) -> first;
 * - `bof`          = 0.5 * domain * gap(fit) * (1 - 0.5 * max(research, small)):
 *                    IoT-ish but no group fits -> new work, hold a BoF;
 * - `irtf`         = 0.6 * domain * research * gap(fit): exploratory IoT questions;
 * - `ad-sponsored` = max(0.95 * fit * orphan, 0.5 * domain * small * gap(fit)):
 *                    the natural home has closed, or a small self-contained item.
 * Consequences: `bof`, `irtf` and `ad-sponsored` can only outrank a group
 * whose score is below 0.3 (and `ad-sponsored` via `orphan` sits just under
 * the closed group it stands in for); `no-action` can only outrank a group
 * scoring below 0.5, and only when most of the text is not IoT vocabulary.
 */
export const OUTCOME_IDS = ["bof", "ad-sponsored", "irtf", "no-action"] as const;
export type OutcomeId = (typeof OUTCOME_IDS)[number];

export const OUTCOME_LABELS: Readonly<Record<OutcomeId, string>> = {
  bof: "Hold a BoF / charter new work",
  "ad-sponsored": "AD-sponsored document",
  irtf: "Take it to the IRTF",
  "no-action": "Not IETF work (no action)",
};

const outcomeSet: ReadonlySet<string> = new Set(OUTCOME_IDS);
export function isOutcomeId(id: string): id is OutcomeId {
  return outcomeSet.has(id);
}

export interface OutcomeSignals {
  readonly fit: number;
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
    "no-action": clamp01(miss * (1 - domain)),
    bof: clamp01(0.5 * domain * gap * (1 - 0.5 * Math.max(research, clamp01(s.small)))),
    irtf: clamp01(0.6 * domain * research * gap),
    "ad-sponsored": clamp01(
      Math.max(0.95 * clamp01(s.fit) * clamp01(s.orphan), 0.5 * domain * clamp01(s.small) * gap),
    ),
  };
}
