/**
 * Reasons the engine gives for each suggestion, and the outcome sentences
 * ("No active group covers X; closest are A and B: consider a BoF or a new
 * WG"). Deterministic; every quoted term occurs in the input as written.
 */
import { OUTCOME_LABELS } from "~/server/domain/dispatch/outcomes";

import type { OutcomeId } from "./outcomes";
import { findPhrase, type Analysis, type Token } from "./text";

export interface Surface {
  readonly term: string;
  readonly surface: string;
}

export const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function quoteList(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(", ");
}

export function pushUnique(list: string[], value: string) {
  if (!list.includes(value)) list.push(value);
}

/** "A", "A and B", "A, B and C". */
export function andList(values: readonly string[]): string {
  if (values.length <= 1) return values.join("");
  return `${values.slice(0, -1).join(", ")} and ${values.at(-1)}`;
}

export function phraseHits(
  tokens: readonly Token[],
  phrases: readonly { text: string; terms: readonly string[] }[],
): string[] {
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
export function surfaceMap(tokens: readonly Token[]): Map<string, Surface> {
  const m = new Map<string, Surface>();
  for (const t of tokens) if (!m.has(t.term)) m.set(t.term, { term: t.term, surface: t.surface });
  return m;
}

/** Exact text of a token span (tokens from the title or the body analysis). */
export function spanText(
  title: string,
  body: string,
  titleA: Analysis,
  first: Token,
  last: Token,
): string {
  const src = titleA.tokens.includes(first) ? title : body;
  return src.slice(first.start, last.end);
}

export interface OutcomeContext {
  readonly bestLabel: string;
  readonly domain: number;
  readonly domainSurfaces: readonly string[];
  readonly researchHits: readonly string[];
  readonly smallHits: readonly string[];
  readonly orphanGroup: string | undefined;
  readonly learnedFrom: readonly string[];
  /** The closest groups that take new work, best first (upper-case acronyms). */
  readonly closest: readonly string[];
  /** What the text is about: its most distinctive words, as written. */
  readonly topic: readonly string[];
  /** The best-matching research group, upper-case, if any. */
  readonly researchGroup: string | undefined;
}

/** The outcome in words: the first reason, and the candidate's summary. */
export function outcomeSentence(id: OutcomeId, ctx: OutcomeContext): string {
  const closest = ctx.closest.slice(0, 2);
  const about = ctx.topic.length > 0 ? quoteList(ctx.topic.slice(0, 3)) : "this work";
  switch (id) {
    case "bof":
      return closest.length > 0
        ? `No active group covers ${about}; closest ${closest.length > 1 ? "are" : "is"} ${andList(closest)}: consider a BoF or a new WG`
        : `No active group covers ${about}: consider a BoF or a new WG`;
    case "irtf":
      return `Research question: IRTF${ctx.researchGroup ? ` (${ctx.researchGroup})` : ""}`;
    case "ad-sponsored":
      return ctx.orphanGroup
        ? `${OUTCOME_LABELS["ad-sponsored"]}: the closest group, ${ctx.orphanGroup.toUpperCase()}, has concluded`
        : `${OUTCOME_LABELS["ad-sponsored"]}: a small, self-contained item no group needs to charter`;
    case "no-ietf-work":
      return `No IETF work: no group's remit comes close (best fit ${ctx.bestLabel})`;
  }
}

export function outcomeReasons(id: OutcomeId, ctx: OutcomeContext): string[] {
  const reasons: string[] = [outcomeSentence(id, ctx)];
  const fitText = `best group fit is ${ctx.bestLabel}`;
  const domainText =
    ctx.domainSurfaces.length > 0
      ? `IoT/networking vocabulary ${Math.round(ctx.domain * 100)}% (e.g. ${quoteList(ctx.domainSurfaces.slice(0, 4))})`
      : "little or no IoT/networking vocabulary";
  switch (id) {
    case "no-ietf-work":
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

/** The venue suggestion in words. */
export function venueSentence(
  venue: string,
  scope: string | null,
  unclear: boolean,
  closest: readonly string[],
): string {
  const v = venue.toUpperCase();
  const where = scope ? ` (${scope})` : "";
  return unclear && closest.length > 1
    ? `Right group unclear (${andList(closest.slice(0, 3))} fit about equally): bring it to ${v} first${where}`
    : `If the right group is unclear, bring it to ${v} first${where}`;
}
