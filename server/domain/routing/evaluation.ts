/**
 * Cross-validated evaluation of the routing engine (used by
 * scripts/eval-routing.ts and the corpus regression test).
 *
 * Each held-out document is routed by its title and abstract only, with an
 * engine that knows the catalog profiles plus the documents of the other
 * folds. Folds come from `assignFolds`, so a draft and the RFC it became are
 * never split between training and test.
 */
import { takesNewWork, type CharterItem, type GroupProfile } from "~/server/domain/catalog";

import { assignFolds } from "./cross-validation";
import { createRoutingEngine, type KnownDocument, type RoutingTuning } from "./engine";

export interface EvaluatedDocument {
  readonly doc: KnownDocument;
  readonly fold: number;
  /**
   * Answers that count as right: the document's group, and for a group that
   * takes no new work (concluded) its successors, which the engine suggests
   * in its place.
   */
  readonly accepted: readonly string[];
  /** Kind of the first suggestion (a group, an outcome or a venue). */
  readonly firstKind: string;
  /** Candidate ids, best first (groups and outcomes). */
  readonly ranking: readonly string[];
  readonly charterItem: string;
  /** Every known document the engine cited for this query (any candidate). */
  readonly cited: readonly string[];
}

export interface EvaluationSummary {
  readonly n: number;
  readonly top1: number;
  readonly top3: number;
  /** Accuracy over the documents that carry a charter item label. */
  readonly charterItem: number;
  readonly charterItemN: number;
}

export interface CrossValidationOptions {
  readonly documents: readonly KnownDocument[];
  readonly groups: readonly GroupProfile[];
  readonly charterItems: readonly CharterItem[];
  readonly k: number;
  /** Fold shuffle seed (see assignFolds). */
  readonly seed?: string;
  readonly tuning?: Partial<RoutingTuning>;
}

function routeAll(
  train: readonly KnownDocument[],
  test: readonly { doc: KnownDocument; fold: number }[],
  opts: CrossValidationOptions,
): EvaluatedDocument[] {
  const byAcronym = new Map(opts.groups.map((g) => [g.acronym, g]));
  const acceptedFor = (group: string): string[] => {
    const g = byAcronym.get(group);
    return g && !takesNewWork(g) ? [group, ...g.successors] : [group];
  };
  const engine = createRoutingEngine({
    groups: opts.groups,
    charterItems: opts.charterItems,
    documents: train,
    tuning: opts.tuning,
  });
  return test.map(({ doc, fold }) => {
    const r = engine.route({ title: doc.title, text: doc.abstract ?? "" }, { limit: 10 });
    return {
      doc,
      fold,
      accepted: acceptedFor(doc.group),
      firstKind: r.candidates[0]?.kind ?? "none",
      ranking: r.candidates.map((c) => c.wg),
      charterItem: r.charterItem.id,
      cited: r.candidates.flatMap((c) => c.similarDocuments),
    };
  });
}

/** k-fold cross-validation; results in the order of `documents`. */
export function crossValidate(opts: CrossValidationOptions): EvaluatedDocument[] {
  const folds = assignFolds(opts.documents, opts.k, { seed: opts.seed ?? "" });
  const out = new Array<EvaluatedDocument>(opts.documents.length);
  for (let f = 0; f < opts.k; f++) {
    const train = opts.documents.filter((_, i) => folds[i] !== f);
    const testIdx = opts.documents.flatMap((_, i) => (folds[i] === f ? [i] : []));
    const results = routeAll(
      train,
      testIdx.map((i) => ({ doc: opts.documents[i]!, fold: f })),
      opts,
    );
    testIdx.forEach((i, j) => (out[i] = results[j]!));
  }
  return out;
}

/** Routes every document with no corpus knowledge at all (catalog profiles only). */
export function profileOnly(opts: Omit<CrossValidationOptions, "k">): EvaluatedDocument[] {
  return routeAll(
    [],
    opts.documents.map((doc) => ({ doc, fold: -1 })),
    { ...opts, k: 1 },
  );
}

export function summarize(results: readonly EvaluatedDocument[]): EvaluationSummary {
  let top1 = 0;
  let top3 = 0;
  let charter = 0;
  let charterN = 0;
  for (const r of results) {
    if (r.accepted.includes(r.ranking[0] ?? "")) top1++;
    if (r.ranking.slice(0, 3).some((c) => r.accepted.includes(c))) top3++;
    if (r.doc.charterItem) {
      charterN++;
      if (r.charterItem === r.doc.charterItem) charter++;
    }
  }
  const n = results.length || 1;
  return {
    n: results.length,
    top1: top1 / n,
    top3: top3 / n,
    charterItem: charter / (charterN || 1),
    charterItemN: charterN,
  };
}
