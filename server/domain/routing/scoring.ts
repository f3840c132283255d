/**
 * Scoring a query against every class (group or outcome) of the index.
 *
 *   centroid = cos(q, λ·profile_g + Σ docs_g)      (docs as unit vectors)
 *   nearest  = best doc sim + 0.3 · second best    (k-nearest neighbours)
 *   profile  = cos(q, profile_g)
 *   mention  = the text names the group ("SUIT"), cites one of its drafts or
 *              RFCs (the acronym weighted by how specific it is to the group)
 *   raw      = wC·centroid + wN·nearest + wP·profile + wM·min(mention, 2)
 *   score    = 1 - exp(-raw / τ)                   (monotone squash to 0..1)
 */
import { groupFromDraftName } from "~/server/domain/documents/names";

import { cmp, sublinear, type KnowledgeIndex } from "./knowledge-index";
import type { Analysis, FeatureBag, Token } from "./text";
import type { RoutingTuning } from "./types";

/** Cap on the query terms used for similarity: bounds the cost of a very long text. */
export const MAX_QUERY_TERMS = 400;

export interface QueryVector {
  readonly ids: number[];
  readonly weights: number[];
  readonly terms: string[];
  readonly norm: number;
}

export interface Scored {
  readonly cls: number;
  score: number;
  readonly mentions: string[];
}

export interface Neighbour {
  readonly idx: number;
  readonly sim: number;
}

export interface QueryScores {
  readonly scored: Scored[];
  /** Per class: its three most similar documents. */
  readonly top: Neighbour[][];
  /** The ten most similar documents overall. */
  readonly globalTop: Neighbour[];
  readonly query: QueryVector;
}

/** The query's TF-IDF vector, keeping its MAX_QUERY_TERMS heaviest known terms. */
export function queryVector(index: KnowledgeIndex, bag: FeatureBag): QueryVector {
  const known: { id: number; w: number; term: string }[] = [];
  let norm2 = 0;
  for (const [term, count] of bag) {
    const id = index.vocab.get(term);
    const w = sublinear(count) * index.idfOf(id);
    norm2 += w * w;
    if (id !== undefined) known.push({ id, w, term });
  }
  if (known.length > MAX_QUERY_TERMS) {
    known.sort((a, b) => b.w - a.w || cmp(a.term, b.term));
    known.length = MAX_QUERY_TERMS;
  }
  return {
    ids: known.map((k) => k.id),
    weights: known.map((k) => k.w),
    terms: known.map((k) => k.term),
    norm: Math.sqrt(norm2) || 1,
  };
}

/** Keeps `list` as the best `k` entries by similarity (ties: lower index first). */
function insertTop(list: Neighbour[], e: Neighbour, k: number) {
  if (list.length === k && list[k - 1]!.sim >= e.sim) return;
  let i = list.length;
  while (i > 0 && list[i - 1]!.sim < e.sim) i--;
  list.splice(i, 0, e);
  if (list.length > k) list.pop();
}

export function scoreQuery(
  index: KnowledgeIndex,
  tuning: RoutingTuning,
  bag: FeatureBag,
  analyses: readonly Analysis[],
  tokens: readonly Token[],
): QueryScores {
  const { items, classes, norms } = index;
  const n = items.length;
  const query = queryVector(index, bag);

  // Dot products through the inverted index.
  const acc = index.scratch(n);
  for (let k = 0; k < query.ids.length; k++) {
    const id = query.ids[k]!;
    const qv = query.weights[k]! / query.norm;
    const wt = index.idfCache[id]!;
    const pi = index.postItems[id]!;
    const pw = index.postWeights[id]!;
    for (let j = 0; j < pi.length; j++) {
      const d = pi[j]!;
      acc[d] = acc[d]! + qv * pw[j]! * wt;
    }
  }

  // Per-class aggregation.
  const nc = classes.length;
  const profileSim = new Float64Array(nc);
  const docSum = new Float64Array(nc);
  const top: Neighbour[][] = classes.map(() => []);
  const globalTop: Neighbour[] = [];
  for (let i = 0; i < n; i++) {
    const a = acc[i]!;
    if (a === 0) continue;
    const sim = a / norms[i]!;
    const it = items[i]!;
    if (it.isProfile) {
      profileSim[it.cls] = sim;
      continue;
    }
    docSum[it.cls] = docSum[it.cls]! + sim;
    insertTop(top[it.cls]!, { idx: i, sim }, 3);
    insertTop(globalTop, { idx: i, sim }, 10);
  }

  // Explicit mentions: group acronym, drafts, RFCs.
  const allRfcs = new Set(analyses.flatMap((a) => [...a.rfcs]));
  const allDrafts = new Set(analyses.flatMap((a) => [...a.drafts]));
  const acronymHits = new Map<string, string>();
  for (const t of tokens) {
    const ci = index.classIndex.get(t.term);
    if (ci === undefined || classes[ci]!.kind === "outcome") continue;
    if (t.acronym || /\d/.test(t.term))
      acronymHits.set(t.term, acronymHits.get(t.term) ?? t.surface);
  }

  const scored: Scored[] = [];
  for (let c = 0; c < nc; c++) {
    const entry = classes[c]!;
    const tops = top[c]!;
    const nearest = Math.min(1, (tops[0]?.sim ?? 0) + 0.3 * (tops[1]?.sim ?? 0));
    const centroid =
      (tuning.profileInCentroid * profileSim[c]! + docSum[c]!) /
      (index.centroidNorm.get(entry.id) ?? 1);
    const mentions: string[] = [];
    let mention = 0;
    const surface = acronymHits.get(entry.id);
    if (surface) {
      // "SUIT" mostly appears in SUIT documents, "CBOR" in documents of many
      // groups that merely use CBOR.
      mention += index.specificity(entry.id, c);
      mentions.push(`names the group ("${surface}")`);
    }
    const drafts = [...allDrafts].filter((d) => groupFromDraftName(d) === entry.id);
    if (drafts.length > 0) {
      mention += 1;
      mentions.push(`mentions ${drafts.slice(0, 3).join(", ")}`);
    }
    const rfcs = [...allRfcs].filter((r) => entry.rfcs.has(r));
    if (rfcs.length > 0) {
      mention += 0.5;
      mentions.push(`mentions ${rfcs.map((r) => `RFC ${r}`).join(", ")}`);
    }
    const raw =
      tuning.centroid * centroid +
      tuning.nearest * nearest +
      tuning.profile * profileSim[c]! +
      tuning.mention * Math.min(mention, 2);
    scored.push({ cls: c, score: 1 - Math.exp(-raw / tuning.tau), mentions });
  }
  return { scored, top, globalTop, query };
}
