/**
 * Charter item classification: under which IOTOPS charter item a text falls.
 *
 * Evidence per item = cosine with the item's title, description and cue
 * phrases (lexicon.ts) + the items listed by the best-matching groups
 * (rank-weighted) + votes of the most similar labelled documents; `other`
 * when the best evidence stays under a threshold or similar documents mostly
 * vote `other`.
 */
import type { CharterItem, CharterItemId } from "~/server/domain/catalog";

import { cmp, sublinear, type KnowledgeIndex } from "./knowledge-index";
import { CHARTER_ITEM_CUES } from "./lexicon";
import { quoteList, round4, type Surface } from "./explanations";
import { addFeatures, type FeatureBag, type TextAnalyzer } from "./text";
import type { CharterItemResult, RoutingTuning } from "./types";

interface CharterVector {
  readonly id: CharterItemId;
  readonly terms: readonly string[];
  readonly tf: readonly number[];
  /** IDF-weighted, recomputed when the index's generation changes. */
  weights: number[];
  norm: number;
  generation: number;
}

/** Maps non-negative evidence to 0..1 (0.2 -> 0.44, 0.5 -> 0.67, 1 -> 0.8). */
function evidence(v: number): number {
  return v <= 0 ? 0 : v / (v + 0.25);
}

export interface ScoredClass {
  readonly cls: number;
  readonly score: number;
}

export class CharterClassifier {
  private readonly vectors: CharterVector[];

  constructor(
    charterItems: readonly CharterItem[],
    analyzer: TextAnalyzer,
    private readonly index: KnowledgeIndex,
    private readonly tuning: RoutingTuning,
  ) {
    this.vectors = charterItems.map((ci) => {
      const bag: FeatureBag = new Map();
      addFeatures(bag, analyzer.analyze(ci.title), 2);
      addFeatures(bag, analyzer.analyze(ci.description), 1);
      for (const cue of CHARTER_ITEM_CUES[ci.id] ?? []) addFeatures(bag, analyzer.analyze(cue), 1);
      const terms = [...bag.keys()];
      return {
        id: ci.id,
        terms,
        tf: terms.map((t) => sublinear(bag.get(t) ?? 0)),
        weights: [],
        norm: 1,
        generation: -1,
      };
    });
  }

  classify(
    bag: FeatureBag,
    groupScores: readonly ScoredClass[],
    globalTop: readonly { idx: number; sim: number }[],
    surfaceOf: ReadonlyMap<string, Surface>,
  ): CharterItemResult {
    const { index, tuning } = this;
    const { classes, items } = index;
    // Query as a term -> weight map using the collection IDF.
    const q = new Map<string, number>();
    let qn = 0;
    for (const [term, count] of bag) {
      const w = sublinear(count) * index.idfOf(index.vocab.get(term));
      q.set(term, w);
      qn += w * w;
    }
    qn = Math.sqrt(qn) || 1;
    const lexical = new Map<string, number>();
    const lexTerms = new Map<string, string[]>();
    for (const cv of this.vectors) {
      if (cv.generation !== index.generation) {
        cv.weights = cv.terms.map((t, i) => cv.tf[i]! * index.idfOf(index.vocab.get(t)));
        cv.norm = Math.sqrt(cv.weights.reduce((s, w) => s + w * w, 0)) || 1;
        cv.generation = index.generation;
      }
      let dot = 0;
      const hit: [string, number][] = [];
      cv.terms.forEach((t, i) => {
        const qv = q.get(t);
        if (qv !== undefined) {
          dot += qv * cv.weights[i]!;
          hit.push([t, qv * cv.weights[i]!]);
        }
      });
      lexical.set(cv.id, dot / (qn * cv.norm));
      lexTerms.set(
        cv.id,
        hit
          .sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))
          .map(([t]) => t)
          .filter((t) => !t.includes(" ")),
      );
    }
    // Items of the best groups (rank-weighted; a group listing every item adds little).
    const fromGroups = new Map<string, number>();
    const topGroups = groupScores.slice(0, 3);
    const totalScore = topGroups.reduce((s, g) => s + g.score, 0) || 1;
    for (const g of topGroups) {
      const list = classes[g.cls]!.profile?.charterItems ?? [];
      const spread = list.length >= 6 ? 0.3 : 1;
      list.forEach((id, rank) => {
        const w = ((g.score / totalScore) * spread) / (1 + rank);
        fromGroups.set(id, (fromGroups.get(id) ?? 0) + w);
      });
    }
    // Votes of the most similar labelled documents.
    const votes = new Map<string, number>();
    let voteTotal = 0;
    for (const t of globalTop) {
      const label = items[t.idx]!.charterItem;
      if (!label) continue;
      votes.set(label, (votes.get(label) ?? 0) + t.sim);
      voteTotal += t.sim;
    }
    const bestGroupFit = groupScores[0]?.score ?? 0;
    let bestId: CharterItemId | "other" = "other";
    let bestVal = -1;
    for (const cv of this.vectors) {
      const v =
        tuning.charterLexical * (lexical.get(cv.id) ?? 0) +
        tuning.charterGroups * bestGroupFit * (fromGroups.get(cv.id) ?? 0) +
        tuning.charterVotes *
          (voteTotal > 0 ? (votes.get(cv.id) ?? 0) / voteTotal : 0) *
          Math.min(1, voteTotal);
      if (v > bestVal) {
        bestVal = v;
        bestId = cv.id;
      }
    }
    const otherVote =
      voteTotal > 0 ? ((votes.get("other") ?? 0) / voteTotal) * Math.min(1, voteTotal) : 0;
    if (bestVal < tuning.charterThreshold || tuning.charterVotes * otherVote > bestVal) {
      const why =
        otherVote > 0 && tuning.charterVotes * otherVote > bestVal
          ? "similar known documents are mostly outside the charter items"
          : "no charter item matches clearly";
      return {
        id: "other",
        score: round4(Math.max(1 - evidence(bestVal), evidence(otherVote))),
        reasons: [why],
      };
    }
    const reasons: string[] = [];
    const terms = (lexTerms.get(bestId) ?? [])
      .map((t) => surfaceOf.get(t)?.surface)
      .filter((v): v is string => !!v)
      .slice(0, 4);
    if (terms.length > 0) reasons.push(`matches "${bestId}" terms ${quoteList(terms)}`);
    if ((fromGroups.get(bestId) ?? 0) > 0) {
      const chosen = bestId;
      const names = topGroups
        .filter((g) => classes[g.cls]!.profile?.charterItems.some((c) => c === chosen))
        .map((g) => classes[g.cls]!.id);
      if (names.length > 0)
        reasons.push(`typical for the best-matching groups: ${names.join(", ")}`);
    }
    if ((votes.get(bestId) ?? 0) > 0) {
      const docs = globalTop
        .filter((t) => items[t.idx]!.charterItem === bestId)
        .slice(0, 3)
        .map((t) => items[t.idx]!.name);
      reasons.push(`similar documents filed under it: ${docs.join(", ")}`);
    }
    return { id: bestId, score: round4(evidence(bestVal)), reasons };
  }
}
