import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { THROTTLE_RULES } from "../server/domain/people/throttle-rules";
import { expect, test } from "./fixtures/personas";

/**
 * The per-address sign-in limit counts the peer that connected, not an
 * X-Forwarded-For a client makes up (scripts/serve.mjs). Each case runs its own
 * app server on a fresh embedded database, so the limits it fills never reach
 * the shared e2e server.
 */
const SIGN_IN_LIMIT_PER_ADDRESS = THROTTLE_RULES["sign-in-ip"].points;

async function startApp(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["e2e/serve.mjs", String(port)], {
    env: { ...process.env, ...env },
    stdio: "ignore",
    detached: true,
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    const up = await fetch(`http://127.0.0.1:${port}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (up) return child;
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`the app on port ${port} did not start`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function stopApp(child: ChildProcess, port: number) {
  if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
  rmSync(path.resolve(`.data/e2e-${port}`), { recursive: true, force: true });
}

/** One wrong-password sign-in, as the sign-in form sends it, claiming to come from `claimed`. */
async function wrongSignIn(api: APIRequestContext, n: number, claimed: string): Promise<number> {
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await api.post("/api/auth/callback/credentials", {
    form: { email: `nobody-${n}@example.org`, password: `wrong-password-${n}`, csrfToken },
    headers: { "x-forwarded-for": claimed, "x-auth-return-redirect": "1" },
    maxRedirects: 0,
  });
  return res.status();
}

// Each case signs in one more time than the limit (bcrypt) on a server it starts.
test.describe.configure({ timeout: 180_000 });

for (const { trustProxy, port } of [
  { trustProxy: false, port: 3297 },
  { trustProxy: true, port: 3298 },
]) {
  test(`a made-up X-Forwarded-For ${trustProxy ? "counts as the client behind a trusted proxy" : "does not escape the per-address limit"}`, async () => {
    const app = await startApp(port, trustProxy ? { TRUST_PROXY: "true" } : {});
    const api = await playwrightRequest.newContext({ baseURL: `http://127.0.0.1:${port}` });
    try {
      const statuses: number[] = [];
      for (let i = 0; i <= SIGN_IN_LIMIT_PER_ADDRESS; i++) {
        statuses.push(await wrongSignIn(api, i, `203.0.113.${i + 1}`));
      }
      // The first ones up to the limit are wrong passwords, answered normally.
      expect(statuses.slice(0, SIGN_IN_LIMIT_PER_ADDRESS)).toEqual(
        Array(SIGN_IN_LIMIT_PER_ADDRESS).fill(200),
      );
      // Without a trusted proxy they all came from 127.0.0.1 whatever they claimed;
      // behind one, each claimed address is a client of its own.
      expect(statuses.at(-1)).toBe(trustProxy ? 200 : 429);
    } finally {
      await api.dispose();
      stopApp(app, port);
    }
  });
}
