/**
 * Group profiles: what the engine knows about a group before any of its
 * documents (name, acronym, summary, keywords, key RFCs and drafts), the
 * acronyms the text analyzer must keep unstemmed, and the domain vocabulary.
 */
import { takesNewWork, type CharterItem, type GroupProfile } from "~/server/domain/catalog";
import { stripDraftRevision } from "~/server/domain/documents/names";
import { DISPATCH_GROUP } from "~/server/domain/permissions/actor";

import { CHARTER_ITEM_CUES, DOMAIN_LEXICON } from "./lexicon";
import { addFeatures, type FeatureBag, type TextAnalyzer } from "./text";

/** Group types that take work (directorates, teams and areas review or organise it). */
export function indexesProfile(g: GroupProfile): boolean {
  return g.type === "wg" || g.type === "rg";
}

/** Groups that may be suggested for new work. */
export const isRoutable = (g: GroupProfile): boolean => takesNewWork(g);

/** Words the analyzer keeps as acronyms: group acronyms and capitalised terms of the catalog. */
export function collectAcronyms(groups: readonly GroupProfile[]): string[] {
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

/**
 * A group's profile vector: name and acronym (x2), summary, keywords (x2), key
 * RFCs and drafts; a dispatch venue's scope; for IOTOPS also the charter items,
 * which are its charter.
 */
export function profileBag(
  g: GroupProfile,
  analyzer: TextAnalyzer,
  charterItems: readonly CharterItem[],
): FeatureBag {
  const bag: FeatureBag = new Map();
  addFeatures(bag, analyzer.analyze(`${g.name} (${g.acronym.toUpperCase()})`), 2);
  addFeatures(bag, analyzer.analyze(g.summary), 1);
  for (const k of g.keywords) addFeatures(bag, analyzer.analyze(k), 2);
  for (const r of g.keyRfcs) bag.set(`rfc:${Number(r)}`, (bag.get(`rfc:${Number(r)}`) ?? 0) + 1);
  if (g.acronym === DISPATCH_GROUP) {
    for (const ci of charterItems) {
      addFeatures(bag, analyzer.analyze(ci.title), 1);
      addFeatures(bag, analyzer.analyze(ci.description), 1);
    }
  }
  for (const d of g.keyDrafts) {
    const name = stripDraftRevision(d);
    bag.set(`draft:${name}`, (bag.get(`draft:${name}`) ?? 0) + 1);
    const rest = name.replace(/^draft-[a-z0-9]+-[a-z0-9]+-/, "").replace(/-/g, " ");
    addFeatures(bag, analyzer.analyze(rest), 1);
  }
  return bag;
}

/**
 * IoT / networking vocabulary, as analyzed terms: the fixed lexicon, the IoT
 * catalog's names and keywords, the charter items, and every group's acronym
 * and one-word keywords (protocol names such as HTTP or QUIC). Multi-word
 * keywords of the other groups are left out: their everyday words ("side",
 * "results") would make any prose look like networking text.
 */
export function domainTermSet(
  groups: readonly GroupProfile[],
  charterItems: readonly CharterItem[],
  analyzer: TextAnalyzer,
): Set<string> {
  const iot = (g: GroupProfile) => g.iot || g.charterItems.length > 0;
  const words = [
    ...DOMAIN_LEXICON,
    ...groups.filter(iot).flatMap((g) => [g.name, ...g.keywords]),
    ...groups.flatMap((g) => [g.acronym, ...g.keywords.filter((k) => !/\s/.test(k.trim()))]),
    ...charterItems.flatMap((c) => [c.title, ...(CHARTER_ITEM_CUES[c.id] ?? [])]),
  ];
  const s = new Set<string>();
  for (const w of words) for (const t of analyzer.analyze(w).tokens) s.add(t.term);
  return s;
}
