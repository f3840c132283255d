/** The soak test's pass rules, on its per-minute figures (see docs/reliability.md). */

export interface SoakMinute {
  minute: number;
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  /** Resident memory of each app server, in MB. */
  rssMb: number[];
  /** What each server's /api/health reported (memory, event-loop delay), or null. */
  servers: unknown[];
}

export interface SoakVerdict {
  pass: boolean;
  reasons: string[];
  errors: number;
  p95FirstMs: number;
  p95LastMs: number;
  rssMiddleMaxMb: number[];
  rssLastMaxMb: number[];
}

/** Share of p95 drift allowed between the first and the last third. */
export const P95_TOLERANCE = 0.2;
/** Growth of the peak RSS allowed from the middle to the last third. */
export const RSS_TOLERANCE = 0.1;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * After a warm-up (10 % of the run, at least 2 minutes) the minutes are cut in
 * thirds. Passing needs: no error in any minute; the median per-minute p95 of
 * the last third within ±20 % of that of the first third; and on every server
 * the peak RSS of the last third at most 10 % above the peak of the middle
 * third (memory that levels off passes, memory that keeps rising does not).
 */
export function judgeSoak(rows: readonly SoakMinute[]): SoakVerdict {
  const reasons: string[] = [];
  const errors = rows.reduce((s, r) => s + r.errors, 0);
  const warm = Math.max(2, Math.round(rows.length * 0.1));
  const steady = rows.slice(warm);
  const third = Math.floor(steady.length / 3);
  if (third < 1) {
    return {
      pass: false,
      reasons: [
        `too short: ${rows.length} minutes leave no steady thirds after ${warm} of warm-up`,
      ],
      errors,
      p95FirstMs: 0,
      p95LastMs: 0,
      rssMiddleMaxMb: [],
      rssLastMaxMb: [],
    };
  }
  const first = steady.slice(0, third);
  const middle = steady.slice(third, steady.length - third);
  const last = steady.slice(steady.length - third);
  if (errors > 0) reasons.push(`${errors} failed requests`);
  const p95FirstMs = median(first.map((r) => r.p95));
  const p95LastMs = median(last.map((r) => r.p95));
  if (Math.abs(p95LastMs - p95FirstMs) > P95_TOLERANCE * p95FirstMs)
    reasons.push(`p95 moved from ${p95FirstMs} ms to ${p95LastMs} ms (more than 20 %)`);
  const servers = Math.max(...rows.map((r) => r.rssMb.length));
  const peak = (part: readonly SoakMinute[], i: number) =>
    Math.max(...part.map((r) => r.rssMb[i] ?? 0));
  const rssMiddleMaxMb = Array.from({ length: servers }, (_, i) => peak(middle, i));
  const rssLastMaxMb = Array.from({ length: servers }, (_, i) => peak(last, i));
  rssLastMaxMb.forEach((lastMax, i) => {
    if (lastMax > rssMiddleMaxMb[i]! * (1 + RSS_TOLERANCE))
      reasons.push(
        `server ${i + 1}: RSS kept rising (peak ${rssMiddleMaxMb[i]} MB in the middle third, ${lastMax} MB in the last)`,
      );
  });
  const pass = reasons.length === 0;
  if (pass) reasons.push("passed: no errors, p95 flat within 20 %, RSS levelled off");
  return { pass, reasons, errors, p95FirstMs, p95LastMs, rssMiddleMaxMb, rssLastMaxMb };
}
