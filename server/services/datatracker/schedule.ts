import type { Db } from "~/db/client";
import { isDomainError } from "~/server/domain/errors";
import { runSync } from "./run-sync";

export interface Schedule {
  stop: () => void;
}

/**
 * Sync every `intervalMs` inside the running app. Every app server may run the
 * schedule: the lease lets one of them sync and the others skip that turn.
 */
export function scheduleSync(
  getDb: () => Promise<Db>,
  opts: { base: string; intervalMs: number; firstDelayMs?: number; log?: (line: string) => void },
): Schedule {
  const log = opts.log ?? ((line: string) => console.log(line));
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const tick = async () => {
    try {
      const r = await runSync(await getDb(), { base: opts.base, trigger: "schedule" });
      log(`[datatracker-sync] run #${r.runId} ${r.status}: ${r.log.errors.length} problem(s)`);
    } catch (e) {
      if (isDomainError(e) && e.code === "CONFLICT")
        log("[datatracker-sync] another server is syncing; skipped");
      else console.error("[datatracker-sync] scheduled run failed:", e);
    } finally {
      if (!stopped) {
        timer = setTimeout(() => void tick(), opts.intervalMs);
        timer.unref();
      }
    }
  };
  timer = setTimeout(() => void tick(), opts.firstDelayMs ?? 30_000);
  timer.unref();
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
