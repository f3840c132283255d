import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireDataDirLock, parseLock } from "../lock";

const CHILD = path.resolve("db/tests/lock-child.ts");
let dir: string;
const children: ChildProcess[] = [];

function child(holdMs: number): { proc: ChildProcess; said: Promise<string> } {
  const proc = spawn(process.execPath, ["--import", "tsx", CHILD, dir, String(holdMs)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(proc);
  const said = new Promise<string>((resolve) => {
    let out = "";
    proc.stdout!.on("data", (b: Buffer) => {
      out += b.toString("utf8");
      if (out.includes("\n")) resolve(out.trim());
    });
    proc.on("exit", () => resolve(out.trim()));
  });
  return { proc, said };
}

const exited = (p: ChildProcess) =>
  new Promise<void>((resolve) =>
    p.exitCode !== null || p.signalCode ? resolve() : p.once("exit", () => resolve()),
  );

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "iotops-lock-"));
});
afterEach(async () => {
  for (const c of children.splice(0)) {
    c.kill("SIGKILL");
    await exited(c);
  }
  rmSync(dir, { recursive: true, force: true });
});

const lockFile = () => path.join(dir, "iotops.lock");

describe("the data-folder lock", () => {
  it("is taken on a free folder and released", () => {
    const release = acquireDataDirLock(dir);
    expect(parseLock(readFileSync(lockFile(), "utf8"))?.pid).toBe(process.pid);
    release();
    expect(existsSync(lockFile())).toBe(false);
  });

  it("refuses while a live process holds it, and is taken over once that process is SIGKILLed", async () => {
    const holder = child(60_000);
    expect(await holder.said).toBe("acquired");
    expect(() => acquireDataDirLock(dir)).toThrow(
      new RegExp(`in use by process ${holder.proc.pid}`),
    );
    holder.proc.kill("SIGKILL");
    await exited(holder.proc);
    // The killed process left its lock behind …
    expect(parseLock(readFileSync(lockFile(), "utf8"))?.pid).toBe(holder.proc.pid);
    // … which is stale now.
    const release = acquireDataDirLock(dir);
    expect(parseLock(readFileSync(lockFile(), "utf8"))?.pid).toBe(process.pid);
    release();
  });

  it("takes over a lock whose pid now belongs to another process (pid reuse)", () => {
    // Our parent is alive, but it is not the process that wrote this lock.
    writeFileSync(lockFile(), JSON.stringify({ pid: process.ppid, start: "1", boot: null }));
    const release = acquireDataDirLock(dir);
    expect(parseLock(readFileSync(lockFile(), "utf8"))?.pid).toBe(process.pid);
    release();
  });

  it("takes over a lock written before a reboot", () => {
    writeFileSync(
      lockFile(),
      JSON.stringify({ pid: process.ppid, start: null, boot: "another-boot" }),
    );
    const release = acquireDataDirLock(dir);
    release();
  });

  it("reads the older bare-pid format: a live pid refuses, a dead one is taken over", async () => {
    const holder = child(60_000);
    expect(await holder.said).toBe("acquired");
    holder.proc.kill("SIGKILL");
    await exited(holder.proc);
    writeFileSync(lockFile(), String(process.ppid));
    expect(() => acquireDataDirLock(dir)).toThrow(/in use by process/);
    writeFileSync(lockFile(), String(holder.proc.pid));
    acquireDataDirLock(dir)();
  });

  it("gives a stale lock to exactly one of several processes starting at once", async () => {
    const dead = child(60_000);
    expect(await dead.said).toBe("acquired");
    dead.proc.kill("SIGKILL");
    await exited(dead.proc);
    const racers = Array.from({ length: 5 }, () => child(20_000));
    const said = await Promise.all(racers.map((r) => r.said));
    expect(said.filter((s) => s === "acquired")).toHaveLength(1);
    expect(said.filter((s) => s.startsWith("refused: "))).toHaveLength(4);
    const winner = racers[said.indexOf("acquired")]!;
    expect(parseLock(readFileSync(lockFile(), "utf8"))?.pid).toBe(winner.proc.pid);
  });

  it("gives a free folder to exactly one of several processes starting at once", async () => {
    const racers = Array.from({ length: 5 }, () => child(20_000));
    const said = await Promise.all(racers.map((r) => r.said));
    expect(said.filter((s) => s === "acquired")).toHaveLength(1);
  });

  it("does not remove a lock that another process holds when releasing", async () => {
    const release = acquireDataDirLock(dir);
    // Simulate a takeover by someone else (as after our own crash and restart).
    writeFileSync(lockFile(), JSON.stringify({ pid: process.ppid, start: null, boot: null }));
    release();
    expect(existsSync(lockFile())).toBe(true);
  });
});
