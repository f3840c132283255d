import { isDatabaseUnavailable, isStorageFull } from "./db-errors";

export { isDatabaseUnavailable, isStorageFull };

/** What a user reads when the database cannot be reached. */
export const UNAVAILABLE_MESSAGE =
  "The service is temporarily unavailable: the database cannot be reached. Nothing was saved. Please try again in a moment.";

/** What a user reads when the database has no disk space left for a write. */
export const STORAGE_FULL_MESSAGE =
  "The service cannot save anything right now: the database has run out of disk space. Nothing was saved; what you typed is still here. Please try again later, and tell the site's operator if it lasts.";

/** How often a process that saw the database go away checks whether it is back. */
const PROBE_EVERY_MS = 1_000;

interface State {
  down: boolean;
  since: number;
  reason: string;
  probe?: () => Promise<unknown>;
  timer?: ReturnType<typeof setInterval>;
}

/**
 * Whether this process currently knows the database to be out of reach. Kept on
 * globalThis: the request proxy, the tRPC handler and the health route of one
 * process share it. Nothing here touches the database: the server registers
 * the probe that finds out when it is back (server/database-probe.ts).
 */
declare global {
  var __iotopsAvailability: State | undefined;
}
const state = (): State =>
  (globalThis.__iotopsAvailability ??= { down: false, since: 0, reason: "" });

/** The check run every second while the database is down. */
export function registerDatabaseProbe(probe: () => Promise<unknown>): void {
  state().probe = probe;
}

/**
 * Note a request's failure. Returns true when it means "the database is
 * unavailable"; the process then answers 503 to page requests until the probe
 * (or any later successful request) finds it back.
 */
export function reportFailure(err: unknown): boolean {
  if (!isDatabaseUnavailable(err)) return false;
  const s = state();
  s.reason = rootMessage(err);
  if (!s.down) {
    s.down = true;
    s.since = Date.now();
    console.error(`[db] the database is unavailable: ${s.reason}`);
  }
  const probe = s.probe;
  if (probe && !s.timer) {
    let probing = false;
    s.timer = setInterval(() => {
      if (probing) return;
      probing = true;
      probe()
        .then(() => noteDatabaseBack())
        .catch(() => {})
        .finally(() => {
          probing = false;
        });
    }, PROBE_EVERY_MS);
    s.timer.unref?.();
  }
  return true;
}

/** A query succeeded: the database is reachable again. */
export function noteDatabaseBack(): void {
  const s = state();
  if (!s.down && !s.timer) return;
  if (s.timer) clearInterval(s.timer);
  s.timer = undefined;
  if (s.down) {
    console.error(`[db] the database is back after ${Math.round((Date.now() - s.since) / 1000)} s`);
  }
  s.down = false;
}

/** Since when (ms epoch) and why the database is known to be down, or null. */
export function databaseOutage(): { since: number; reason: string } | null {
  const s = state();
  return s.down ? { since: s.since, reason: s.reason } : null;
}

/** The innermost cause's message ("Failed query: …" wraps the driver's own). */
function rootMessage(err: unknown): string {
  let e = err;
  for (let i = 0; i < 5 && e instanceof Error && e.cause instanceof Error; i++) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}
