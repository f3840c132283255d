/**
 * The routing engine's knowledge as an inverted index: a term dictionary with
 * document frequencies, one weighted vector ("item") per group profile and per
 * known document, and one class per group or outcome the items belong to.
 *
 * Items are added in O(item length). IDF, the item norms and the class
 * centroid norms depend on the whole collection; they are recomputed lazily,
 * in one linear pass, by `refresh()` (called before each route).
 */
import type { CharterItemId, GroupProfile } from "~/server/domain/catalog";

import type { FeatureBag } from "./text";
import type { CandidateKind } from "./types";

export interface KeywordPhrase {
  readonly text: string;
  readonly terms: readonly string[];
}

export interface ClassEntry {
  readonly id: string;
  readonly kind: Exclude<CandidateKind, "venue">;
  readonly profile: GroupProfile | undefined;
  /** False for groups that take no new work (concluded, directorates, ...). */
  readonly routable: boolean;
  readonly keywords: readonly KeywordPhrase[];
  readonly rfcs: Set<string>;
  readonly items: number[];
  profileItem: number;
  docCount: number;
}

export interface Item {
  readonly termIds: Int32Array;
  readonly weights: Float64Array;
  readonly cls: number;
  readonly name: string;
  readonly isProfile: boolean;
  readonly charterItem: CharterItemId | "other" | undefined;
}

export const sublinear = (c: number) => (c <= 1 ? c : 1 + Math.log(c));
export const idf = (dfv: number, n: number) => Math.log((n + 1) / (dfv + 1)) + 1;

export class KnowledgeIndex {
  readonly vocab = new Map<string, number>();
  readonly df: number[] = [];
  readonly postItems: number[][] = [];
  readonly postWeights: number[][] = [];
  readonly items: Item[] = [];
  readonly classes: ClassEntry[] = [];
  readonly classIndex = new Map<string, number>();
  readonly centroidNorm = new Map<string, number>();
  norms = new Float64Array(0);
  idfCache = new Float64Array(0);
  /** Bumped by every refresh that changed something (for caches derived from the IDF). */
  generation = 0;
  private dirty = true;

  /** @param profileInCentroid weight of a group's profile inside its centroid */
  constructor(private readonly profileInCentroid: number) {}

  termId(term: string): number {
    let id = this.vocab.get(term);
    if (id === undefined) {
      id = this.df.length;
      this.vocab.set(term, id);
      this.df.push(0);
      this.postItems.push([]);
      this.postWeights.push([]);
    }
    return id;
  }

  addClass(entry: Omit<ClassEntry, "items" | "profileItem" | "docCount">): number {
    const existing = this.classIndex.get(entry.id);
    if (existing !== undefined) return existing;
    const idx = this.classes.length;
    this.classes.push({ ...entry, items: [], profileItem: -1, docCount: 0 });
    this.classIndex.set(entry.id, idx);
    return idx;
  }

  addItem(
    bag: FeatureBag,
    cls: number,
    name: string,
    isProfile: boolean,
    charterItem?: CharterItemId | "other",
  ): number {
    const idx = this.items.length;
    const ids: number[] = [];
    const ws: number[] = [];
    for (const [term, count] of bag) {
      if (count <= 0) continue;
      const id = this.termId(term);
      const w = sublinear(count);
      ids.push(id);
      ws.push(w);
      this.df[id] = (this.df[id] ?? 0) + 1;
      this.postItems[id]!.push(idx);
      this.postWeights[id]!.push(w);
    }
    this.items.push({
      termIds: Int32Array.from(ids),
      weights: Float64Array.from(ws),
      cls,
      name,
      isProfile,
      charterItem,
    });
    const c = this.classes[cls]!;
    c.items.push(idx);
    if (isProfile) c.profileItem = idx;
    this.dirty = true;
    return idx;
  }

  /** IDF of a term id, or of an unknown term. */
  idfOf(id: number | undefined): number {
    return id === undefined ? idf(0, this.items.length) : this.idfCache[id]!;
  }

  /** Recomputes IDF and every IDF-dependent norm; one pass over all postings. */
  refresh(): void {
    if (!this.dirty) return;
    const n = this.items.length;
    const df = this.df;
    this.idfCache = new Float64Array(df.length);
    for (let t = 0; t < df.length; t++) this.idfCache[t] = idf(df[t] ?? 0, n);
    const idfCache = this.idfCache;
    this.norms = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const it = this.items[i]!;
      let s = 0;
      for (let k = 0; k < it.termIds.length; k++) {
        const v = it.weights[k]! * idfCache[it.termIds[k]!]!;
        s += v * v;
      }
      this.norms[i] = Math.sqrt(s) || 1;
    }
    // Centroid norms: || λ·unit(profile) + Σ unit(doc) || per class.
    const dense = new Float64Array(df.length);
    for (const c of this.classes) {
      const touched: number[] = [];
      for (const i of c.items) {
        const it = this.items[i]!;
        const scale = (it.isProfile ? this.profileInCentroid : 1) / this.norms[i]!;
        for (let k = 0; k < it.termIds.length; k++) {
          const t = it.termIds[k]!;
          if (dense[t] === 0) touched.push(t);
          dense[t] = dense[t]! + it.weights[k]! * idfCache[t]! * scale;
        }
      }
      let s = 0;
      for (const t of touched) {
        s += dense[t]! * dense[t]!;
        dense[t] = 0;
      }
      this.centroidNorm.set(c.id, Math.sqrt(s) || 1);
    }
    this.generation++;
    this.dirty = false;
  }

  /** Terms found in at most 10% of the items (or protocol acronyms) are worth quoting. */
  isDistinctive(term: string, isProtected: (t: string) => boolean): boolean {
    const id = this.vocab.get(term);
    if (id === undefined) return false;
    return isProtected(term) || (this.df[id] ?? 0) <= Math.max(3, 0.1 * this.items.length);
  }

  /** Share of the items containing `term` that belong to class `cls`. */
  specificity(term: string, cls: number): number {
    const id = this.vocab.get(term);
    if (id === undefined) return 1;
    const pi = this.postItems[id]!;
    let own = 0;
    for (const i of pi) if (this.items[i]!.cls === cls) own++;
    return (own + 1) / (pi.length + 1);
  }

  /**
   * For each listed class, the query terms it shares, ordered by their
   * contribution to the similarity with the class's profile and its most
   * similar documents (`near`). Touches only those few items, so its cost does
   * not grow with the number of known documents.
   */
  sharedTerms(
    classList: readonly number[],
    near: readonly (readonly { idx: number }[])[],
    q: {
      readonly ids: readonly number[];
      readonly weights: readonly number[];
      readonly terms: readonly string[];
      readonly norm: number;
    },
  ): Map<number, string[]> {
    const slotOf = new Map<number, number>();
    q.ids.forEach((id, k) => slotOf.set(id, k));
    const out = new Map<number, string[]>();
    for (const cls of classList) {
      const c = this.classes[cls]!;
      const itemsOf = [
        ...(c.profileItem >= 0 ? [c.profileItem] : []),
        ...(near[cls] ?? []).map((n) => n.idx),
      ];
      const contrib = new Map<number, number>();
      for (const i of itemsOf) {
        const it = this.items[i]!;
        const scale = (it.isProfile ? this.profileInCentroid : 1) / this.norms[i]!;
        for (let j = 0; j < it.termIds.length; j++) {
          const k = slotOf.get(it.termIds[j]!);
          if (k === undefined) continue;
          const id = q.ids[k]!;
          const v = (q.weights[k]! / q.norm) * this.idfCache[id]! * it.weights[j]! * scale;
          contrib.set(k, (contrib.get(k) ?? 0) + v);
        }
      }
      out.set(
        cls,
        [...contrib.entries()]
          .filter(([, v]) => v > 0.01)
          .map(([k, v]): [string, number] => [q.terms[k]!, v])
          .sort((x, y) => y[1] - x[1] || cmp(x[0], y[0]))
          .map(([t]) => t),
      );
    }
    return out;
  }

  /** A zeroed scratch buffer of at least `n` numbers, reused between queries. */
  scratch(n: number): Float64Array {
    if (this.buffer.length < n) this.buffer = new Float64Array(Math.max(n, 2 * this.buffer.length));
    else this.buffer.fill(0, 0, n);
    return this.buffer;
  }
  private buffer = new Float64Array(0);
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
