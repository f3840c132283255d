/**
 * Search queries, framework-free: the words a search is made of, the page a query
 * names exactly (an issue, an RFC, a draft, a group), the full-text query text built
 * from the words and their spelling alternatives, and highlighted snippets.
 */
import { INT4_MAX } from "../validation/ids";

/** At most this many words of a query are searched; the rest are ignored. */
export const MAX_QUERY_WORDS = 8;
/** Longer "words" are cut: nothing in the corpus is longer, and it bounds the work. */
export const MAX_WORD_LENGTH = 40;
/** Words shorter than this are never replaced by a similar spelling. */
export const MIN_FUZZY_LENGTH = 4;

/**
 * The distinct lower-cased words (letters and digits, two or more) of a query,
 * in order. A lone letter matches too much to be worth searching for.
 */
export function queryWords(q: string): string[] {
  const words =
    q
      .normalize("NFC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  const out: string[] = [];
  for (const w of words) {
    const word = w.slice(0, MAX_WORD_LENGTH);
    if (word.length < 2 || out.includes(word)) continue;
    out.push(word);
    if (out.length === MAX_QUERY_WORDS) break;
  }
  return out;
}

/** Whether a word may be looked up by similar spelling (not short, not a number). */
export function mayBeMisspelt(word: string): boolean {
  return word.length >= MIN_FUZZY_LENGTH && /\p{L}/u.test(word);
}

/** A query that names one thing exactly. */
export type ExactReference =
  | { kind: "issue"; id: number }
  | { kind: "document"; names: string[] }
  | { kind: "group"; acronym: string };

/**
 * The thing a query names exactly, if any: `#42` an issue, `RFC 8995` or `rfc8995`
 * an RFC, `draft-ietf-anima-voucher` (with or without a revision) a draft, a single
 * acronym-like word a group. Whether it exists, and whether the reader may see it,
 * is for the caller to check.
 */
export function exactReference(q: string): ExactReference | null {
  const s = q.trim().toLowerCase();
  const issue = /^#\s?(\d{1,10})$/.exec(s);
  if (issue) {
    const id = Number(issue[1]);
    return id >= 1 && id <= INT4_MAX ? { kind: "issue", id } : null;
  }
  const rfc = /^rfc[\s-]?0*(\d{1,5})$/.exec(s);
  if (rfc) return { kind: "document", names: [`rfc${rfc[1]}`] };
  const draft = /^draft-[a-z0-9]+(?:-[a-z0-9]+)*$/.exec(s);
  if (draft && s.length <= 120) {
    const rev = /^(.*)-\d{2}$/.exec(s);
    return { kind: "document", names: rev ? [s, rev[1]!] : [s] };
  }
  if (/^[a-z][a-z0-9-]{1,39}$/.test(s) && !s.endsWith("-")) return { kind: "group", acronym: s };
  return null;
}

/** A query word and the indexed words spelt like it (for a word the index does not hold). */
export interface WordAlternatives {
  word: string;
  alternatives: readonly string[];
}

/**
 * The text of a PostgreSQL `to_tsquery`: every word (`all`) or any word (`any`)
 * must match, each either as typed or as one of its alternatives. Words hold only
 * letters and digits, so nothing in them is query syntax. Null when there is
 * nothing to search for.
 */
export function tsqueryText(
  words: readonly WordAlternatives[],
  mode: "all" | "any" = "all",
): string | null {
  const clean = (w: string) => (/^[\p{L}\p{N}]+$/u.test(w) ? w : null);
  const groups = words
    .map(({ word, alternatives }) =>
      [word, ...alternatives]
        .map(clean)
        .filter((w, i, all): w is string => !!w && all.indexOf(w) === i),
    )
    .filter((g) => g.length > 0);
  if (groups.length === 0) return null;
  if (mode === "any") return groups.flat().join(" | ");
  return groups.map((g) => (g.length === 1 ? g[0]! : `(${g.join(" | ")})`)).join(" & ");
}

/**
 * Markers `ts_headline` puts around matched words. Text that happens to hold them
 * only gets a misplaced highlight: snippets are rendered as text, never as HTML.
 */
export const HIGHLIGHT_START = "\u27e6";
export const HIGHLIGHT_STOP = "\u27e7";

export interface SnippetPart {
  text: string;
  match: boolean;
}

/** A highlighted snippet as plain parts to render as text and `<mark>`, never as HTML. */
export function snippetParts(headline: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = headline;
  while (rest.length > 0) {
    const start = rest.indexOf(HIGHLIGHT_START);
    if (start < 0) {
      parts.push({ text: rest, match: false });
      break;
    }
    const stop = rest.indexOf(HIGHLIGHT_STOP, start + 1);
    if (stop < 0) {
      parts.push({ text: rest.replaceAll(HIGHLIGHT_START, ""), match: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), match: false });
    const marked = rest.slice(start + 1, stop);
    if (marked) parts.push({ text: marked, match: true });
    rest = rest.slice(stop + 1);
  }
  return parts
    .map((p) => ({ ...p, text: p.text.replaceAll(HIGHLIGHT_STOP, "") }))
    .filter((p) => p.text.length > 0);
}

/** Counts above this are shown as "1,000+": counting every match would not stay fast. */
export const COUNT_CAP = 1000;

/** A capped count as text: "42", or "1,000+" when the count reached the cap. */
export function formatCappedCount(n: number, cap = COUNT_CAP): string {
  return n > cap ? `${cap.toLocaleString("en")}+` : n.toLocaleString("en");
}

/**
 * How many of the newest matches each way of matching (an issue's text, its title,
 * its comments) contributes to a search. Relevance ranks these candidates, and the
 * counts under a search are counted from them: a common word matches thousands of
 * issues, and ranking or counting them all reads every one (PostgreSQL's indexes
 * find the matches but cannot order them by rank), so a search would slow down as
 * the tracker grows. Reading at most this many keeps every search bounded.
 */
export const SEARCH_SCAN = 200;

/**
 * How many of the newest issues (or comments) a search reads in order looking for
 * its `SEARCH_SCAN` matches: a common word finds them long before, and no search
 * reads more, however large the tracker.
 */
export const SEARCH_WALK = 2000;

/**
 * A word found at most this often among the `SEARCH_WALK` newest is rare: its
 * matches are collected from the text index instead (few rows, since the word is
 * rare), so an old match of a rare word is still found.
 */
export const SEARCH_RARE = 4;

/** A count as text: "42", "1,000+" above the cap, or "200+" when it is only a lower bound. */
export function formatCount(n: number, atLeast: boolean): string {
  return atLeast ? `${n.toLocaleString("en")}+` : formatCappedCount(n);
}
