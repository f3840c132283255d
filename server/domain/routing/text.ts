/**
 * Text analysis for the routing engine: tokenising, stemming, acronym
 * handling, bigrams and references to RFCs / Internet-Drafts.
 *
 * Pure and deterministic. The only dependency is the Porter stemmer
 * (`stemmer` package).
 *
 * Term scheme (what ends up in the vectors):
 * - ordinary words: lowercased and Porter-stemmed (`updates` -> `updat`);
 * - acronyms: a token written with two or more capitals (`CoAP`, `OSCORE`,
 *   `6LoWPAN`) or a known protocol acronym of four or more letters (`oscore`,
 *   `brski`) is lowercased but not stemmed, so `OSCORE` and `oscore` agree;
 * - short lowercase words that collide with a known short acronym (`eat` vs
 *   `EAT`, `ace` vs `ACE`) get a `~` prefix, and words whose stem collides
 *   with an acronym (`suites` -> `suit` vs `SUIT`) a `~` suffix, so prose does
 *   not match protocol names;
 * - bigrams: two adjacent content terms in the same clause, joined by a space;
 * - references: `rfc:8520` for "RFC 8520" / "[RFC8520]" / "rfc8520", and
 *   `draft:<name>` for draft names (version suffix removed).
 */
import { stemmer } from "stemmer";
import { stripDraftRevision } from "~/server/domain/documents/names";

const STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being " +
    "below between both but by can could did do does doing down during each either etc few for from " +
    "further had has have having he her here hers herself him himself his how however i if in into is " +
    "it its itself just let like may me might more most must my myself no nor not now of off often on " +
    "once one only or other others otherwise our ours ourselves out over own per same shall she should so " +
    "some such than that the their theirs them themselves then there these they this those through thus " +
    "to too under until up upon us use used uses using very via was we were what when where whether " +
    "which while who whom whose why will with within without would yet you your yours yourself " +
    "yourselves e.g i.e eg ie document documents memo specification specifies specify describes " +
    "describe described defines define defined provides provide provided propose proposes proposed " +
    "internet-draft rfc rfcs draft drafts"
  ).split(/\s+/),
);

/** Words too generic to be worth quoting back in a reason. */
const UNQUOTABLE: ReadonlySet<string> = new Set([
  "new",
  "work",
  "need",
  "needs",
  "based",
  "well",
  "make",
  "way",
  "case",
  "two",
  "three",
  "first",
  "number",
  "set",
  "part",
  "section",
  "many",
  "large",
  "existing",
  "cannot",
  "including",
  "different",
  "various",
  "several",
  "general",
  "specific",
  "called",
  "allows",
  "enable",
  "support",
  "improving",
  "obtains",
  "describing",
]);

export interface Token {
  /** Vector term (see module comment). */
  readonly term: string;
  /** Text exactly as written in the input. */
  readonly surface: string;
  readonly start: number;
  readonly end: number;
  /** Written like an acronym (two or more capitals, e.g. `CoAP`). */
  readonly acronym: boolean;
  /** True when a clause boundary or stopword separates this token from the previous one. */
  readonly breakBefore: boolean;
}

export interface Analysis {
  /** Content tokens in order (stopwords removed). */
  readonly tokens: readonly Token[];
  /** RFC numbers mentioned, as digit strings without leading zeros. */
  readonly rfcs: readonly string[];
  /** Draft names mentioned, lowercase, without version suffix. */
  readonly drafts: readonly string[];
}

export interface TextAnalyzer {
  analyze(text: string): Analysis;
  /** Term for a single word as it would appear in running text. */
  termOf(word: string): string;
  /** True if the term is an unstemmed protocol acronym. */
  isProtectedTerm(term: string): boolean;
  /** Whether a term's surface form is informative enough to be quoted in a reason. */
  isQuotable(term: string, surface: string): boolean;
}

const WORD_RE = /[A-Za-z0-9]+(?:\.[0-9]+)*(?:'[A-Za-z]+)?/g;
const RFC_RE = /\bRFC[\s-]?0*(\d{1,5})\b/gi;
const DRAFT_RE = /\bdraft-[a-z0-9]+(?:-[a-z0-9]+)+/gi;
/** Characters that end a clause: no bigram is formed across them. */
const CLAUSE_BREAK_RE = /[.,;:!?()[\]{}"“”<>|\n]/;

function isAcronymSurface(word: string): boolean {
  let upper = 0;
  for (const ch of word) if (ch >= "A" && ch <= "Z") upper++;
  return upper >= 2 || (upper >= 1 && /\d/.test(word) && /[a-z]/.test(word));
}

const BOILERPLATE_RE =
  /discussion venues|this note is to be removed|discussion of this document takes place|status information for this document|latest revision of this draft|source for this draft|issue tracker can be found|rfc ?editor|is being worked on at|this work is occurring in|subscribe at|mailarchive\.ietf\.org/i;
/** Heading that starts the trailing "remove before publication" block of a draft. */
const BOILERPLATE_BLOCK_RE =
  /\b(?:About This Document|Discussion Venues)\s+This note is to be removed/i;

/**
 * Removes Internet-Draft boilerplate sentences ("Discussion Venues", "Note to
 * RFC Editor", "Source for this draft ... github", datatracker status links).
 * They name the document, its repository and the group's mailing list, which
 * says nothing about the technical content (and would leak a held-out
 * document's own name during evaluation).
 */
export function stripBoilerplate(text: string): string {
  if (!BOILERPLATE_RE.test(text)) return text;
  const block = BOILERPLATE_BLOCK_RE.exec(text);
  return (block ? text.slice(0, block.index) : text)
    .split(/(?<=[.!?])\s+(?=[A-Z"(\[])/)
    .filter((sentence) => !BOILERPLATE_RE.test(sentence))
    .join(" ");
}

/**
 * Builds an analyzer. `protectedAcronyms` are words that must never be
 * stemmed (typically collected from group acronyms and catalog keywords).
 */
export function createTextAnalyzer(protectedAcronyms: Iterable<string>): TextAnalyzer {
  const protectedSet = new Set<string>();
  for (const a of protectedAcronyms) {
    const lower = a.toLowerCase();
    if (/^[a-z0-9]+$/.test(lower) && !STOPWORDS.has(lower)) protectedSet.add(lower);
  }
  const stemCache = new Map<string, string>();

  function stem(lower: string): string {
    let s = stemCache.get(lower);
    if (s === undefined) {
      s = /^[a-z]+$/.test(lower) && lower.length > 3 ? stemmer(lower) : lower;
      if (stemCache.size < 200_000) stemCache.set(lower, s);
    }
    return s;
  }

  function termFor(surface: string, acronym: boolean): string {
    const lower = surface.toLowerCase().replace(/'s$/, "");
    if (acronym) return lower;
    if (protectedSet.has(lower)) return lower.length >= 4 || /\d/.test(lower) ? lower : `~${lower}`;
    const stemmed = stem(lower);
    // "suites" stems to "suit": keep inflected words apart from acronyms.
    return protectedSet.has(stemmed) ? `${stemmed}~` : stemmed;
  }

  function analyze(text: string): Analysis {
    const rfcs = new Set<string>();
    const drafts = new Set<string>();
    for (const m of text.matchAll(RFC_RE)) if (m[1]) rfcs.add(String(Number(m[1])));
    for (const m of text.matchAll(DRAFT_RE)) drafts.add(stripDraftRevision(m[0]));

    const tokens: Token[] = [];
    let lastEnd = 0;
    let pendingBreak = true;
    for (const m of text.matchAll(WORD_RE)) {
      const surface = m[0];
      const start = m.index;
      const end = start + surface.length;
      const gap = text.slice(lastEnd, start);
      lastEnd = end;
      if (CLAUSE_BREAK_RE.test(gap)) pendingBreak = true;
      const lower = surface.toLowerCase();
      if (STOPWORDS.has(lower) || /^\d+$/.test(lower) || lower.length < 2) {
        pendingBreak = true;
        continue;
      }
      const acronym = isAcronymSurface(surface);
      tokens.push({
        term: termFor(surface, acronym),
        surface,
        start,
        end,
        acronym,
        breakBefore: pendingBreak,
      });
      pendingBreak = false;
    }
    return { tokens, rfcs: [...rfcs].sort(), drafts: [...drafts].sort() };
  }

  return {
    analyze,
    termOf: (word) => termFor(word, isAcronymSurface(word)),
    isProtectedTerm: (term) => protectedSet.has(term),
    isQuotable: (term, surface) =>
      term.length >= 3 && !UNQUOTABLE.has(surface.toLowerCase()) && !/^\d+$/.test(term),
  };
}

/** Bag of weighted features (term -> weight). Insertion order is irrelevant. */
export type FeatureBag = Map<string, number>;

export interface FeatureOptions {
  /** Weight of each unigram occurrence. */
  readonly unigram: number;
  /** Weight of each bigram occurrence. */
  readonly bigram: number;
  /** Weight of each RFC / draft reference. */
  readonly reference: number;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = { unigram: 1, bigram: 0.75, reference: 1 };

/** Adds the features of an analysis to `bag`, scaled by `scale` (e.g. titles count double). */
export function addFeatures(
  bag: FeatureBag,
  analysis: Analysis,
  scale = 1,
  opts: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
): FeatureBag {
  const add = (k: string, w: number) => bag.set(k, (bag.get(k) ?? 0) + w * scale);
  let prev: Token | undefined;
  for (const t of analysis.tokens) {
    add(t.term, opts.unigram);
    if (prev && !t.breakBefore && prev.term !== t.term) add(`${prev.term} ${t.term}`, opts.bigram);
    prev = t;
  }
  for (const r of analysis.rfcs) add(`rfc:${r}`, opts.reference);
  for (const d of analysis.drafts) add(`draft:${d}`, opts.reference);
  return bag;
}

/**
 * Finds `phrase` (a sequence of terms) as a contiguous run in `tokens`.
 * Returns the index of the first matching token or -1.
 */
export function findPhrase(tokens: readonly Token[], phrase: readonly string[]): number {
  if (phrase.length === 0) return -1;
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let j = 0; j < phrase.length; j++) {
      const t = tokens[i + j];
      if (!t || t.term !== phrase[j] || (j > 0 && t.breakBefore)) continue outer;
    }
    return i;
  }
  return -1;
}
