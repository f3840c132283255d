/**
 * The routing engine in-process, on the benchmark's data: how many documents it
 * knows, how long it takes to build and to route, and roughly how much heap it
 * holds (the growth of the heap across the build, with the engine alive).
 */
import { CHARTER_ITEMS } from "~/server/domain/catalog";
import { SEED_CATALOG } from "~/db/seed/group-catalog";
import type { Db } from "~/db/client";
import { createRoutingEngine } from "~/server/domain/routing";
import { loadKnowledge } from "~/server/services/routing/knowledge";
import { percentile, round2 } from "./load-types";
import type { IssueText } from "./text";

export interface RoutingInProcess {
  known_documents: number;
  build_ms: number;
  route_p50_ms: number;
  route_p95_ms: number;
  /** Approximate: heap after the build minus before, in MB. */
  heap_mb: number;
}

export async function routingInProcess(
  db: Db,
  texts: readonly IssueText[],
): Promise<RoutingInProcess> {
  const documents = await loadKnowledge(db);
  const heap0 = process.memoryUsage().heapUsed;
  const e0 = performance.now();
  const engine = createRoutingEngine({
    groups: SEED_CATALOG.groups,
    charterItems: CHARTER_ITEMS,
    documents,
  });
  const buildMs = performance.now() - e0;
  const heapMb = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
  const times: number[] = [];
  for (const t of texts) {
    const s = performance.now();
    engine.route({ title: t.title, text: t.problemStatement }, { limit: 8 });
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  return {
    known_documents: engine.size(),
    build_ms: Math.round(buildMs),
    route_p50_ms: round2(percentile(times, 50)),
    route_p95_ms: round2(percentile(times, 95)),
    heap_mb: Math.round(heapMb),
  };
}
