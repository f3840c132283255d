import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";

/**
 * PGlite has no lock of its own, and two processes on one data folder corrupt it.
 * The process that opens a folder holds `iotops.lock`, naming its pid, the pid's
 * start time and the boot it runs in; a second live process is refused with a
 * message that says what to do.
 *
 * - Taking a free lock is one atomic create (O_EXCL): of two processes, one wins.
 * - A lock left by a crash (its process is gone, or the pid now belongs to
 *   another process, or the machine rebooted) is taken over. The check and the
 *   replacement run under a guard directory (mkdir is atomic), and the new lock
 *   replaces the old one by rename, so the file never goes missing in between:
 *   of several processes finding the same stale lock, exactly one takes it.
 * - Liveness is the pid, not a heartbeat, so a long pause (a blocked event loop,
 *   a stopped process) never loses a lock that is still held.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const file = path.join(dataDir, "iotops.lock");
  const me = ownIdentity();
  const text = `${JSON.stringify(me)}\n`;
  if (!tryCreate(file, text)) takeOver(dataDir, file, text);
  const release = () => {
    try {
      if (sameHolder(parseLock(readFileSync(file, "utf8")), me)) rmSync(file);
    } catch {
      // already gone
    }
  };
  process.once("exit", release);
  return release;
}

/** Who holds a lock. `start` and `boot` are null where /proc is not available. */
export interface LockHolder {
  pid: number;
  start: string | null;
  boot: string | null;
}

/** A guard left by a process killed inside the few lines it protects is this old. */
const GUARD_STALE_MS = 10_000;

function tryCreate(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, "wx");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
  try {
    writeFileSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

function takeOver(dataDir: string, file: string, text: string): void {
  const guard = `${file}.guard`;
  withGuard(guard, () => {
    let holder: LockHolder | null = null;
    try {
      holder = parseLock(readFileSync(file, "utf8"));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
    if (holder && holder.pid !== process.pid && holderAlive(holder)) {
      throw new Error(
        `The embedded database in ${dataDir} is in use by process ${holder.pid} (probably the app server). ` +
          "Stop that process first, or point DATABASE_URL at a PostgreSQL server to share one database.",
      );
    }
    // Stale (or our own): replace it in one step.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  });
}

function withGuard(guard: string, fn: () => void): void {
  const deadline = Date.now() + 2 * GUARD_STALE_MS;
  for (;;) {
    try {
      mkdirSync(guard);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      try {
        if (Date.now() - statSync(guard).mtimeMs > GUARD_STALE_MS) {
          rmSync(guard, { recursive: true, force: true });
          continue;
        }
      } catch {
        continue; // removed meanwhile
      }
      if (Date.now() > deadline)
        throw new Error(`Could not take ${guard}; remove it if no process is starting.`);
      sleepSync(20);
    }
  }
  try {
    fn();
  } finally {
    rmSync(guard, { recursive: true, force: true });
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Reads both this format and the older one (a bare pid). */
export function parseLock(text: string): LockHolder | null {
  const t = text.trim();
  if (/^\d+$/.test(t)) return { pid: Number(t), start: null, boot: null };
  try {
    const v = JSON.parse(t) as Partial<LockHolder>;
    if (typeof v.pid !== "number" || !Number.isInteger(v.pid) || v.pid <= 0) return null;
    return {
      pid: v.pid,
      start: typeof v.start === "string" ? v.start : null,
      boot: typeof v.boot === "string" ? v.boot : null,
    };
  } catch {
    return null;
  }
}

function sameHolder(a: LockHolder | null, b: LockHolder): boolean {
  return !!a && a.pid === b.pid && a.start === b.start;
}

/** The holder's process still runs: same pid, same start time, same boot. */
export function holderAlive(h: LockHolder): boolean {
  if (!pidAlive(h.pid)) return false;
  const boot = bootId();
  if (h.boot && boot && h.boot !== boot) return false;
  const start = processStart(h.pid);
  if (h.start && start && h.start !== start) return false;
  return true;
}

function ownIdentity(): LockHolder {
  return { pid: process.pid, start: processStart(process.pid), boot: bootId() };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Field 22 of /proc/PID/stat: start time in clock ticks since boot. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function bootId(): string | null {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return null;
  }
}
