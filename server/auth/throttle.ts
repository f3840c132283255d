import pg from "pg";
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import {
  retryAfterSeconds,
  THROTTLE_RULES,
  type ThrottleKind,
  type ThrottleRule,
} from "../domain/people/throttle-rules";
import { env } from "../env";

/**
 * Brute-force throttling with rate-limiter-flexible. With PostgreSQL the
 * counters live in the `auth_rate_limits` table, so every app server sharing
 * the database sees the same counts; on the embedded database (one process)
 * they are kept in memory.
 */
export type ThrottleResult = { ok: true } | { ok: false; retryAfterS: number };

/** A counted request with what the `RateLimit` headers report: the quota left and when it resets. */
export interface Quota {
  ok: boolean;
  limit: number;
  windowS: number;
  remaining: number;
  resetS: number;
}

export interface Throttle {
  /** Whether the key is over its limit now (counts nothing). */
  check(kind: ThrottleKind, key: string): Promise<ThrottleResult>;
  /** Count one attempt; refused when it goes over the limit. */
  consume(kind: ThrottleKind, key: string): Promise<ThrottleResult>;
  /** Count one request and report the quota left (public API). */
  take(kind: ThrottleKind, key: string): Promise<Quota>;
  /** Forget the key's attempts (a correct password). */
  reset(kind: ThrottleKind, key: string): Promise<void>;
  /** Close the PostgreSQL connections (tests, shutdown). */
  close(): Promise<void>;
}

export function createThrottle(opts: {
  databaseUrl?: string;
  /** Other limits than THROTTLE_RULES (tests). */
  rules?: Partial<Record<ThrottleKind, ThrottleRule>>;
}): Throttle {
  const ruleOf = (kind: ThrottleKind): ThrottleRule => opts.rules?.[kind] ?? THROTTLE_RULES[kind];
  const pool = opts.databaseUrl
    ? new pg.Pool({ connectionString: opts.databaseUrl, max: 3 })
    : null;
  pool?.on("error", (err) =>
    console.error(`[throttle] PostgreSQL connection closed: ${err.message}`),
  );
  const limiters = new Map<ThrottleKind, RateLimiterAbstract>();
  const limiter = (kind: ThrottleKind): RateLimiterAbstract => {
    let l = limiters.get(kind);
    if (!l) {
      const rule = ruleOf(kind);
      const common = { keyPrefix: kind, points: rule.points, duration: rule.durationS };
      l = pool
        ? new RateLimiterPostgres({
            ...common,
            storeClient: pool,
            storeType: "pool",
            tableName: "auth_rate_limits",
            tableCreated: true,
          })
        : new RateLimiterMemory(common);
      limiters.set(kind, l);
    }
    return l;
  };
  return {
    async check(kind, key) {
      const res = await limiter(kind).get(key);
      if (res && res.consumedPoints >= ruleOf(kind).points) {
        return { ok: false, retryAfterS: retryAfterSeconds(res.msBeforeNext) };
      }
      return { ok: true };
    },
    async consume(kind, key) {
      try {
        await limiter(kind).consume(key);
        return { ok: true };
      } catch (e) {
        if (e instanceof RateLimiterRes) {
          return { ok: false, retryAfterS: retryAfterSeconds(e.msBeforeNext) };
        }
        throw e;
      }
    },
    async take(kind, key) {
      const rule = ruleOf(kind);
      const quota = (res: RateLimiterRes, ok: boolean): Quota => ({
        ok,
        limit: rule.points,
        windowS: rule.durationS,
        remaining: Math.max(0, res.remainingPoints),
        resetS: retryAfterSeconds(res.msBeforeNext),
      });
      try {
        return quota(await limiter(kind).consume(key), true);
      } catch (e) {
        if (e instanceof RateLimiterRes) return quota(e, false);
        throw e;
      }
    },
    async reset(kind, key) {
      await limiter(kind).delete(key);
    },
    async close() {
      await pool?.end();
    },
  };
}

declare global {
  var __iotopsThrottle: Throttle | undefined;
}

/** The process-wide throttle: PostgreSQL-backed with DATABASE_URL, else in memory. */
export function throttle(): Throttle {
  globalThis.__iotopsThrottle ??= createThrottle({ databaseUrl: env().DATABASE_URL });
  return globalThis.__iotopsThrottle;
}

/**
 * The client's address: the last X-Forwarded-For entry. `scripts/serve.mjs` sets
 * it from the socket before Next.js sees the request (or, with TRUST_PROXY, keeps
 * the one the reverse proxy appended), so a client cannot choose it.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return (last || "unknown").slice(0, 100);
}

/** The key of an e-mail address in the counters. */
export function accountKey(email: string): string {
  return email.trim().toLowerCase().slice(0, 320);
}
