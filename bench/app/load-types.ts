/** What the benchmark sends to the load child (on stdin) and gets back (last stdout line). */

export type LoadWork =
  /** GET requests drawn at random from `paths`. */
  | { kind: "get"; paths: string[] }
  /** tRPC issue.file, each with a unique marked title; `texts` are cycled. */
  | {
      kind: "file";
      path: string;
      marker: string;
      texts: Record<string, unknown>[];
    }
  /** tRPC issue.transition start-discussion, each issue used exactly once. */
  | { kind: "transition"; path: string; issues: { id: number; version: number }[] };

export interface LoadSpec {
  name: string;
  /** Base URLs of the app servers; connections are spread over them. */
  targets: string[];
  connections: number;
  durationS: number;
  /** Requests a second over all connections (autocannon's `overallRate`); unset: as fast as answered. */
  ratePerS?: number;
  /** Headers on every request (e.g. the session cookie). */
  headers: Record<string, string>;
  work: LoadWork;
}

export interface TaggedOutcome {
  /** Issue id (transition) or title (file). */
  tag: string;
  status: number;
  /** tRPC error code, when the body said so. */
  code?: string;
}

export interface LoadResult {
  name: string;
  requests: number;
  ok: number;
  errors: number;
  /** Requests sent whose response never came (timeouts, resets). */
  unanswered: string[];
  statusCounts: Record<string, number>;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  mean_ms: number;
  max_ms: number;
  rps: number;
  elapsed_s: number;
  /** Per-request outcomes for the mutation scenarios. */
  outcomes: TaggedOutcome[];
  /** A few error bodies, for the log. */
  errorSamples: string[];
}

/** Nearest-rank percentile of a sorted array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const idx = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, idx)]!;
}

export const round2 = (x: number) => Math.round(x * 100) / 100;
