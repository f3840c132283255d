/**
 * The database part of each read scenario, timed on its own.
 *
 * For each sample request the service function the router calls (findIssues,
 * getIssue, …) runs once against the benchmark database through a recording
 * wrapper, which captures the exact SQL text and parameters Drizzle sends.
 * Those statements are then replayed, in order, straight through the driver
 * (`pg` or PGlite), and the time for the whole set is the scenario's
 * `sql_p50_ms`. So the figure follows the services as they change, and the
 * difference to the HTTP latency is what the app adds (rendering, tRPC,
 * session, scheduling under concurrency).
 */
import pg from "pg";
import { rawClient, type Db } from "~/db/client";
import { loadActor } from "~/server/auth/load-actor";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { getDocument } from "~/server/services/documents/find-documents";
import { countIssuesByState, findIssues } from "~/server/services/issues/find-issues";
import { getIssue } from "~/server/services/issues/get-issue";
import { computeDispatchReport } from "~/server/services/issues/report";
import type { RawClient } from "./bulk";
import { percentile, round2 } from "./load-types";
import { mulberry32 } from "./random";
import { searchQueries } from "./scenarios";

interface Statement {
  text: string;
  params: unknown[];
}

type QueryFn = (...args: unknown[]) => Promise<unknown>;

interface Queryish {
  query(...args: unknown[]): Promise<unknown>;
}

function clientOf(db: Db): Queryish {
  return rawClient(db);
}

/** Runs `fn` and returns the statements it sent (node-postgres and PGlite call shapes). */
async function capture(db: Db, fn: () => Promise<unknown>): Promise<Statement[]> {
  const client = clientOf(db);
  const original = client.query;
  const seen: Statement[] = [];
  client.query = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args;
    if (typeof first === "string") seen.push({ text: first, params: (second as unknown[]) ?? [] });
    else if (first && typeof first === "object" && "text" in first) {
      // node-postgres: query({ text, rowMode, types }, values) or query({ text, values })
      const q = first as { text: string; values?: unknown[] };
      seen.push({ text: q.text, params: q.values ?? (second as unknown[]) ?? [] });
    }
    return original.apply(client, args);
  } as QueryFn;
  try {
    await fn();
  } finally {
    client.query = original;
  }
  return seen;
}

export interface SqlSamples {
  chairId: number;
  issueIds: number[];
  documentNames: string[];
}

export type SqlScenario =
  "issues-list" | "triage" | "issue-page" | "report" | "document-page" | "search";

/** The service calls behind each read scenario, as the pages and routers make them. */
function serviceCalls(
  db: Db,
  chair: MaybeActor,
  s: SqlSamples,
): Record<SqlScenario, (() => Promise<unknown>)[]> {
  const anon = null;
  return {
    "issues-list": [
      async () => {
        await findIssues(db, anon, { sort: "newest" });
        await countIssuesByState(db, anon, { sort: "newest" });
      },
    ],
    triage: [() => findIssues(db, chair, { states: ["submitted"], sort: "oldest", limit: 50 })],
    "issue-page": s.issueIds.slice(0, 60).map((id) => () => getIssue(db, anon, id)),
    // The report's SQL as a cache miss runs it; a hit (the usual case) reads one
    // counter row instead.
    report: [() => computeDispatchReport(db, {})],
    "document-page": s.documentNames.slice(0, 60).map((n) => () => getDocument(db, anon, n)),
    // The issue list's `q` filter, as `/issues?q=` runs it (the list and its counts).
    search: searchQueries(mulberry32(99), 60).map((q) => async () => {
      await findIssues(db, anon, { q, sort: "newest" });
      await countIssuesByState(db, anon, { q, sort: "newest" });
    }),
  };
}

/**
 * p50 (ms) of replaying each scenario's statements through the raw driver,
 * sequentially on one connection, after a warm-up.
 */
export async function timeScenarioSql(
  db: Db,
  samples: SqlSamples,
  opts: { iterations?: number; log?: (m: string) => void } = {},
): Promise<Record<SqlScenario, number>> {
  const iterations = opts.iterations ?? 200;
  const chair = await loadActor(db, samples.chairId);
  const calls = serviceCalls(db, chair, samples);
  const client = rawClient(db);
  // One connection for the replay, like one request would mostly get.
  const conn = client instanceof pg.Pool ? await client.connect() : null;
  const runner: Queryish = conn ?? client;
  const out = {} as Record<SqlScenario, number>;
  try {
    for (const [name, fns] of Object.entries(calls) as [
      SqlScenario,
      (() => Promise<unknown>)[],
    ][]) {
      const sets: Statement[][] = [];
      for (const fn of fns) sets.push(await capture(db, fn));
      const times: number[] = [];
      // At most about 20 s per scenario: a slow one (a search matching most issues)
      // gets fewer samples rather than holding the run up for minutes.
      const start = performance.now();
      let warmup = 20;
      for (let i = 0; i < iterations + warmup; i++) {
        const set = sets[i % sets.length]!;
        const t0 = performance.now();
        for (const st of set) await runner.query(st.text, st.params);
        const now = performance.now();
        if (i >= warmup) times.push(now - t0);
        else if (now - start > 5_000) warmup = i + 1;
        if (times.length >= 10 && now - start > 20_000) break;
      }
      times.sort((a, b) => a - b);
      out[name] = round2(percentile(times, 50));
      const n = sets[0]?.length ?? 0;
      opts.log?.(
        `  ${name}: ${n} statement${n === 1 ? "" : "s"}, p50 ${out[name]} ms, p95 ${round2(percentile(times, 95))} ms (${times.length} runs)`,
      );
    }
  } finally {
    conn?.release();
  }
  return out;
}

/** EXPLAIN (ANALYZE, BUFFERS) of each statement of the first sample of each read scenario. */
export async function explainScenarios(
  db: Db,
  samples: SqlSamples,
  print: (text: string) => void,
): Promise<void> {
  const chair = await loadActor(db, samples.chairId);
  const client: RawClient = rawClient(db);
  for (const [name, fns] of Object.entries(serviceCalls(db, chair, samples))) {
    const set = await capture(db, fns[0]!);
    for (const st of set) {
      const r = await client.query(`explain (analyze, buffers) ${st.text}`, st.params);
      const plan = r.rows.map((row) => String(Object.values(row)[0])).join("\n");
      print(`--- ${name}\n${st.text}\n-- params: ${JSON.stringify(st.params)}\n${plan}\n`);
    }
  }
}
