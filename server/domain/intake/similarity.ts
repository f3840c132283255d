/**
 * Title similarity for the possible-duplicates check: stemmed content words,
 * compared with the Dice coefficient. Cheap, deterministic and explainable.
 */
import { stemmer } from "stemmer";

const STOP = new Set(
  "a an and are as at be by for from has have how in into is it its of on or that the this to was were what when where which who why will with without not no can cannot do does should would could our we they their there these those than then via over under about after before".split(
    " ",
  ),
);

export function titleTerms(title: string): Set<string> {
  const out = new Set<string>();
  for (const raw of title.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    if (STOP.has(raw) || raw.length < 2) continue;
    out.add(/^\d+$/.test(raw) ? raw : stemmer(raw));
  }
  return out;
}

/** Dice coefficient of two term sets, 0..1. */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** Scores at or above this are shown as possible duplicates. */
export const DUPLICATE_THRESHOLD = 0.5;

export interface DuplicateCandidate {
  id: number;
  title: string;
}

export function rankDuplicates<T extends DuplicateCandidate>(
  title: string,
  candidates: readonly T[],
  limit = 5,
): (T & { similarity: number })[] {
  const q = titleTerms(title);
  return candidates
    .map((c) => ({ ...c, similarity: Math.round(dice(q, titleTerms(c.title)) * 100) / 100 }))
    .filter((c) => c.similarity >= DUPLICATE_THRESHOLD)
    .sort((x, y) => y.similarity - x.similarity || x.id - y.id)
    .slice(0, limit);
}
