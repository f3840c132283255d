import { eq, sql } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import { z } from "zod";
import { zDay } from "~/server/domain/validation";
import type { Db, Queryable } from "~/db/client";
import { queryRows } from "~/db/rows";
import { changeCounters } from "~/db/schema";

export const ZDispatchReport = z
  .object({ from: zDay("The start date").optional(), to: zDay("The end date").optional() })
  .refine((v) => !v.from || !v.to || v.from <= v.to, {
    message: "The start date must be on or before the end date.",
    path: ["to"],
  });

/**
 * Dispatch outcomes over a date range (by dispatch date), per destination and per
 * charter item, with submission-to-dispatch times. Public issues only: the report
 * is public, so confidential issues are never counted. Served from a cache that
 * is exact: see `cacheFor`.
 */
export async function dispatchReport(
  db: Db,
  input: z.infer<typeof ZDispatchReport>,
): Promise<DispatchReport> {
  const { from, to } = reportRange(input);
  const version = await reportVersion(db);
  // No counter (a database reset by hand): compute every time rather than risk staleness.
  if (version === null) return computeReport(db, from, to);
  const cache = cacheFor(db);
  const report = await cache.fetch(`${from}|${to}|${version}`, { context: { db, from, to } });
  return report ?? computeReport(db, from, to);
}

/** The dispatch report's change counter (see `changeCounters`), or null when it is missing. */
export async function reportVersion(db: Queryable): Promise<number | null> {
  const [row] = await db
    .select({ value: changeCounters.value })
    .from(changeCounters)
    .where(eq(changeCounters.name, REPORT_COUNTER));
  return row ? Number(row.value) : null;
}

const REPORT_COUNTER = "dispatch-report";

/** The report computed from scratch, without the cache (what a cache miss costs). */
export function computeDispatchReport(db: Queryable, input: z.infer<typeof ZDispatchReport>) {
  const { from, to } = reportRange(input);
  return computeReport(db, from, to);
}

/** The range in UTC days; by default the year up to today. */
function reportRange(input: z.infer<typeof ZDispatchReport>) {
  const to = input.to ?? new Date().toISOString().slice(0, 10);
  const from = input.from ?? new Date(Date.parse(to) - 365 * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

export type DispatchReport = Awaited<ReturnType<typeof computeReport>>;

interface FetchContext {
  db: Db;
  from: string;
  to: string;
}

/**
 * Reports by (range, counter value), per database handle. A cached report is
 * never older than the counter value in its key: it is computed after that value
 * was read, in one snapshot. Concurrent requests for the same key share one
 * computation (`fetch` coalesces them), so a burst of readers costs one report.
 */
const caches = new WeakMap<Db, LRUCache<string, DispatchReport, FetchContext>>();

function cacheFor(db: Db) {
  let cache = caches.get(db);
  if (!cache) {
    cache = new LRUCache<string, DispatchReport, FetchContext>({
      max: 64,
      fetchMethod: (_key, _stale, { context }) =>
        context.db.transaction((tx) => computeReport(tx, context.from, context.to), {
          isolationLevel: "repeatable read",
          accessMode: "read only",
        }),
    });
    caches.set(db, cache);
  }
  return cache;
}

async function computeReport(db: Queryable, from: string, to: string) {
  // Dates are UTC calendar days, whatever the database session's time zone; the bounds
  // are computed once so the range can use the report index.
  const range = sql`dispatched_at >= (${from}::date::timestamp at time zone 'UTC')
    and dispatched_at < ((${to}::date + 1)::timestamp at time zone 'UTC')
    and dispatched_at is not null and not confidential`;
  const destination = sql`case recommendation->'outcome'->>'kind'
      when 'existing-wg' then recommendation->'outcome'->>'targetGroup'
      when 'irtf' then 'irtf:' || (recommendation->'outcome'->>'researchGroup')
      else recommendation->'outcome'->>'kind' end`;
  const byDestination = await queryRows(
    db,
    sql`
    select ${destination} as destination, recommendation->'outcome'->>'kind' as kind, count(*)::int as n
    from issues where ${range}
    group by 1, 2 order by n desc, destination`,
    z.object({ destination: z.string(), kind: z.string(), n: z.number() }),
  );
  const byCharterItem = await queryRows(
    db,
    sql`
    select coalesce(charter_item, 'unassigned') as charter_item, count(*)::int as n
    from issues where ${range}
    group by 1 order by n desc, charter_item`,
    z.object({ charter_item: z.string(), n: z.number() }),
  );
  const timing = await queryRows(
    db,
    sql`
    select count(*)::int as n,
      percentile_cont(0.5) within group (order by extract(epoch from dispatched_at - created_at)) / 86400 as median_days,
      percentile_cont(0.9) within group (order by extract(epoch from dispatched_at - created_at)) / 86400 as p90_days
    from issues where ${range}`,
    z.object({
      n: z.number(),
      median_days: z.number().nullable(),
      p90_days: z.number().nullable(),
    }),
  );
  const t = timing[0];
  const round1 = (v: number | null | undefined) =>
    v == null ? null : Math.round(Number(v) * 10) / 10;
  return {
    from,
    to,
    total: t?.n ?? 0,
    medianDays: round1(t?.median_days),
    p90Days: round1(t?.p90_days),
    byDestination,
    byCharterItem: byCharterItem.map((r) => ({ charterItem: r.charter_item, n: r.n })),
  };
}
