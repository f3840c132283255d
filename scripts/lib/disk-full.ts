/**
 * A size-limited folder that can be filled to its last block, for the disk-full
 * faults of the chaos harness and the storage-full test. Mounting a tmpfs needs
 * root; `mountSmallDisk` returns null where the platform does not allow it.
 */
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface SmallDisk {
  /** The mounted folder. */
  dir: string;
  /** Fill it until ENOSPC; returns a function that frees the space again. */
  fill(): () => void;
  /** Unmount and remove the folder (its contents are gone). */
  remove(): void;
}

export function mountSmallDisk(sizeMb: number, prefix = "iotops-small-disk-"): SmallDisk | null {
  if (process.getuid?.() !== 0) return null;
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const r = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${sizeMb}m`, "tmpfs", dir]);
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    fill() {
      const filler = path.join(dir, `filler-${process.pid}-${Date.now()}`);
      const fd = openSync(filler, "w");
      try {
        for (const size of [8 << 20, 1 << 20, 64 << 10, 4 << 10, 512]) {
          const chunk = Buffer.alloc(size, 1);
          for (;;) {
            try {
              writeSync(fd, chunk);
            } catch (e) {
              if ((e as NodeJS.ErrnoException).code === "ENOSPC") break;
              throw e;
            }
          }
        }
      } finally {
        closeSync(fd);
      }
      return () => rmSync(filler, { force: true });
    },
    remove() {
      spawnSync("umount", [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
