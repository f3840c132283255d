import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * PGlite has no lock of its own, and two processes on one data folder corrupt it.
 * Every process that opens a folder writes its pid here; a second live process
 * is refused with a message that says what to do.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const file = path.join(dataDir, "iotops.lock");
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, "utf8").trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The embedded database in ${dataDir} is in use by process ${pid} (probably the app server). ` +
          "Stop that process first, or point DATABASE_URL at a PostgreSQL server to share one database.",
      );
    }
  }
  writeFileSync(file, String(process.pid));
  const release = () => {
    try {
      if (readFileSync(file, "utf8").trim() === String(process.pid)) rmSync(file);
    } catch {
      // already gone
    }
  };
  process.once("exit", release);
  return release;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
