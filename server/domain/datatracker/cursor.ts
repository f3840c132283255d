/**
 * Keyset paging over `time`: each next page asks for `time__gte=<last time seen>`
 * and skips, by `offset`, the objects at exactly that time it has already read.
 * Unlike plain offsets this stays correct when objects change while a run pages
 * through them: a changed object gets a later `time` and is met again further on.
 */
export interface KeysetPosition {
  /** `time__gte` for the next page (ISO-8601), or null to start from the beginning. */
  since: string | null;
  /** How many objects at exactly `since` were already read. */
  offset: number;
}

/** Where the next page starts, given the `time`s of the page just read (in order). */
export function nextPosition(current: KeysetPosition, times: readonly string[]): KeysetPosition {
  const last = times[times.length - 1];
  if (last === undefined) return current;
  const atLast = times.filter((t) => t === last).length;
  // Every object on the page shares the time we started from: page on within it.
  if (last === current.since) return { since: last, offset: current.offset + atLast };
  return { since: last, offset: atLast };
}

/** The later of two ISO-8601 times (either may be null). */
export function laterTime(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
