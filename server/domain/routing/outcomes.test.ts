import { describe, expect, it } from "vitest";

import { OUTCOME_IDS, isOutcomeId, scoreOutcomes, type OutcomeId } from "./outcomes";

const base = { fit: 0, domain: 0, research: 0, small: 0, orphan: 0 };

function best(scores: Record<OutcomeId, number>): OutcomeId {
  return [...OUTCOME_IDS].sort((a, b) => scores[b] - scores[a])[0]!;
}

describe("scoreOutcomes", () => {
  it.each([
    { name: "off-topic text", signals: { fit: 0.05, domain: 0.05 }, expected: "no-ietf-work" },
    { name: "IoT text nothing fits", signals: { fit: 0.1, domain: 1 }, expected: "bof" },
    {
      name: "exploratory IoT question",
      signals: { fit: 0.1, domain: 1, research: 1 },
      expected: "irtf",
    },
    {
      name: "closed group fits",
      signals: { fit: 0.3, domain: 1, orphan: 0.8 },
      expected: "ad-sponsored",
    },
    {
      name: "small registry item",
      signals: { fit: 0.1, domain: 0.8, small: 1 },
      expected: "ad-sponsored",
    },
  ] as const)("ranks $expected first for $name", ({ signals, expected }) => {
    expect(best(scoreOutcomes({ ...base, ...signals }))).toBe(expected);
  });

  it.each([0.31, 0.5, 0.9])("keeps bof, irtf and ad-sponsored below a group fit of %s", (fit) => {
    for (const domain of [0, 0.5, 1]) {
      for (const research of [0, 1]) {
        // `orphan` is the concluded group's own score, so at most the best fit here.
        for (const orphan of [0, fit]) {
          const s = scoreOutcomes({ ...base, fit, domain, research, small: 1, orphan });
          for (const id of ["bof", "irtf", "ad-sponsored"] as const)
            expect(s[id]).toBeLessThan(fit);
        }
      }
    }
  });

  it.each([0.51, 0.7, 0.95])("keeps no-ietf-work below a group fit of %s", (fit) => {
    for (const domain of [0, 0.5, 1]) {
      expect(scoreOutcomes({ ...base, fit, domain })["no-ietf-work"]).toBeLessThan(fit);
    }
  });

  it("stays within 0..1 for out-of-range signals", () => {
    const s = scoreOutcomes({ fit: -3, domain: 7, research: 2, small: 5, orphan: 3 });
    for (const id of OUTCOME_IDS) {
      expect(s[id]).toBeGreaterThanOrEqual(0);
      expect(s[id]).toBeLessThanOrEqual(1);
    }
  });

  it("recognises outcome ids", () => {
    expect(OUTCOME_IDS.every(isOutcomeId)).toBe(true);
    expect(isOutcomeId("suit")).toBe(false);
  });
});
