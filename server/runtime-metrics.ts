import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";

/**
 * Process figures for /api/health: resident memory and event-loop delay since
 * the previous reading. The delay histogram lives on globalThis so one process
 * keeps one, whichever module copy asks.
 */
/** Sampling interval; the histogram counts it in every reading, so it is taken off. */
const RESOLUTION_MS = 10;
declare global {
  var __iotopsLoopDelay: IntervalHistogram | undefined;
}

export function startRuntimeMetrics(): void {
  if (globalThis.__iotopsLoopDelay) return;
  const h = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  h.enable();
  globalThis.__iotopsLoopDelay = h;
}

export interface RuntimeMetrics {
  rssMb: number;
  heapUsedMb: number;
  /** Event-loop delay since the previous reading, in milliseconds. */
  eventLoopDelayMs: { p50: number; p99: number; max: number } | null;
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const ms = (ns: number) => Math.max(0, Math.round(ns / 1e4) / 100 - RESOLUTION_MS);

export function readRuntimeMetrics(): RuntimeMetrics {
  startRuntimeMetrics();
  const h = globalThis.__iotopsLoopDelay!;
  const mem = process.memoryUsage();
  const delay =
    h.count > 0 ? { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max) } : null;
  h.reset();
  return { rssMb: mb(mem.rss), heapUsedMb: mb(mem.heapUsed), eventLoopDelayMs: delay };
}
