/** Starting the app benchmark's load processes, and checking its ports are free. */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import type { LoadResult, LoadSpec } from "./load-types";
import { ROOT } from "./servers";

export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", () =>
      reject(new Error(`Port ${port} is in use; pick other ports with --port-base.`)),
    );
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve()));
  });
}

/** Runs one scenario in a separate node process (bench/app/load-child.ts). */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(ROOT, "bench/app/load-child.ts")],
      { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (b: Buffer) => (out += b.toString("utf8")));
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = out.trim().split("\n").at(-1);
      if (code !== 0 || !line) return reject(new Error(`load process exited with ${code}`));
      try {
        resolve(JSON.parse(line) as LoadResult);
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
    child.stdin.end(JSON.stringify(spec));
  });
}
