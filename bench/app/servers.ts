/** Building, starting, watching and stopping the production app servers for the benchmark. */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
// The build inputs and their digest are the ones `npm start` uses.
import { sourceHash } from "../../scripts/lib/setup.mjs";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const DIST_DIR = ".next-bench";

export type BuildMode = "auto" | "if-missing" | "always" | "never";

/**
 * `next build` into .next-bench when needed: `auto` rebuilds when the sources
 * changed since the last bench build, `if-missing` only when there is none.
 * `next build` rewrites tsconfig.json and next-env.d.ts for its dist folder;
 * both are put back as they were, so the build leaves the working tree alone.
 */
export function ensureBuild(
  mode: BuildMode,
  log: (m: string) => void,
  distDir: string = DIST_DIR,
): { built: boolean; s: number } {
  const dist = path.join(ROOT, distDir);
  const stamp = path.join(dist, "source-hash");
  const hasBuild = existsSync(path.join(dist, "BUILD_ID"));
  const digest = sourceHash();
  if (mode === "never" || (mode === "if-missing" && hasBuild)) {
    if (!hasBuild) throw new Error(`There is no build in ${distDir}; run without --build never.`);
    log(`Using the existing build in ${distDir}.`);
    return { built: false, s: 0 };
  }
  if (
    mode === "auto" &&
    hasBuild &&
    existsSync(stamp) &&
    readFileSync(stamp, "utf8").trim() === digest
  ) {
    log(`The build in ${distDir} is up to date.`);
    return { built: false, s: 0 };
  }
  const guarded = ["tsconfig.json", "next-env.d.ts"].map((f) => {
    const p = path.join(ROOT, f);
    return { p, before: existsSync(p) ? readFileSync(p, "utf8") : null };
  });
  log(`Building into ${distDir} (next build)…`);
  const t0 = performance.now();
  try {
    const r = spawnSync("npx", ["next", "build"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0) {
      process.stderr.write(`${r.stdout}\n${r.stderr}\n`);
      throw new Error(`next build failed with status ${r.status}`);
    }
  } finally {
    for (const g of guarded) {
      if (g.before !== null && readFileSync(g.p, "utf8") !== g.before) writeFileSync(g.p, g.before);
    }
  }
  writeFileSync(stamp, `${digest}\n`);
  const s = (performance.now() - t0) / 1000;
  log(`Built in ${s.toFixed(1)} s.`);
  return { built: true, s };
}

export interface AppServer {
  port: number;
  url: string;
  child: ChildProcess;
  output: string[];
  exited: boolean;
}

export function startServer(
  port: number,
  env: Record<string, string | undefined>,
  distDir: string = DIST_DIR,
): AppServer {
  const child = spawn(
    process.execPath,
    ["scripts/serve.mjs", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: ROOT,
      env: {
        ...env,
        // The same heap cap `npm start` uses.
        NODE_OPTIONS: env.NODE_OPTIONS ?? "--max-old-space-size=512",
        NODE_ENV: "production",
        NEXT_DIST_DIR: distDir,
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so stopping it stops the server and anything it started.
      detached: true,
    },
  );
  const server: AppServer = {
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    output: [],
    exited: false,
  };
  const keep = (b: Buffer) => {
    for (const line of b.toString("utf8").split("\n")) if (line.trim()) server.output.push(line);
    if (server.output.length > 200) server.output.splice(0, server.output.length - 200);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  child.on("exit", () => {
    server.exited = true;
  });
  return server;
}

export async function waitHealthy(server: AppServer, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exited) {
      throw new Error(
        `The server on port ${server.port} exited:\n${server.output.slice(-30).join("\n")}`,
      );
    }
    try {
      const r = await fetch(`${server.url}/api/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((res) => setTimeout(res, 250));
  }
  throw new Error(`The server on port ${server.port} did not become healthy in time.`);
}

export async function stopServer(server: AppServer): Promise<void> {
  const pid = server.child.pid;
  if (!pid || server.exited) return;
  const exited = new Promise<void>((res) => server.child.once("exit", () => res()));
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = new Promise<"timeout">((res) => setTimeout(() => res("timeout"), 10_000).unref());
  if ((await Promise.race([exited, timer])) === "timeout") {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // gone
    }
    await exited;
  }
  // The process group may outlive npx briefly; wait until no member is left.
  for (let i = 0; i < 40 && groupAlive(pid); i++) await new Promise((r) => setTimeout(r, 250));
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Descendant pids of `pid`, from /proc. */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      // exited meanwhile
    }
  }
  const out: number[] = [];
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    for (const c of children.get(p) ?? []) {
      out.push(c);
      stack.push(c);
    }
  }
  return out;
}

function status(pid: number): { name: string; rssKb: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/status`, "utf8");
    const name = /^Name:\s*(.*)$/m.exec(s)?.[1] ?? "";
    const rss = Number(/^VmRSS:\s*(\d+)\s*kB$/m.exec(s)?.[1] ?? 0);
    return { name, rssKb: rss };
  } catch {
    return null;
  }
}

/** RSS in MB of the server's next-server process (the largest node process under it). */
export function serverRssMb(server: AppServer): number {
  const pid = server.child.pid;
  if (!pid) return 0;
  let best = 0;
  let bestNamed = 0;
  for (const p of [pid, ...descendants(pid)]) {
    const s = status(p);
    if (!s) continue;
    best = Math.max(best, s.rssKb);
    if (s.name.startsWith("next-server")) bestNamed = Math.max(bestNamed, s.rssKb);
  }
  return Math.round((bestNamed || best) / 1024);
}

/** Samples the servers' RSS in the background; `max()` is the highest seen on any of them. */
export function rssSampler(servers: AppServer[], everyMs = 250) {
  let max = 0;
  const sample = () => {
    for (const s of servers) if (!s.exited) max = Math.max(max, serverRssMb(s));
  };
  sample();
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    max: () => {
      sample();
      return max;
    },
    stop: () => clearInterval(timer),
  };
}

/**
 * Sign in through next-auth's own API, as the sign-in form does: fetch a CSRF
 * token, post the credentials, keep the cookies. Returns the Cookie header.
 */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const login = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  keep(login);
  const session = [...jar.keys()].find((k) => k.includes("session-token"));
  if (!session) throw new Error(`Sign-in as ${email} failed (HTTP ${login.status}).`);
  const check = await fetch(`${baseUrl}/api/auth/session`, { headers: { cookie: header() } });
  const body = (await check.json()) as { user?: { email?: string } } | null;
  if (body?.user?.email?.toLowerCase() !== email.toLowerCase()) {
    throw new Error(`Sign-in as ${email} did not give a session.`);
  }
  return `${session}=${jar.get(session)}`;
}
