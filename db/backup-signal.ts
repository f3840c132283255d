import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";

/**
 * Only one process may open a PGlite folder, so a backup of a folder in use is
 * taken by the process that holds it: `npm run backup` writes a request naming
 * an id into the backups folder and sends SIGUSR2 to the pid in the folder's
 * lock; that process dumps the folder (PGlite's dumpDataDir, taken between two
 * queries, so it is a consistent snapshot) to `<id>.tar.gz` there. Only the
 * same user (or root) can send the signal, and the output goes nowhere else.
 */
export const BACKUP_SIGNAL = "SIGUSR2";

/** DATA_DIR/backups for the PGlite folder DATA_DIR/pglite. */
export function backupsDir(pgliteDir: string): string {
  return path.join(path.dirname(path.resolve(pgliteDir)), "backups");
}

export const requestFile = (pgliteDir: string) => path.join(backupsDir(pgliteDir), "request.json");
export const VALID_ID = /^[a-z0-9-]{1,64}$/;

/** Serve backup requests for this open folder; returns the uninstaller. */
export function serveBackupsOnSignal(client: PGlite, pgliteDir: string): () => void {
  let busy = false;
  const onSignal = () => {
    if (busy) return;
    busy = true;
    void answer(client, pgliteDir).finally(() => {
      busy = false;
    });
  };
  process.on(BACKUP_SIGNAL, onSignal);
  return () => process.off(BACKUP_SIGNAL, onSignal);
}

async function answer(client: PGlite, pgliteDir: string): Promise<void> {
  const dir = backupsDir(pgliteDir);
  let id: unknown;
  try {
    id = (JSON.parse(readFileSync(requestFile(pgliteDir), "utf8")) as { id?: unknown }).id;
  } catch {
    return; // no (readable) request: ignore the signal
  }
  if (typeof id !== "string" || !VALID_ID.test(id)) return;
  const out = path.join(dir, `${id}.tar.gz`);
  if (existsSync(out)) return;
  try {
    mkdirSync(dir, { recursive: true });
    const dump = await client.dumpDataDir("gzip");
    const partial = `${out}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, out);
    console.log(`[db] backup ${id} written to ${out}`);
  } catch (e) {
    rmSync(`${out}.partial`, { force: true });
    writeFileSync(path.join(dir, `${id}.error`), e instanceof Error ? e.message : String(e));
  }
}
