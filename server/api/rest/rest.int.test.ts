/**
 * The public API (`/api/v1`) end to end below HTTP: requests go through
 * `serveRest` exactly as the route handlers send them, with bearer tokens made
 * by the token use-cases, a session, or no one. Each role's view of the
 * confidential issue is checked against an entitled role's, so the checks can
 * fail; every answer is validated against the generated OpenAPI document.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import type { Actor } from "~/server/domain/permissions/actor";
import {
  createApiToken,
  listApiTokens,
  revokeApiToken,
} from "~/server/services/api-tokens/api-tokens";
import { DOC } from "~/server/services/documents/test-fixtures";
import { createThrottle, type Throttle } from "../../auth/throttle";
import { buildWorld, SECRET_NUMBER, SECRET_WORDS, type World } from "../security/world";
import { ENDPOINTS, type Endpoint } from "./endpoints";
import { openApiDocument } from "./openapi";
import { serveRest, type RestDeps } from "./serve";

let t: TestDatabase;
let w: World;
const opened: Throttle[] = [];
const tokens: Record<string, string> = {};

function throttle(rules?: Parameters<typeof createThrottle>[0]["rules"]): Throttle {
  const th = createThrottle({
    databaseUrl: testDbKind() === "postgres" ? t.url : undefined,
    rules,
  });
  opened.push(th);
  return th;
}

let roomy: Throttle;
let ipCounter = 0;

interface Call {
  token?: string;
  authorization?: string;
  session?: Actor;
  ip?: string;
  th?: Throttle;
}

/** The endpoint whose path template matches, with its path parameters. */
function route(path: string): { ep: Endpoint; params: Record<string, string> } {
  for (const ep of ENDPOINTS) {
    const names: string[] = [];
    const re = new RegExp(
      `^${ep.path.replace(/\{(\w+)\}/g, (_m, n: string) => (names.push(n), "([^/]+)"))}$`,
    );
    const m = re.exec(path);
    if (m) {
      return {
        ep,
        params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)])),
      };
    }
  }
  throw new Error(`no endpoint for ${path}`);
}

async function get(pathAndQuery: string, c: Call = {}) {
  const url = new URL(`http://localhost/api/v1${pathAndQuery}`);
  const { ep, params } = route(url.pathname.slice("/api/v1".length));
  const headers = new Headers();
  if (c.token) headers.set("authorization", `Bearer ${c.token}`);
  if (c.authorization !== undefined) headers.set("authorization", c.authorization);
  const deps: RestDeps = {
    db: t.db,
    dbMode: t.mode,
    throttle: c.th ?? roomy,
    session: async () =>
      c.session ? { personId: c.session.personId, sessionVersion: 1, sessionId: null } : null,
    clientIp: c.ip ?? `10.0.0.${++ipCounter % 250}`,
  };
  const res = await serveRest(new Request(url, { headers }), ep, params, deps);
  const text = await res.text();
  return { res, ep, status: res.status, text, body: JSON.parse(text) as Record<string, unknown> };
}

// --- the OpenAPI document as a validator of real answers ---
const doc = openApiDocument();
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: "https://iotops.test/openapi.json", components: doc.components });

function conforms(ep: Endpoint, status: number, contentType: string, body: unknown): string[] {
  const op = doc.paths?.[ep.path]?.get;
  const response = op?.responses?.[String(status)] as
    { content?: Record<string, { schema?: object }> } | undefined;
  const schema = response?.content?.[contentType.split(";")[0]!]?.schema;
  if (!schema) return [`no schema for ${ep.path} ${status} ${contentType}`];
  const refd = JSON.parse(
    JSON.stringify(schema).replaceAll(
      '"#/components/',
      '"https://iotops.test/openapi.json#/components/',
    ),
  ) as object;
  const validate = ajv.compile(refd);
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const leaks = (text: string) =>
  text.includes(String(SECRET_NUMBER)) || SECRET_WORDS.some((s) => text.toLowerCase().includes(s));

describe(`public API on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    w = await buildWorld(t.db);
    roomy = throttle();
    const c = w.cast;
    for (const [role, actor] of Object.entries({
      contributor: c.bob,
      unverified: c.unverified,
      iotopsChair: c.iotopsChair,
      otherChair: c.suitChair,
      ad: c.opsAd,
      secretariat: c.secretariat,
      submitter: c.alice,
    })) {
      tokens[role] = (await createApiToken(t.db, actor, { name: `${role} script` })).token;
    }
  }, 300_000);
  afterAll(async () => {
    for (const th of opened) await th.close();
    await t?.destroy();
  });

  it("answers a list anonymously with JSON that conforms to the OpenAPI document", async () => {
    const r = await get("/issues?state=submitted");
    expect(r.status).toBe(200);
    expect(r.res.headers.get("content-type")).toBe("application/json");
    expect(conforms(r.ep, 200, "application/json", r.body)).toEqual([]);
    const items = r.body.items as { id: number; state: string }[];
    expect(items.map((i) => i.id)).toContain(w.submitted);
    expect(items.every((i) => i.state === "submitted")).toBe(true);
    // The document is a real check: a wrong body fails it.
    expect(conforms(r.ep, 200, "application/json", { items: [{ id: "x" }] })).not.toEqual([]);
  });

  it("conforms for every endpoint, as the entitled chair sees it", async () => {
    const paths = [
      "/issues?limit=2",
      `/issues/${w.secret}`,
      `/issues/${w.inDiscussion}/events?limit=3`,
      "/documents?group=iotops&limit=2",
      `/documents/${DOC.mudRats}`,
      "/groups?limit=5",
      "/groups/iotops",
      "/meetings",
      "/meetings/131",
      `/sessions/${w.sessionId}`,
      "/report?from=2020-01-01&to=2040-12-31",
    ];
    expect(new Set(paths.map((p) => route(p.split("?")[0]!).ep.operationId)).size).toBe(
      ENDPOINTS.length,
    );
    for (const p of paths) {
      const r = await get(p, { token: tokens.iotopsChair });
      expect([p, r.status]).toEqual([p, 200]);
      expect([p, conforms(r.ep, 200, "application/json", r.body)]).toEqual([p, []]);
    }
  });

  it("follows cursors through every page without repeats", async () => {
    const seen: unknown[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : "";
      const r = await get(`/groups?limit=7${q}`);
      expect(r.status).toBe(200);
      seen.push(...(r.body.items as { acronym: string }[]).map((g) => g.acronym));
      cursor = r.body.nextCursor as string | null;
      pages++;
    } while (cursor && pages < 100);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    const events1 = await get(`/issues/${w.dispatched}/events?limit=2`);
    const events2 = await get(
      `/issues/${w.dispatched}/events?limit=2&cursor=${events1.body.nextCursor as string}`,
    );
    const ids = [
      ...(events1.body.items as { id: number }[]),
      ...(events2.body.items as { id: number }[]),
    ].map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(4);
  });

  describe("the confidential issue", () => {
    const barred = ["anonymous", "contributor", "unverified", "otherChair"] as const;
    const entitled = ["iotopsChair", "secretariat", "submitter", "ad"] as const;
    const as = (role: string): Call => (role === "anonymous" ? {} : { token: tokens[role] });

    it.each(entitled)(
      "is visible to %s in the list, by number and in its timeline",
      async (role) => {
        const list = await get(`/issues?q=${SECRET_WORDS[0]}`, as(role));
        expect((list.body.items as { id: number }[]).map((i) => i.id)).toEqual([w.secret]);
        expect((await get(`/issues/${w.secret}`, as(role))).status).toBe(200);
        expect((await get(`/issues/${w.secret}/events`, as(role))).status).toBe(200);
      },
    );

    it.each(barred)("leaves no trace for %s: list, one, timeline, report", async (role) => {
      const c = as(role);
      const list = await get(`/issues?q=${SECRET_WORDS[0]}`, c);
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([]);
      const all = await get("/issues?limit=100&sort=oldest", c);
      expect(leaks(all.text)).toBe(false);
      for (const path of [`/issues/${w.secret}`, `/issues/${w.secret}/events`]) {
        const hidden = await get(path, c);
        const missing = await get(path.replace(String(w.secret), "4613999"), c);
        expect(hidden.status).toBe(404);
        expect(hidden.res.headers.get("content-type")).toBe("application/problem+json");
        // The number the caller asked for is echoed, as for any number; nothing else of it.
        expect(leaks(hidden.text.replaceAll(String(w.secret), ""))).toBe(false);
        // Exactly the answer for a number that does not exist.
        const strip = (b: Record<string, unknown>) =>
          JSON.stringify({
            ...b,
            detail: String(b.detail).replace(/\d+/g, "N"),
            instance: 0,
            requestId: 0,
          });
        expect(strip(hidden.body)).toBe(strip(missing.body));
      }
      for (const p of [`/documents/${DOC.mudRats}`, `/sessions/${w.sessionId}`, "/meetings/131"]) {
        expect(leaks((await get(p, c)).text)).toBe(false);
      }
      const report = await get("/report?from=2020-01-01&to=2040-12-31", c);
      const chairs = await get("/report?from=2020-01-01&to=2040-12-31", as("iotopsChair"));
      expect(report.body).toEqual(chairs.body);
    });
  });

  describe("personal tokens", () => {
    it("act as their person, record their last use, and stop working when revoked", async () => {
      const made = await createApiToken(t.db, w.cast.iotopsChair, { name: "triage export" });
      expect(made.token).toMatch(/^iotops_[A-Za-z0-9_-]{43}$/);
      const before = (await listApiTokens(t.db, w.cast.iotopsChair)).find((x) => x.id === made.id)!;
      expect(before.lastUsedAt).toBeNull();
      expect(JSON.stringify(before)).not.toContain(made.token);
      expect((await get(`/issues/${w.secret}`, { token: made.token })).status).toBe(200);
      const after = (await listApiTokens(t.db, w.cast.iotopsChair)).find((x) => x.id === made.id)!;
      expect(after.lastUsedAt).toBeInstanceOf(Date);

      await revokeApiToken(t.db, w.cast.iotopsChair, { id: made.id });
      const refused = await get("/issues", { token: made.token });
      expect(refused.status).toBe(401);
      expect(refused.res.headers.get("content-type")).toBe("application/problem+json");
      expect(refused.res.headers.get("www-authenticate")).toContain("Bearer");
      expect(conforms(refused.ep, 401, "application/problem+json", refused.body)).toEqual([]);
      const recorded = await t.db
        .select({ type: events.type })
        .from(events)
        .where(
          and(
            eq(events.subjectType, "person"),
            eq(events.subjectKey, String(w.cast.iotopsChair.personId)),
          ),
        );
      expect(recorded.map((e) => e.type)).toEqual(
        expect.arrayContaining(["api-token-created", "api-token-revoked"]),
      );
    });

    it("are read whatever the case of the scheme name (RFC 9110, 11.1)", async () => {
      const made = await createApiToken(t.db, w.cast.iotopsChair, { name: "any case" });
      for (const scheme of ["Bearer", "bearer", "BEARER"]) {
        const r = await get(`/issues/${w.secret}`, { authorization: `${scheme} ${made.token}` });
        expect([scheme, r.status]).toEqual([scheme, 200]);
      }
    });

    it("cannot be revoked by anyone else", async () => {
      const made = await createApiToken(t.db, w.cast.iotopsChair, { name: "mine" });
      await expect(revokeApiToken(t.db, w.cast.bob, { id: made.id })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      expect((await get(`/issues/${w.secret}`, { token: made.token })).status).toBe(200);
    });

    it.each([
      ["an unknown token", "Bearer iotops_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
      ["another scheme", "Basic dXNlcjpwYXNz"],
      ["an empty bearer", "Bearer "],
      ["a token with a space", "Bearer iotops_a b"],
    ])("refuse %s with a 401 problem", async (_what, authorization) => {
      const r = await get("/issues", { authorization });
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ status: 401, code: "UNAUTHENTICATED", type: "about:blank" });
    });

    it("a signed-in session sees what its person may see", async () => {
      expect((await get(`/issues/${w.secret}`, { session: w.cast.iotopsChair })).status).toBe(200);
      expect((await get(`/issues/${w.secret}`, { session: w.cast.bob })).status).toBe(404);
    });
  });

  it.each([
    ["an id over 2^31", "/issues/2147483648"],
    ["an id that is not a number", "/issues/12abc"],
    ["a negative id", "/issues/-1"],
    ["a session id far out of range", "/sessions/99999999999"],
    ["a NUL byte in the search", "/issues?q=a%00b"],
    ["a huge search", `/issues?q=${"x".repeat(5000)}`],
    ["an odd key", "/issues?toString=1"],
    ["__proto__ as a key", "/issues?__proto__=1"],
    ["a repeated scalar", "/issues?limit=2&limit=3"],
    ["a limit of 0", "/issues?limit=0"],
    ["an unknown state", "/issues?state=bogus"],
    ["a forged cursor", "/issues?cursor=eyJjIjoiMjAyMC0wMi0zMVQwMDowMDowMFoiLCJpZCI6MX0"],
    ["a cursor that is not base64url", "/issues?cursor=%2F%2F%2F"],
    ["a bad offset cursor", "/documents?cursor=eyJvIjotMX0"],
    ["a bad events cursor", `/issues/1/events?cursor=bm9wZQ`],
    ["an impossible date", "/report?from=2020-02-31"],
    ["a reversed range", "/report?from=2030-01-01&to=2020-01-01"],
    ["a NUL in a document name", "/documents/draft-a%00b"],
    ["a meeting number out of range", "/meetings/1000"],
  ])("answers %s with a 400 problem", async (_what, path) => {
    const r = await get(path);
    expect([path, r.status]).toEqual([path, 400]);
    expect(r.res.headers.get("content-type")).toBe("application/problem+json");
    expect(r.body).toMatchObject({ status: 400, title: "Bad request" });
    expect(conforms(r.ep, 400, "application/problem+json", r.body)).toEqual([]);
  });

  it("answers an unknown resource with a 404 problem", async () => {
    for (const p of [
      "/issues/4613999",
      "/documents/draft-nobody-nothing",
      "/groups/nogroup",
      "/meetings/999",
      "/sessions/424242",
    ]) {
      const r = await get(p);
      expect([p, r.status, r.res.headers.get("content-type")]).toEqual([
        p,
        404,
        "application/problem+json",
      ]);
    }
  });

  describe("rate limits", () => {
    it("count per client address, with RateLimit headers and a 429 problem with Retry-After", async () => {
      const th = throttle({ "api-ip": { points: 3, durationS: 60 } });
      const seen: string[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await get("/groups?limit=1", { th, ip: "192.0.2.7" });
        expect(r.status).toBe(200);
        seen.push(r.res.headers.get("ratelimit")!);
        expect(r.res.headers.get("ratelimit-policy")).toBe('"default";q=3;w=60');
      }
      expect(seen.map((h) => /r=(\d+)/.exec(h)![1])).toEqual(["2", "1", "0"]);
      const over = await get("/groups?limit=1", { th, ip: "192.0.2.7" });
      expect(over.status).toBe(429);
      expect(over.res.headers.get("content-type")).toBe("application/problem+json");
      expect(Number(over.res.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(over.res.headers.get("ratelimit")).toMatch(/^"default";r=0;t=\d+$/);
      // Another address, and a token, have their own counts.
      expect((await get("/groups?limit=1", { th, ip: "192.0.2.8" })).status).toBe(200);
      expect(
        (await get("/groups?limit=1", { th, ip: "192.0.2.7", token: tokens.contributor })).status,
      ).toBe(200);
    });

    it("count per token, and unknown tokens against the address", async () => {
      const th = throttle({
        "api-token": { points: 2, durationS: 60 },
        "api-ip": { points: 2, durationS: 60 },
      });
      const { token } = await createApiToken(t.db, w.cast.opsAd, { name: "busy script" });
      const other = await createApiToken(t.db, w.cast.opsAd, { name: "quiet script" });
      expect((await get("/groups", { th, token, ip: "198.51.100.1" })).status).toBe(200);
      expect((await get("/groups", { th, token, ip: "198.51.100.2" })).status).toBe(200);
      expect((await get("/groups", { th, token, ip: "198.51.100.3" })).status).toBe(429);
      // The person's other token has its own count.
      expect((await get("/groups", { th, token: other.token, ip: "198.51.100.3" })).status).toBe(
        200,
      );
      const guess = { th, ip: "198.51.100.9", authorization: "Bearer iotops_guess" };
      expect((await get("/groups", guess)).status).toBe(401);
      expect((await get("/groups", guess)).status).toBe(401);
      expect((await get("/groups", guess)).status).toBe(429);
    });

    it.runIf(testDbKind() === "postgres")("are shared by app servers on PostgreSQL", async () => {
      const rules = { "api-ip": { points: 4, durationS: 60 } };
      const servers = [throttle(rules), throttle(rules)];
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        statuses.push((await get("/groups", { th: servers[i % 2], ip: "203.0.113.5" })).status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    });
  });
});
