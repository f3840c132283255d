/**
 * Routing engine: suggests which IETF/IRTF group (or which non-WG dispatch
 * outcome) should take a piece of IoT work, and which IOTOPS charter item it
 * belongs to. Pure, deterministic, in-memory; no network, no model files.
 *
 * API
 * ---
 *   const engine = createRoutingEngine({ groups, charterItems, documents });
 *   engine.route({ title, text }, { limit })  -> RoutingResult
 *   engine.addDocument(doc)                   -> incremental update
 *   engine.size()                             -> number of known documents
 *
 * Knowledge
 * ---------
 * Every group profile (name, acronym, summary, keywords, key RFCs/drafts) and
 * every known document (title counted twice + abstract) becomes a TF-IDF
 * vector (sublinear term frequency, unigrams + bigrams + RFC/draft
 * references, see text.ts). Documents are labelled with a group acronym;
 * labels that are not in the catalog create an ad-hoc group, labels that are
 * outcome ids (`bof`, `no-action`, ...) add evidence to that outcome.
 * `addDocument` appends to the inverted index in O(document length); the
 * IDF-dependent vector norms are refreshed lazily, in one linear pass, on the
 * next `route` call. Building from a list and adding one by one give the same
 * state.
 *
 * Scoring a group g for query q (cosine similarities in 0..1):
 *   centroid = cos(q, λ·profile_g + Σ docs_g)      (docs as unit vectors)
 *   nearest  = best doc sim + 0.3 · second best    (k-nearest neighbours)
 *   profile  = cos(q, profile_g)
 *   mention  = the text names the group ("SUIT"), cites one of its drafts or
 *              RFCs
 *   raw      = wC·centroid + wN·nearest + wP·profile + wM·mention
 *   score    = 1 - exp(-raw / τ)                   (monotone squash to 0..1)
 * Outcomes are scored by the rule in outcomes.ts from the best group score and
 * the share of IoT/networking vocabulary in the text.
 *
 * Default weights (DEFAULT_TUNING): λ = 2, wC = 0.6, wN = 0.25, wP = 0.3,
 * wM = 0.1, τ = 0.25. The acronym part of `mention` is weighted by how
 * specific the acronym is to the group in the knowledge base. Very long texts
 * use their 400 heaviest known terms for the similarity computation.
 *
 * Charter item: cosine with each item's title/description/cue phrases, plus
 * the items of the best-scoring groups, plus votes of similar labelled
 * documents; `other` when the best item stays under a threshold.
 *
 * Empty input (blank title and text) throws DomainError("VALIDATION").
 * Method and measured accuracy/speed: docs/routing.md.
 */
import type { CharterItem, CharterItemId, GroupProfile } from "~/server/domain/catalog";
import { DomainError } from "~/server/domain/errors";

import { CHARTER_ITEM_CUES, DOMAIN_LEXICON, RESEARCH_CUES, SMALL_ITEM_CUES } from "./lexicon";
import {
  OUTCOME_IDS,
  OUTCOME_LABELS,
  isOutcomeId,
  scoreOutcomes,
  type OutcomeId,
} from "./outcomes";
import {
  addFeatures,
  createTextAnalyzer,
  findPhrase,
  groupOfDraftName,
  normalizeDraftName,
  stripBoilerplate,
  type Analysis,
  type FeatureBag,
  type TextAnalyzer,
} from "./text";

export interface KnownDocument {
  /** Document name, e.g. `draft-ietf-suit-manifest`, `rfc9019`, or an issue id. */
  name: string;
  title: string;
  abstract?: string;
  /** Lowercase group acronym (or a dispatch outcome id such as `bof`). */
  group: string;
  source?: "document" | "decision" | "corpus";
  /** Charter item label, when known; improves charter item classification. */
  charterItem?: CharterItemId | "other";
}

export interface RoutingQuery {
  title: string;
  text?: string;
}

export type CandidateKind = "wg" | "rg" | "outcome";

export interface Candidate {
  /** Lowercase group acronym or outcome id (`bof`, `ad-sponsored`, `irtf`, `no-action`). */
  wg: string;
  kind: CandidateKind;
  /** 0..1, higher is a better fit. */
  score: number;
  reasons: string[];
  /** Names of the most similar known documents of this group, best first. */
  similarDocuments: string[];
}

export interface CharterItemResult {
  id: CharterItemId | "other";
  score: number;
  reasons: string[];
}

export interface RoutingResult {
  charterItem: CharterItemResult;
  /** Best first. The top `limit` entries plus any outcome not among them. */
  candidates: Candidate[];
}

export interface RouteOptions {
  /** Number of top entries (groups and outcomes mixed); default 8, minimum 5. */
  limit?: number;
}

export interface RoutingEngine {
  route(query: RoutingQuery, opts?: RouteOptions): RoutingResult;
  addDocument(doc: KnownDocument): void;
  /** Number of known documents (profiles not counted). */
  size(): number;
}

/** Weights of the scoring model. Exposed for evaluation experiments only. */
export interface RoutingTuning {
  centroid: number;
  nearest: number;
  profile: number;
  mention: number;
  /** Weight of a group's profile inside its centroid (documents weigh 1 each). */
  profileInCentroid: number;
  /** Squash temperature: score = 1 - exp(-raw / tau). */
  tau: number;
  /** Title features count this many times the abstract's. */
  titleScale: number;
  charterLexical: number;
  charterGroups: number;
  charterVotes: number;
  /** Best charter item below this combined evidence -> `other`. */
  charterThreshold: number;
}

export const DEFAULT_TUNING: RoutingTuning = {
  centroid: 0.6,
  nearest: 0.25,
  profile: 0.3,
  mention: 0.1,
  profileInCentroid: 2,
  tau: 0.25,
  titleScale: 2,
  charterLexical: 1,
  charterGroups: 0.5,
  charterVotes: 1,
  charterThreshold: 0.2,
};

export interface RoutingEngineOptions {
  groups: readonly GroupProfile[];
  charterItems: readonly CharterItem[];
  documents?: readonly KnownDocument[];
  tuning?: Partial<RoutingTuning>;
}

// ---------------------------------------------------------------------------

interface KeywordPhrase {
  readonly text: string;
  readonly terms: readonly string[];
}

interface ClassEntry {
  readonly id: string;
  readonly kind: CandidateKind;
  readonly profile: GroupProfile | undefined;
  readonly keywords: readonly KeywordPhrase[];
  readonly rfcs: Set<string>;
  readonly items: number[];
  profileItem: number;
  docCount: number;
}

interface Item {
  readonly termIds: Int32Array;
  readonly weights: Float64Array;
  readonly cls: number;
  readonly name: string;
  readonly isProfile: boolean;
  readonly charterItem: CharterItemId | "other" | undefined;
}

interface StaticVector {
  readonly terms: readonly string[];
  readonly weights: readonly number[];
}

/** Cap on the query terms used for similarity (see route). */
const MAX_QUERY_TERMS = 400;

/** The group whose charter the charter items are. */
const CHARTER_OWNER = "iotops";

const sublinear = (c: number) => (c <= 1 ? c : 1 + Math.log(c));
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

function quoteList(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(", ");
}

function collectAcronyms(groups: readonly GroupProfile[]): string[] {
  const out: string[] = [];
  const grab = (s: string) => {
    for (const w of s.match(/[A-Za-z0-9]+/g) ?? []) {
      let upper = 0;
      for (const ch of w) if (ch >= "A" && ch <= "Z") upper++;
      if (upper >= 2 || (upper >= 1 && /\d/.test(w))) out.push(w);
    }
  };
  for (const g of groups) {
    out.push(g.acronym);
    grab(g.name);
    for (const k of g.keywords) grab(k);
  }
  for (const cues of Object.values(CHARTER_ITEM_CUES)) for (const c of cues) grab(c);
  for (const w of DOMAIN_LEXICON) grab(w);
  return out;
}

export function createRoutingEngine(options: RoutingEngineOptions): RoutingEngine {
  const tuning: RoutingTuning = { ...DEFAULT_TUNING, ...options.tuning };
  const analyzer: TextAnalyzer = createTextAnalyzer(collectAcronyms(options.groups));
  const charterItems = options.charterItems;

  // ---- term dictionary and inverted index -------------------------------
  const vocab = new Map<string, number>();
  const df: number[] = [];
  const postItems: number[][] = [];
  const postWeights: number[][] = [];
  const items: Item[] = [];
  let norms = new Float64Array(0);
  let idfCache = new Float64Array(0);
  let dirty = true;

  const classes: ClassEntry[] = [];
  const classIndex = new Map<string, number>();
  let docCount = 0;

  function termId(term: string): number {
    let id = vocab.get(term);
    if (id === undefined) {
      id = df.length;
      vocab.set(term, id);
      df.push(0);
      postItems.push([]);
      postWeights.push([]);
    }
    return id;
  }

  function addItem(
    bag: FeatureBag,
    cls: number,
    name: string,
    isProfile: boolean,
    charterItem?: CharterItemId | "other",
  ) {
    const idx = items.length;
    const ids: number[] = [];
    const ws: number[] = [];
    for (const [term, count] of bag) {
      if (count <= 0) continue;
      const id = termId(term);
      const w = sublinear(count);
      ids.push(id);
      ws.push(w);
      df[id] = (df[id] ?? 0) + 1;
      postItems[id]!.push(idx);
      postWeights[id]!.push(w);
    }
    items.push({
      termIds: Int32Array.from(ids),
      weights: Float64Array.from(ws),
      cls,
      name,
      isProfile,
      charterItem,
    });
    classes[cls]!.items.push(idx);
    dirty = true;
    return idx;
  }

  const idf = (dfv: number, n: number) => Math.log((n + 1) / (dfv + 1)) + 1;

  /** Recomputes IDF and every IDF-dependent norm; one pass over all postings. */
  function refresh() {
    if (!dirty) return;
    const n = items.length;
    idfCache = new Float64Array(df.length);
    for (let t = 0; t < df.length; t++) idfCache[t] = idf(df[t] ?? 0, n);
    norms = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const it = items[i]!;
      let s = 0;
      for (let k = 0; k < it.termIds.length; k++) {
        const v = it.weights[k]! * idfCache[it.termIds[k]!]!;
        s += v * v;
      }
      norms[i] = Math.sqrt(s) || 1;
    }
    // Centroid norms: || λ·unit(profile) + Σ unit(doc) || per class.
    const dense = new Float64Array(df.length);
    for (const c of classes) {
      const touched: number[] = [];
      for (const i of c.items) {
        const it = items[i]!;
        const scale = (it.isProfile ? tuning.profileInCentroid : 1) / norms[i]!;
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
      centroidNorm.set(c.id, Math.sqrt(s) || 1);
    }
    for (const ci of charterVectors) ci.norm = -1;
    dirty = false;
  }
  const centroidNorm = new Map<string, number>();

  // ---- classes --------------------------------------------------------------
  function ensureClass(id: string): number {
    const existing = classIndex.get(id);
    if (existing !== undefined) return existing;
    const idx = classes.length;
    // A catalog group without a class of its own (a directorate) keeps its profile data.
    const known = options.groups.find((g) => g.acronym.toLowerCase() === id);
    classes.push({
      id,
      kind: isOutcomeId(id) ? "outcome" : known?.type === "rg" ? "rg" : "wg",
      profile: known,
      keywords: [],
      rfcs: new Set(),
      items: [],
      profileItem: -1,
      docCount: 0,
    });
    classIndex.set(id, idx);
    return idx;
  }

  function phraseOf(text: string): KeywordPhrase {
    return { text, terms: analyzer.analyze(text).tokens.map((t) => t.term) };
  }

  for (const g of options.groups) {
    if (g.type === "dir") continue; // directorates review work; they do not take it on
    const acronym = g.acronym.toLowerCase();
    if (classIndex.has(acronym)) continue;
    const idx = classes.length;
    classes.push({
      id: acronym,
      kind: g.type === "rg" ? "rg" : "wg",
      profile: g,
      keywords: g.keywords.map(phraseOf).filter((k) => k.terms.length > 0),
      rfcs: new Set(g.keyRfcs.map((r) => String(Number(r)))),
      items: [],
      profileItem: -1,
      docCount: 0,
    });
    classIndex.set(acronym, idx);
    const bag: FeatureBag = new Map();
    addFeatures(bag, analyzer.analyze(`${g.name} (${g.acronym.toUpperCase()})`), 2);
    addFeatures(bag, analyzer.analyze(g.summary), 1);
    for (const k of g.keywords) addFeatures(bag, analyzer.analyze(k), 2);
    for (const r of g.keyRfcs) bag.set(`rfc:${Number(r)}`, (bag.get(`rfc:${Number(r)}`) ?? 0) + 1);
    if (acronym === CHARTER_OWNER) {
      // The charter items are IOTOPS's own charter: they describe its scope.
      for (const ci of charterItems) {
        addFeatures(bag, analyzer.analyze(ci.title), 1);
        addFeatures(bag, analyzer.analyze(ci.description), 1);
      }
    }
    for (const d of g.keyDrafts) {
      const name = normalizeDraftName(d);
      bag.set(`draft:${name}`, (bag.get(`draft:${name}`) ?? 0) + 1);
      const rest = name.replace(/^draft-[a-z0-9]+-[a-z0-9]+-/, "").replace(/-/g, " ");
      addFeatures(bag, analyzer.analyze(rest), 1);
    }
    classes[idx]!.profileItem = addItem(bag, idx, `${acronym} profile`, true);
  }
  for (const o of OUTCOME_IDS) ensureClass(o);

  // ---- charter item vectors (not part of the IDF collection) ---------------
  /** `weights` and `norm` (IDF-weighted) are recomputed lazily after each refresh (norm < 0). */
  const charterVectors: {
    id: CharterItemId;
    vec: StaticVector;
    weights: number[];
    norm: number;
  }[] = charterItems.map((ci) => {
    const bag: FeatureBag = new Map();
    addFeatures(bag, analyzer.analyze(ci.title), 2);
    addFeatures(bag, analyzer.analyze(ci.description), 1);
    for (const cue of CHARTER_ITEM_CUES[ci.id] ?? []) addFeatures(bag, analyzer.analyze(cue), 1);
    const terms = [...bag.keys()];
    return {
      id: ci.id,
      vec: { terms, weights: terms.map((t) => sublinear(bag.get(t) ?? 0)) },
      weights: [],
      norm: -1,
    };
  });

  const termSet = (words: readonly string[]) => {
    const s = new Set<string>();
    for (const w of words) for (const t of analyzer.analyze(w).tokens) s.add(t.term);
    return s;
  };
  const domainTerms = termSet([
    ...DOMAIN_LEXICON,
    ...options.groups.flatMap((g) => [g.name, ...g.keywords]),
    ...charterItems.flatMap((c) => [c.title, ...(CHARTER_ITEM_CUES[c.id] ?? [])]),
  ]);
  const researchPhrases = RESEARCH_CUES.map(phraseOf);
  const smallPhrases = SMALL_ITEM_CUES.map(phraseOf);

  // ---- documents --------------------------------------------------------------
  function addDocument(doc: KnownDocument) {
    const group = doc.group.trim().toLowerCase();
    const name = doc.name.trim();
    if (!group) throw new DomainError("VALIDATION", "Known document needs a group");
    if (!name) throw new DomainError("VALIDATION", "Known document needs a name");
    const cls = ensureClass(group);
    const bag: FeatureBag = new Map();
    addFeatures(bag, analyzer.analyze(doc.title ?? ""), tuning.titleScale);
    if (doc.abstract) addFeatures(bag, analyzer.analyze(stripBoilerplate(doc.abstract)), 1);
    addItem(bag, cls, name, false, doc.charterItem);
    const c = classes[cls]!;
    c.docCount++;
    const rfc = /^rfc0*(\d+)$/i.exec(name);
    if (rfc?.[1]) c.rfcs.add(String(Number(rfc[1])));
    docCount++;
  }
  for (const d of options.documents ?? []) addDocument(d);

  // ---- routing -----------------------------------------------------------------
  function route(query: RoutingQuery, opts: RouteOptions = {}): RoutingResult {
    const title = (query.title ?? "").trim();
    const body = stripBoilerplate((query.text ?? "").trim());
    if (!title && !body) {
      throw new DomainError("VALIDATION", "Nothing to route: title and text are both empty");
    }
    refresh();
    const n = items.length;
    const unknownIdf = idf(0, n);

    const titleA = analyzer.analyze(title);
    const bodyA = analyzer.analyze(body);
    const allTokens = [...titleA.tokens, ...bodyA.tokens];
    const bag: FeatureBag = new Map();
    addFeatures(bag, titleA, tuning.titleScale);
    addFeatures(bag, bodyA, 1);

    // Query vector. Long texts keep only their MAX_QUERY_TERMS heaviest known
    // terms for the dot products (the norm still counts every term), which
    // bounds the cost of routing a very long issue.
    const known: { id: number; w: number; term: string }[] = [];
    let qNorm2 = 0;
    for (const [term, count] of bag) {
      const id = vocab.get(term);
      const w = sublinear(count) * (id === undefined ? unknownIdf : idfCache[id]!);
      qNorm2 += w * w;
      if (id !== undefined) known.push({ id, w, term });
    }
    if (known.length > MAX_QUERY_TERMS) {
      known.sort((a, b) => b.w - a.w || cmp(a.term, b.term));
      known.length = MAX_QUERY_TERMS;
    }
    const qIds = known.map((k) => k.id);
    const qW = known.map((k) => k.w);
    const qTerms = known.map((k) => k.term);
    const qNorm = Math.sqrt(qNorm2) || 1;

    // Dot products through the inverted index.
    const acc = new Float64Array(n);
    for (let k = 0; k < qIds.length; k++) {
      const id = qIds[k]!;
      const qv = qW[k]! / qNorm;
      const wt = idfCache[id]!;
      const pi = postItems[id]!;
      const pw = postWeights[id]!;
      for (let j = 0; j < pi.length; j++) {
        const d = pi[j]!;
        acc[d] = acc[d]! + qv * pw[j]! * wt;
      }
    }

    // Per-class aggregation.
    const nc = classes.length;
    const profileSim = new Float64Array(nc);
    const docSum = new Float64Array(nc);
    const top: { idx: number; sim: number }[][] = classes.map(() => []);
    const globalTop: { idx: number; sim: number }[] = [];
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
    const allRfcs = new Set([...titleA.rfcs, ...bodyA.rfcs]);
    const allDrafts = new Set([...titleA.drafts, ...bodyA.drafts]);
    const acronymHits = new Map<string, string>();
    for (const t of allTokens) {
      const ci = classIndex.get(t.term);
      if (ci === undefined || classes[ci]!.kind === "outcome") continue;
      if (t.acronym || /\d/.test(t.term))
        acronymHits.set(t.term, acronymHits.get(t.term) ?? t.surface);
    }

    interface Scored {
      cls: number;
      score: number;
      mentions: string[];
    }
    const scored: Scored[] = [];
    for (let c = 0; c < nc; c++) {
      const entry = classes[c]!;
      const tops = top[c]!;
      const s1 = tops[0]?.sim ?? 0;
      const s2 = tops[1]?.sim ?? 0;
      const nearest = Math.min(1, s1 + 0.3 * s2);
      const centroid =
        (tuning.profileInCentroid * profileSim[c]! + docSum[c]!) /
        (centroidNorm.get(entry.id) ?? 1);
      const mentions: string[] = [];
      let mention = 0;
      const surface = acronymHits.get(entry.id);
      if (surface) {
        // Weighted by how specific the acronym is to this group in the
        // knowledge base: "SUIT" mostly appears in SUIT documents, "CBOR" in
        // documents of many groups that merely use CBOR.
        mention += acronymSpecificity(entry.id, c);
        mentions.push(`names the group ("${surface}")`);
      }
      const drafts = [...allDrafts].filter((d) => groupOfDraftName(d) === entry.id);
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

    // Outcome signals.
    const groupScores = scored.filter((s) => classes[s.cls]!.kind !== "outcome");
    groupScores.sort((a, b) => b.score - a.score || cmp(classes[a.cls]!.id, classes[b.cls]!.id));
    const best = groupScores[0];
    const fit = best?.score ?? 0;
    const bestGroup = best ? classes[best.cls]!.profile : undefined;
    const orphan = bestGroup && bestGroup.state === "concluded" && !bestGroup.successor ? 1 : 0;
    // Share of IoT / networking vocabulary: the fixed lexicon plus catalog
    // names and keywords (independent of how many documents are known), with
    // half credit for other acronyms and for RFC / draft references.
    let domainHits = 0.5 * (allRfcs.size + allDrafts.size);
    const domainSurfaces: string[] = [];
    for (const t of allTokens) {
      if (domainTerms.has(t.term)) {
        domainHits++;
        if (analyzer.isQuotable(t.term, t.surface))
          pushUnique(domainSurfaces, t.surface.toLowerCase());
      } else if (t.acronym) domainHits += 0.5;
    }
    const contentCount = allTokens.length;
    const domain = contentCount === 0 ? 0 : Math.min(1, (2.5 * domainHits) / contentCount);
    const researchHits = phraseHits(allTokens, researchPhrases);
    const smallHits = phraseHits(allTokens, smallPhrases);
    const research = Math.min(1, researchHits.length / 2);
    const small = Math.min(1, smallHits.length / 2);
    const outcomeScores = scoreOutcomes({ fit, domain, research, small, orphan });

    const bestLabel = best ? `${classes[best.cls]!.id} ${round4(best.score).toFixed(2)}` : "none";
    for (const s of scored) {
      const entry = classes[s.cls]!;
      if (entry.kind !== "outcome") continue;
      const id = entry.id as OutcomeId;
      // Outcome-labelled decisions add nearest-neighbour evidence to the rule.
      const learned =
        1 - Math.exp(-(tuning.nearest * Math.min(1, top[s.cls]![0]?.sim ?? 0)) / tuning.tau);
      s.score = Math.max(outcomeScores[id], entry.docCount > 0 ? learned : 0);
    }

    // Ranking.
    const ranked = [...scored].sort(
      (a, b) => round4(b.score) - round4(a.score) || cmp(classes[a.cls]!.id, classes[b.cls]!.id),
    );
    const limit = Math.max(5, Math.floor(opts.limit ?? 8));
    const chosen = ranked.slice(0, limit);
    for (const s of ranked.slice(limit)) if (classes[s.cls]!.kind === "outcome") chosen.push(s);

    const shared = sharedTerms(
      chosen.map((s) => s.cls),
      qIds,
      qW,
      qTerms,
      qNorm,
    );
    const surfaceOf = surfaceMap(allTokens);

    const candidates: Candidate[] = chosen.map((s) => {
      const entry = classes[s.cls]!;
      const score = round4(clamp01(s.score));
      if (entry.kind === "outcome") {
        return {
          wg: entry.id,
          kind: "outcome",
          score,
          reasons: outcomeReasons(entry.id as OutcomeId, {
            bestLabel,
            domain,
            domainSurfaces,
            researchHits,
            smallHits,
            orphanGroup: orphan && bestGroup ? bestGroup.acronym : undefined,
            learnedFrom: top[s.cls]!.map((t) => items[t.idx]!.name),
          }),
          similarDocuments: top[s.cls]!.filter((t) => t.sim >= 0.05).map((t) => items[t.idx]!.name),
        };
      }
      const reasons: string[] = [...s.mentions];
      const matchedKw: string[] = [];
      const covered = new Set<string>();
      const kwSorted = [...entry.keywords].sort(
        (a, b) => b.terms.length - a.terms.length || cmp(a.text, b.text),
      );
      for (const kw of kwSorted) {
        const at = findPhrase(allTokens, kw.terms);
        if (at < 0) continue;
        const first = allTokens[at]!;
        const last = allTokens[at + kw.terms.length - 1]!;
        const surface = spanText(title, body, titleA, first, last);
        if (kw.terms.every((t) => covered.has(t))) continue;
        kw.terms.forEach((t) => covered.add(t));
        pushUnique(matchedKw, surface);
      }
      if (matchedKw.length > 0)
        reasons.push(`matches keywords ${quoteList(matchedKw.slice(0, 5))}`);
      const termsForClass = (shared.get(s.cls) ?? [])
        .filter((t) => !t.includes(" ") && !t.includes(":") && !covered.has(t))
        .filter((t) => isDistinctive(t))
        .map((t) => surfaceOf.get(t))
        .filter((v): v is { term: string; surface: string } => !!v)
        .filter((v) => analyzer.isQuotable(v.term, v.surface))
        .map((v) => v.surface)
        .slice(0, 5);
      if (termsForClass.length > 0) reasons.push(`shares terms ${quoteList(termsForClass)}`);
      const similar = top[s.cls]!.filter((t) => t.sim >= 0.05).map((t) => items[t.idx]!.name);
      if (similar.length > 0) reasons.push(`similar to ${similar.join(", ")}`);
      const g = entry.profile;
      if (g?.state === "concluded") {
        reasons.push(
          g.successor
            ? `group has concluded; its work continues in ${g.successor}`
            : "group has concluded",
        );
      }
      if (entry.kind === "rg") reasons.push("IRTF research group (research, not standards)");
      if (!g) reasons.push("group is not in the catalog; known only from its documents");
      if (reasons.length === 0) reasons.push("weak overall similarity only");
      return { wg: entry.id, kind: entry.kind, score, reasons, similarDocuments: similar };
    });

    const charterItem = classifyCharterItem(bag, groupScores, globalTop, surfaceOf);
    return { charterItem, candidates };
  }

  /** Terms found in at most 10% of the knowledge items (or protocol acronyms) are worth quoting. */
  function isDistinctive(term: string): boolean {
    const id = vocab.get(term);
    if (id === undefined) return false;
    return analyzer.isProtectedTerm(term) || (df[id] ?? 0) <= Math.max(3, 0.1 * items.length);
  }

  /** Share of the items (profiles and documents) containing `term` that belong to class `cls`. */
  function acronymSpecificity(term: string, cls: number): number {
    const id = vocab.get(term);
    if (id === undefined) return 1;
    const pi = postItems[id]!;
    let own = 0;
    for (const i of pi) if (items[i]!.cls === cls) own++;
    return (own + 1) / (pi.length + 1);
  }

  /** For each listed class, query terms ordered by their contribution to the centroid score. */
  function sharedTerms(
    classList: readonly number[],
    qIds: readonly number[],
    qW: readonly number[],
    qTerms: readonly string[],
    qNorm: number,
  ): Map<number, string[]> {
    const slot = new Int32Array(classes.length).fill(-1);
    classList.forEach((c, i) => (slot[c] = i));
    const nq = qIds.length;
    const contrib = new Float64Array(classList.length * nq);
    for (let k = 0; k < nq; k++) {
      const id = qIds[k]!;
      const pi = postItems[id]!;
      const pw = postWeights[id]!;
      const base = (qW[k]! / qNorm) * idfCache[id]!;
      for (let j = 0; j < pi.length; j++) {
        const item = pi[j]!;
        const sl = slot[items[item]!.cls]!;
        if (sl < 0) continue;
        const scale = items[item]!.isProfile ? tuning.profileInCentroid : 1;
        const at = sl * nq + k;
        contrib[at] = contrib[at]! + (base * pw[j]! * scale) / norms[item]!;
      }
    }
    const out = new Map<number, string[]>();
    classList.forEach((cls, sl) => {
      const list: [string, number][] = [];
      for (let k = 0; k < nq; k++) {
        const v = contrib[sl * nq + k]!;
        if (v > 0.01) list.push([qTerms[k]!, v]);
      }
      out.set(
        cls,
        list.sort((a, b) => b[1] - a[1] || cmp(a[0], b[0])).map(([t]) => t),
      );
    });
    return out;
  }

  function classifyCharterItem(
    bag: FeatureBag,
    groupScores: readonly { cls: number; score: number }[],
    globalTop: readonly { idx: number; sim: number }[],
    surfaceOf: ReadonlyMap<string, { term: string; surface: string }>,
  ): CharterItemResult {
    // Query as a term -> weight map using the collection IDF.
    const n = items.length;
    const q = new Map<string, number>();
    let qn = 0;
    for (const [term, count] of bag) {
      const id = vocab.get(term);
      const w = sublinear(count) * (id === undefined ? idf(0, n) : idfCache[id]!);
      q.set(term, w);
      qn += w * w;
    }
    qn = Math.sqrt(qn) || 1;
    const lexical = new Map<string, number>();
    const lexTerms = new Map<string, string[]>();
    for (const cv of charterVectors) {
      if (cv.norm < 0) {
        cv.weights = cv.vec.terms.map((t, i) => {
          const id = vocab.get(t);
          return cv.vec.weights[i]! * (id === undefined ? idf(0, n) : idfCache[id]!);
        });
        cv.norm = Math.sqrt(cv.weights.reduce((s, w) => s + w * w, 0)) || 1;
      }
      const weights = cv.weights;
      let dot = 0;
      const hit: [string, number][] = [];
      cv.vec.terms.forEach((t, i) => {
        const qv = q.get(t);
        if (qv !== undefined) {
          dot += qv * weights[i]!;
          hit.push([t, qv * weights[i]!]);
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
    const combined = new Map<string, number>();
    for (const cv of charterVectors) {
      const v =
        tuning.charterLexical * (lexical.get(cv.id) ?? 0) +
        tuning.charterGroups * bestGroupFit * (fromGroups.get(cv.id) ?? 0) +
        tuning.charterVotes *
          (voteTotal > 0 ? (votes.get(cv.id) ?? 0) / voteTotal : 0) *
          Math.min(1, voteTotal);
      combined.set(cv.id, v);
      if (v > bestVal) {
        bestVal = v;
        bestId = cv.id;
      }
    }
    const otherVote =
      voteTotal > 0 ? ((votes.get("other") ?? 0) / voteTotal) * Math.min(1, voteTotal) : 0;
    const reasons: string[] = [];
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
    const terms = (lexTerms.get(bestId) ?? [])
      .map((t) => surfaceOf.get(t)?.surface)
      .filter((v): v is string => !!v)
      .slice(0, 4);
    if (terms.length > 0) reasons.push(`matches "${bestId}" terms ${quoteList(terms)}`);
    const gl = fromGroups.get(bestId) ?? 0;
    if (gl > 0) {
      const names = topGroups
        .filter((g) => classes[g.cls]!.profile?.charterItems.includes(bestId as CharterItemId))
        .map((g) => classes[g.cls]!.id);
      if (names.length > 0)
        reasons.push(`typical for the best-matching groups: ${names.join(", ")}`);
    }
    const vote = votes.get(bestId) ?? 0;
    if (vote > 0) {
      const docs = globalTop
        .filter((t) => items[t.idx]!.charterItem === bestId)
        .slice(0, 3)
        .map((t) => items[t.idx]!.name);
      reasons.push(`similar documents filed under it: ${docs.join(", ")}`);
    }
    return { id: bestId, score: round4(evidence(bestVal)), reasons };
  }

  return { route, addDocument, size: () => docCount };
}

// ---------------------------------------------------------------------------

/** Maps non-negative evidence to 0..1 (0.2 -> 0.44, 0.5 -> 0.67, 1 -> 0.8). */
function evidence(v: number): number {
  return v <= 0 ? 0 : v / (v + 0.25);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function pushUnique(list: string[], value: string) {
  if (!list.includes(value)) list.push(value);
}

/** Keeps `list` as the best `k` entries by similarity (ties: lower index first). */
function insertTop(
  list: { idx: number; sim: number }[],
  e: { idx: number; sim: number },
  k: number,
) {
  if (list.length === k && list[k - 1]!.sim >= e.sim) return;
  let i = list.length;
  while (i > 0 && list[i - 1]!.sim < e.sim) i--;
  list.splice(i, 0, e);
  if (list.length > k) list.pop();
}

function phraseHits(
  tokens: readonly import("./text").Token[],
  phrases: readonly { text: string; terms: readonly string[] }[],
) {
  const hits: string[] = [];
  for (const p of phrases) {
    const at = findPhrase(tokens, p.terms);
    if (at >= 0) {
      const surface = tokens
        .slice(at, at + p.terms.length)
        .map((t) => t.surface)
        .join(" ");
      pushUnique(hits, surface);
    }
  }
  return hits;
}

/** First surface form of every unigram term in the query. */
function surfaceMap(tokens: readonly import("./text").Token[]) {
  const m = new Map<string, { term: string; surface: string }>();
  for (const t of tokens) if (!m.has(t.term)) m.set(t.term, { term: t.term, surface: t.surface });
  return m;
}

/** Exact text of a token span (tokens from the title or the body analysis). */
function spanText(
  title: string,
  body: string,
  titleA: Analysis,
  first: import("./text").Token,
  last: import("./text").Token,
): string {
  const inTitle = titleA.tokens.includes(first);
  const src = inTitle ? title : body;
  return src.slice(first.start, last.end);
}

function outcomeReasons(
  id: OutcomeId,
  ctx: {
    bestLabel: string;
    domain: number;
    domainSurfaces: readonly string[];
    researchHits: readonly string[];
    smallHits: readonly string[];
    orphanGroup: string | undefined;
    learnedFrom: readonly string[];
  },
): string[] {
  const reasons: string[] = [OUTCOME_LABELS[id]];
  const fitText = `best group fit is ${ctx.bestLabel}`;
  const domainText =
    ctx.domainSurfaces.length > 0
      ? `IoT/networking vocabulary ${Math.round(ctx.domain * 100)}% (e.g. ${quoteList(ctx.domainSurfaces.slice(0, 4))})`
      : "little or no IoT/networking vocabulary";
  switch (id) {
    case "no-action":
      reasons.push(fitText, domainText);
      break;
    case "bof":
      reasons.push(fitText, domainText);
      break;
    case "irtf":
      reasons.push(
        ctx.researchHits.length > 0
          ? `research-style wording ${quoteList(ctx.researchHits.slice(0, 4))}`
          : "no research-style wording",
        fitText,
      );
      break;
    case "ad-sponsored":
      if (ctx.orphanGroup) reasons.push(`closest group ${ctx.orphanGroup} has concluded`);
      reasons.push(
        ctx.smallHits.length > 0
          ? `small, self-contained item ${quoteList(ctx.smallHits.slice(0, 4))}`
          : fitText,
      );
      break;
  }
  if (ctx.learnedFrom.length > 0)
    reasons.push(`similar past decisions: ${ctx.learnedFrom.join(", ")}`);
  return reasons;
}
