/**
 * Helpers for a fair k-fold cross-validation of the routing engine.
 *
 * 1. Related documents are linked so they always land in the same fold. The
 *    data has no explicit draft -> RFC link, so one is derived:
 *    - same title: Jaccard similarity of the title term sets (stemmed,
 *      stopwords removed) >= 0.9;
 *    - similar title and overlapping abstract: title Jaccard >= 0.6 and
 *      abstract Jaccard >= 0.45. A draft and the RFC it became keep most of
 *      their title and abstract, sometimes with a word changed; sibling
 *      documents of one group often share a title pattern ("CBOR Object
 *      Signing and Encryption (COSE): ...") but not their abstracts;
 *    - near-identical abstracts: abstract Jaccard >= 0.65;
 *    - `...-rfcNNNNbis` drafts are linked to `rfcNNNN`.
 *    Abstracts are compared after removing draft boilerplate. Erring towards
 *    linking only makes the evaluation stricter (fewer near-copies in training).
 *    Linked documents form connected components (union-find).
 * 2. Components are assigned to folds deterministically and stratified by
 *    group: components of a group are ordered by a hash of their first member's
 *    name and dealt round-robin, continuing the rotation across groups.
 */
import { createTextAnalyzer, stripBoilerplate } from "./text";

export interface LinkableDocument {
  readonly name: string;
  readonly title: string;
  readonly abstract?: string;
  readonly group: string;
}

export interface LinkOptions {
  /** Title Jaccard that links on its own (default 0.9). */
  sameTitle?: number;
  /** Title Jaccard that links together with `pairedAbstract` (default 0.6). */
  similarTitle?: number;
  /** Abstract Jaccard required with a similar title (default 0.45). */
  pairedAbstract?: number;
  /** Abstract Jaccard that links on its own (default 0.65). */
  sameAbstract?: number;
}

/** FNV-1a 32-bit hash; stable across runs and platforms. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/**
 * Returns, for each document (same order), the index of the representative
 * of its component, plus the linked pairs with the reason they were linked.
 */
export function linkRelatedDocuments(
  docs: readonly LinkableDocument[],
  opts: LinkOptions = {},
): { component: number[]; links: { a: string; b: string; why: string }[] } {
  const sameTitle = opts.sameTitle ?? 0.9;
  const similarTitle = opts.similarTitle ?? 0.6;
  const pairedAbstract = opts.pairedAbstract ?? 0.45;
  const sameAbstract = opts.sameAbstract ?? 0.65;
  const analyzer = createTextAnalyzer([]);
  const terms = (s: string | undefined) =>
    new Set(analyzer.analyze(s ?? "").tokens.map((t) => t.term));
  const titleSets = docs.map((d) => terms(d.title));
  const abstractSets = docs.map((d) => terms(stripBoilerplate(d.abstract ?? "")));

  const parent = docs.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r]!;
    while (parent[i] !== r) {
      const next = parent[i]!;
      parent[i] = r;
      i = next;
    }
    return r;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };

  const links: { a: string; b: string; why: string }[] = [];
  const byName = new Map(docs.map((d, i) => [d.name.toLowerCase(), i]));
  docs.forEach((d, i) => {
    const bis = /rfc0*(\d+)bis/.exec(d.name.toLowerCase());
    const j = bis ? byName.get(`rfc${bis[1]}`) : undefined;
    if (j !== undefined) {
      union(i, j);
      links.push({ a: d.name, b: docs[j]!.name, why: "bis of" });
    }
  });
  for (let i = 0; i < docs.length; i++) {
    for (let j = i + 1; j < docs.length; j++) {
      const t = jaccard(titleSets[i]!, titleSets[j]!);
      const a = jaccard(abstractSets[i]!, abstractSets[j]!);
      if (t >= sameTitle || (t >= similarTitle && a >= pairedAbstract) || a >= sameAbstract) {
        union(i, j);
        links.push({
          a: docs[i]!.name,
          b: docs[j]!.name,
          why: `title ${t.toFixed(2)}, abstract ${a.toFixed(2)}`,
        });
      }
    }
  }
  return { component: docs.map((_, i) => find(i)), links };
}

function cmpName(docs: readonly LinkableDocument[], a: number, b: number): number {
  const x = docs[a]!.name;
  const y = docs[b]!.name;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Deterministic stratified fold number (0..k-1) for each document. */
export function assignFolds(
  docs: readonly LinkableDocument[],
  k: number,
  opts?: LinkOptions & {
    /** Changes the (still deterministic) shuffle; default "". */ seed?: string;
  },
): number[] {
  if (!Number.isInteger(k) || k < 2) throw new RangeError("k must be an integer >= 2");
  const { component } = linkRelatedDocuments(docs, opts);
  const members = new Map<number, number[]>();
  component.forEach((rep, i) => {
    const list = members.get(rep);
    if (list) list.push(i);
    else members.set(rep, [i]);
  });
  // Each linked group is keyed by its alphabetically first member, not by the
  // union-find representative (the lowest input index), so that folds do not
  // depend on the order of the input.
  const byGroup = new Map<string, { key: number; members: number[] }[]>();
  for (const list of members.values()) {
    const key = list.reduce((m, i) => (cmpName(docs, i, m) < 0 ? i : m));
    const g = docs[key]!.group;
    const entry = { key, members: list };
    const groupList = byGroup.get(g);
    if (groupList) groupList.push(entry);
    else byGroup.set(g, [entry]);
  }
  const fold = new Array<number>(docs.length).fill(0);
  let next = 0;
  const seed = opts?.seed ?? "";
  for (const g of [...byGroup.keys()].sort()) {
    const entries = byGroup.get(g)!;
    entries.sort(
      (a, b) =>
        fnv1a(seed + docs[a.key]!.name) - fnv1a(seed + docs[b.key]!.name) ||
        cmpName(docs, a.key, b.key),
    );
    for (const entry of entries) {
      for (const i of entry.members) fold[i] = next % k;
      next++;
    }
  }
  return fold;
}
