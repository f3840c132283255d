/**
 * Reading the Datatracker's API over HTTP: one GET with a timeout, retried a
 * bounded number of times with exponential backoff when the failure may pass
 * (a timeout, a network error, HTTP 429 or 5xx). A 4xx other than 429, or a
 * body that is not JSON, is not retried: asking again would get the same answer.
 */

export interface HttpOptions {
  /** Per-request timeout (default 30 s). */
  timeoutMs: number;
  /** Attempts after the first (default 3). */
  retries: number;
  /** First backoff; doubled after each failed attempt (default 500 ms). */
  backoffMs: number;
}

export const DEFAULT_HTTP: HttpOptions = { timeoutMs: 30_000, retries: 3, backoffMs: 500 };

export type FetchResult =
  | { ok: true; body: unknown; attempts: number }
  | { ok: false; message: string; retryable: boolean; attempts: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function once(url: string, timeoutMs: number): Promise<FetchResult> {
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const timedOut = e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError");
    return {
      ok: false,
      retryable: true,
      attempts: 1,
      message: timedOut
        ? `no answer within ${Math.round(timeoutMs / 100) / 10} s`
        : `could not connect (${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)})`,
    };
  }
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    return {
      ok: false,
      retryable: true,
      attempts: 1,
      message: `the answer was cut off (${e instanceof Error ? e.message : String(e)})`,
    };
  }
  if (!res.ok) {
    return {
      ok: false,
      retryable: res.status === 429 || res.status >= 500,
      attempts: 1,
      message: `HTTP ${res.status} ${res.statusText}`.trim(),
    };
  }
  try {
    return { ok: true, body: JSON.parse(text) as unknown, attempts: 1 };
  } catch {
    return { ok: false, retryable: false, attempts: 1, message: "the answer is not valid JSON" };
  }
}

/** GET a JSON document, with a timeout and bounded retries. Never throws. */
export async function getJson(url: string, opts: HttpOptions = DEFAULT_HTTP): Promise<FetchResult> {
  let last: FetchResult | null = null;
  for (let attempt = 0; attempt <= opts.retries; attempt++) {
    if (attempt > 0) await sleep(opts.backoffMs * 2 ** (attempt - 1));
    const r = await once(url, opts.timeoutMs);
    if (r.ok || !r.retryable) return { ...r, attempts: attempt + 1 };
    last = { ...r, attempts: attempt + 1 };
  }
  const failed = last!;
  return failed.ok
    ? failed
    : { ...failed, message: `${failed.message}, after ${failed.attempts} attempts` };
}

/** `base` + `path` + query, with the query's values joined as the Datatracker expects (`a,b`). */
export function apiUrl(
  base: string,
  path: string,
  query: Record<string, string | number | null | undefined> = {},
): string {
  const u = new URL(path, base.endsWith("/") ? base : `${base}/`);
  for (const [k, v] of Object.entries(query))
    if (v !== null && v !== undefined) u.searchParams.set(k, String(v));
  return u.toString();
}
