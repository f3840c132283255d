/**
 * Routing engine: suggests which IETF/IRTF group (or which non-WG dispatch
 * outcome, or which dispatch venue) should take a piece of work, and which
 * IOTOPS charter item it belongs to. Pure, deterministic, in-memory; no
 * network, no model files. The groups are given by the caller (from the
 * database or a catalog file); the engine never imports them.
 *
 *   const engine = createRoutingEngine({ groups, charterItems, documents });
 *   engine.route({ title, text }, { limit })  -> RoutingResult
 *   engine.addDocument(doc)                   -> incremental update
 *   engine.size()                             -> number of known documents
 *
 * Modules: knowledge-index.ts (term dictionary, inverted index, classes),
 * profiles.ts (group profiles, acronyms, domain vocabulary), scoring.ts (group
 * scores), outcomes.ts (outcome and venue rules), explanations.ts (reasons),
 * charter-classifier.ts (charter item). Method and figures: docs/routing.md.
 *
 * Groups that take no new work (concluded groups, directorates) are never
 * suggested. A concluded group's documents still count: its score passes to
 * its successors, with the reason. Empty input throws DomainError("VALIDATION").
 */
import type { GroupProfile } from "~/server/domain/catalog";
import { DomainError } from "~/server/domain/errors";

import { CharterClassifier } from "./charter-classifier";
import {
  outcomeReasons,
  phraseHits,
  pushUnique,
  quoteList,
  round4,
  spanText,
  surfaceMap,
  venueSentence,
  type OutcomeContext,
  type Surface,
} from "./explanations";
import { KnowledgeIndex, cmp, type KeywordPhrase } from "./knowledge-index";
import { RESEARCH_CUES, SMALL_ITEM_CUES } from "./lexicon";
import { OUTCOME_IDS, isOutcomeId, scoreOutcomes, scoreVenue, groupIsUnclear } from "./outcomes";
import { collectAcronyms, domainTermSet, indexesProfile, isRoutable, profileBag } from "./profiles";
import { scoreQuery, type Scored } from "./scoring";
import {
  addFeatures,
  createTextAnalyzer,
  findPhrase,
  stripBoilerplate,
  type FeatureBag,
} from "./text";
import {
  DEFAULT_TUNING,
  type Candidate,
  type KnownDocument,
  type RouteOptions,
  type RoutingEngine,
  type RoutingEngineOptions,
  type RoutingQuery,
  type RoutingResult,
  type RoutingTuning,
} from "./types";

export * from "./types";

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

export function createRoutingEngine(options: RoutingEngineOptions): RoutingEngine {
  const tuning: RoutingTuning = { ...DEFAULT_TUNING, ...options.tuning };
  const analyzer = createTextAnalyzer(collectAcronyms(options.groups));
  const index = new KnowledgeIndex(tuning.profileInCentroid);
  const profiles = new Map<string, GroupProfile>(
    options.groups.map((g) => [g.acronym.toLowerCase(), g]),
  );
  const phraseOf = (text: string): KeywordPhrase => ({
    text,
    terms: analyzer.analyze(text).tokens.map((t) => t.term),
  });

  /** The class of a group or outcome id, created on first use. */
  function classOf(id: string): number {
    const known = profiles.get(id);
    return index.addClass({
      id,
      kind: isOutcomeId(id) ? "outcome" : known?.type === "rg" ? "rg" : "wg",
      profile: known,
      routable: isOutcomeId(id) ? false : known ? isRoutable(known) : true,
      keywords: known ? known.keywords.map(phraseOf).filter((k) => k.terms.length > 0) : [],
      rfcs: new Set(known?.keyRfcs.map((r) => String(Number(r))) ?? []),
    });
  }

  for (const g of options.groups) {
    if (!indexesProfile(g)) continue;
    const acronym = g.acronym.toLowerCase();
    if (index.classIndex.has(acronym)) continue;
    const cls = classOf(acronym);
    index.addItem(profileBag(g, analyzer, options.charterItems), cls, `${acronym} profile`, true);
  }
  for (const o of OUTCOME_IDS) classOf(o);

  const charter = new CharterClassifier(options.charterItems, analyzer, index, tuning);
  const domainTerms = domainTermSet(options.groups, options.charterItems, analyzer);
  const researchPhrases = RESEARCH_CUES.map(phraseOf);
  const smallPhrases = SMALL_ITEM_CUES.map(phraseOf);
  const venues = options.groups.filter((g) => g.hasDispatchRole && isRoutable(g));
  let docCount = 0;

  function addDocument(doc: KnownDocument) {
    const group = doc.group.trim().toLowerCase();
    const name = doc.name.trim();
    if (!group) throw new DomainError("VALIDATION", "Known document needs a group");
    if (!name) throw new DomainError("VALIDATION", "Known document needs a name");
    const cls = classOf(group);
    const bag: FeatureBag = new Map();
    addFeatures(bag, analyzer.analyze(doc.title ?? ""), tuning.titleScale);
    if (doc.abstract) addFeatures(bag, analyzer.analyze(stripBoilerplate(doc.abstract)), 1);
    index.addItem(bag, cls, name, false, doc.charterItem);
    const c = index.classes[cls]!;
    c.docCount++;
    const rfc = /^rfc0*(\d+)$/i.exec(name);
    if (rfc?.[1]) c.rfcs.add(String(Number(rfc[1])));
    docCount++;
  }
  for (const d of options.documents ?? []) addDocument(d);

  function route(query: RoutingQuery, opts: RouteOptions = {}): RoutingResult {
    const title = (query.title ?? "").trim();
    const body = stripBoilerplate((query.text ?? "").trim());
    if (!title && !body) {
      throw new DomainError("VALIDATION", "Nothing to route: title and text are both empty");
    }
    index.refresh();
    const { classes, items } = index;
    const titleA = analyzer.analyze(title);
    const bodyA = analyzer.analyze(body);
    const tokens = [...titleA.tokens, ...bodyA.tokens];
    const bag: FeatureBag = new Map();
    addFeatures(bag, titleA, tuning.titleScale);
    addFeatures(bag, bodyA, 1);
    const {
      scored,
      top,
      globalTop,
      query: qv,
    } = scoreQuery(index, tuning, bag, [titleA, bodyA], tokens);
    const byCls = (s: Scored) => classes[s.cls]!;
    const byScore = (a: Scored, b: Scored) => b.score - a.score || cmp(byCls(a).id, byCls(b).id);

    // Concluded groups pass their score to their successors.
    const inherited = new Map<number, string[]>();
    for (const s of scored) {
      const c = byCls(s);
      if (c.kind === "outcome" || c.routable) continue;
      // The first successor is the main one; each further one gets a little less.
      (c.profile?.successors ?? []).forEach((succ, rank) => {
        const j = index.classIndex.get(succ);
        if (j === undefined || !classes[j]!.routable) return;
        const target = scored[j]!;
        const passed = s.score * 0.97 ** rank;
        if (passed >= 0.9 * target.score) inherited.set(j, [...(inherited.get(j) ?? []), c.id]);
        if (passed > target.score) target.score = passed;
      });
    }

    // Outcome signals.
    const groupScores = scored.filter((s) => byCls(s).kind !== "outcome" && byCls(s).routable);
    groupScores.sort(byScore);
    const fit = groupScores[0]?.score ?? 0;
    const second = groupScores[1]?.score ?? 0;
    const closedBest = scored
      .filter((s) => byCls(s).kind !== "outcome" && !byCls(s).routable && byCls(s).profile)
      .sort(byScore)[0];
    const orphanCls =
      closedBest && closedBest.score > fit && byCls(closedBest).profile!.successors.length === 0
        ? byCls(closedBest)
        : undefined;
    let domainHits =
      0.5 * (titleA.rfcs.length + bodyA.rfcs.length + titleA.drafts.length + bodyA.drafts.length);
    const domainSurfaces: string[] = [];
    for (const t of tokens) {
      if (domainTerms.has(t.term)) {
        domainHits++;
        if (analyzer.isQuotable(t.term, t.surface))
          pushUnique(domainSurfaces, t.surface.toLowerCase());
      } else if (t.acronym) domainHits += 0.5;
    }
    const domain = tokens.length === 0 ? 0 : Math.min(1, (2.5 * domainHits) / tokens.length);
    const researchHits = phraseHits(tokens, researchPhrases);
    const smallHits = phraseHits(tokens, smallPhrases);
    const outcomeScores = scoreOutcomes({
      fit,
      domain,
      research: Math.min(1, researchHits.length / 2),
      small: Math.min(1, smallHits.length / 2),
      orphan: orphanCls ? closedBest!.score : 0,
    });
    for (const s of scored) {
      const entry = byCls(s);
      if (entry.kind !== "outcome" || !isOutcomeId(entry.id)) continue;
      // Outcome-labelled decisions add nearest-neighbour evidence to the rule.
      const learned =
        1 - Math.exp(-(tuning.nearest * Math.min(1, top[s.cls]![0]?.sim ?? 0)) / tuning.tau);
      s.score = Math.max(outcomeScores[entry.id], entry.docCount > 0 ? learned : 0);
    }

    // The dispatch venue closest to the best groups.
    const closest = groupScores.slice(0, 5);
    const unclear = groupIsUnclear(fit, second);
    let venue: { cls: number; score: number } | undefined;
    let venueAffinity = -1;
    for (const v of venues) {
      const cls = index.classIndex.get(v.acronym);
      if (cls === undefined) continue;
      let affinity = scored[cls]!.score;
      for (const g of closest) {
        const p = byCls(g).profile;
        if (p && (v.acronym === "iotops" ? p.iot : p.area === v.area)) affinity += g.score;
      }
      if (affinity > venueAffinity) {
        venueAffinity = affinity;
        venue = { cls, score: scoreVenue(fit, second) };
      }
    }
    // The venue takes its group's place when its suggestion scores higher.
    const venueWins = venue !== undefined && venue.score > scored[venue.cls]!.score;
    const isVenue = (s: Scored) => venueWins && s.cls === venue!.cls;
    if (venueWins) scored[venue!.cls]!.score = venue!.score;

    // Ranking: groups that take new work, outcomes, and the venue.
    const ranked = scored
      .filter((s) => byCls(s).kind === "outcome" || byCls(s).routable)
      .sort(byScore);
    const limit = Math.max(5, Math.floor(opts.limit ?? 8));
    const chosen = ranked.slice(0, limit);
    for (const s of ranked.slice(limit))
      if (byCls(s).kind === "outcome" || (venue && s.cls === venue.cls)) chosen.push(s);

    const shared = index.sharedTerms(
      chosen.map((s) => s.cls),
      top,
      qv,
    );
    const surfaceOf = surfaceMap(tokens);
    const closestNames = closest.slice(0, 3).map((s) => byCls(s).id.toUpperCase());
    const topic = qv.terms
      .map((t, k) => ({ t, w: qv.weights[k]! }))
      .filter(({ t }) => !t.includes(" ") && !t.includes(":"))
      .sort((a, b) => b.w - a.w || cmp(a.t, b.t))
      .map(({ t }) => surfaceOf.get(t))
      .filter((v): v is Surface => !!v && analyzer.isQuotable(v.term, v.surface))
      .map((v) => v.surface);
    const bestRg = groupScores.find((s) => byCls(s).kind === "rg");
    const ctxBase: Omit<OutcomeContext, "learnedFrom"> = {
      bestLabel: groupScores[0] ? `${byCls(groupScores[0]).id} ${round4(fit).toFixed(2)}` : "none",
      domain,
      domainSurfaces,
      researchHits,
      smallHits,
      orphanGroup: orphanCls?.id,
      closest: closestNames,
      topic: [...new Set(topic)],
      researchGroup: bestRg ? byCls(bestRg).id.toUpperCase() : undefined,
    };

    const candidates: Candidate[] = chosen.map((s) => {
      const entry = byCls(s);
      const score = round4(clamp01(s.score));
      const similar = top[s.cls]!.filter((t) => t.sim >= 0.05).map((t) => items[t.idx]!.name);
      if (entry.kind === "outcome" && isOutcomeId(entry.id)) {
        const reasons = outcomeReasons(entry.id, {
          ...ctxBase,
          learnedFrom: top[s.cls]!.map((t) => items[t.idx]!.name),
        });
        return {
          wg: entry.id,
          kind: "outcome",
          score,
          reasons,
          summary: reasons[0],
          similarDocuments: similar,
        };
      }
      const reasons = groupReasons(s, entry, shared.get(s.cls) ?? [], similar);
      for (const from of inherited.get(s.cls) ?? [])
        reasons.unshift(`takes over the work of the concluded ${from.toUpperCase()}`);
      if (isVenue(s)) {
        const summary = venueSentence(
          entry.id,
          entry.profile?.dispatchScope ?? null,
          unclear,
          closestNames,
        );
        return {
          wg: entry.id,
          kind: "venue",
          score,
          reasons: [summary, ...reasons],
          summary,
          similarDocuments: similar,
        };
      }
      if (entry.profile?.hasDispatchRole) reasons.push("also a dispatch venue");
      return { wg: entry.id, kind: entry.kind, score, reasons, similarDocuments: similar };
    });

    const charterItem = charter.classify(bag, groupScores, globalTop, surfaceOf);
    return { charterItem, candidates };

    function groupReasons(
      s: Scored,
      entry: (typeof classes)[number],
      sharedTerms: readonly string[],
      similar: readonly string[],
    ): string[] {
      const reasons: string[] = [...s.mentions];
      const matchedKw: string[] = [];
      const covered = new Set<string>();
      const kwSorted = [...entry.keywords].sort(
        (a, b) => b.terms.length - a.terms.length || cmp(a.text, b.text),
      );
      for (const kw of kwSorted) {
        const at = findPhrase(tokens, kw.terms);
        if (at < 0) continue;
        const surface = spanText(
          title,
          body,
          titleA,
          tokens[at]!,
          tokens[at + kw.terms.length - 1]!,
        );
        if (kw.terms.every((t) => covered.has(t))) continue;
        kw.terms.forEach((t) => covered.add(t));
        pushUnique(matchedKw, surface);
      }
      if (matchedKw.length > 0)
        reasons.push(`matches keywords ${quoteList(matchedKw.slice(0, 5))}`);
      const termsForClass = sharedTerms
        .filter((t) => !t.includes(" ") && !t.includes(":") && !covered.has(t))
        .filter((t) => index.isDistinctive(t, (x) => analyzer.isProtectedTerm(x)))
        .map((t) => surfaceOf.get(t))
        .filter((v): v is Surface => !!v && analyzer.isQuotable(v.term, v.surface))
        .map((v) => v.surface)
        .slice(0, 5);
      if (termsForClass.length > 0) reasons.push(`shares terms ${quoteList(termsForClass)}`);
      if (similar.length > 0) reasons.push(`similar to ${similar.join(", ")}`);
      if (entry.kind === "rg") reasons.push("IRTF research group (research, not standards)");
      if (!entry.profile)
        reasons.push("group is not in the catalog; known only from its documents");
      if (reasons.length === 0) reasons.push("weak overall similarity only");
      return reasons;
    }
  }

  return { route, addDocument, size: () => docCount };
}
