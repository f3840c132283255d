/**
 * The route handlers under app/api/v1 as Next.js calls them: each file serves
 * its operation, with the request's address and session, and the OpenAPI
 * document lists exactly the operations that have a route.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { buildWorld, SECRET_NUMBER, type World } from "../security/world";
import { ENDPOINTS } from "./endpoints";

const state = vi.hoisted(() => ({
  db: null as unknown,
  session: null as null | { personId: number; sessionVersion: number; sessionId: null },
}));
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "192.0.2.200" }),
}));
vi.mock("~/server/db", () => ({ getDatabase: async () => state.db }));
vi.mock("~/server/auth", () => ({ sessionClaims: async () => state.session }));

let t: TestDatabase;
let w: World;

/** Route files that are not operations: the document, and the answer for any other path. */
const NOT_OPERATIONS = ["/openapi.json", "/[...path]"];

type Handler = (
  req: Request,
  ctx: { params?: Promise<Record<string, string>> },
) => Promise<Response>;

/** The app/api/v1 route files, as URL templates ("/issues/[id]/events"). */
function routeFiles(dir = path.resolve("app/api/v1"), prefix = ""): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...routeFiles(full, `${prefix}/${name}`));
    else if (name === "route.ts") out.push(prefix);
  }
  return out.sort();
}

async function call(template: string, params: Record<string, string>, query = "") {
  const mod = (await import(`~/app/api/v1${template}/route`)) as { GET: Handler };
  const url = `http://localhost/api/v1${template.replace(/\[(\w+)\]/g, (_m, n: string) => params[n]!)}${query}`;
  const noParams = Object.keys(params).length === 0;
  return mod.GET(new Request(url), noParams ? {} : { params: Promise.resolve(params) });
}

describe(`app/api/v1 route handlers on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    w = await buildWorld(t.db);
    state.db = t;
  }, 300_000);
  afterAll(async () => t?.destroy());

  it("has a route for every operation of the OpenAPI document, and no other", () => {
    const templates = ENDPOINTS.map((e) => e.path.replace(/\{(\w+)\}/g, "[$1]"));
    expect(routeFiles().filter((r) => !NOT_OPERATIONS.includes(r))).toEqual([...templates].sort());
  });

  it("serves each operation through its route, as Next.js calls it", async () => {
    const params: Record<string, Record<string, string>> = {
      "/issues/[id]": { id: String(w.submitted) },
      "/issues/[id]/events": { id: String(w.submitted) },
      "/documents/[name]": { name: "draft-ietf-iotops-mud-rats" },
      "/groups/[acronym]": { acronym: "iotops" },
      "/meetings/[number]": { number: "131" },
      "/sessions/[id]": { id: String(w.sessionId) },
    };
    for (const template of routeFiles().filter((r) => !NOT_OPERATIONS.includes(r))) {
      const res = await call(template, params[template] ?? {});
      expect([template, res.status, res.headers.get("content-type")]).toEqual([
        template,
        200,
        "application/json",
      ]);
      expect(res.headers.get("ratelimit")).toMatch(/^"default";r=\d+;t=\d+$/);
    }
  });

  it("uses the request's session: the entitled chair sees the confidential issue, nobody else", async () => {
    const id = { id: String(SECRET_NUMBER) };
    state.session = null;
    expect((await call("/issues/[id]", id)).status).toBe(404);
    state.session = { personId: w.cast.bob.personId, sessionVersion: 1, sessionId: null };
    expect((await call("/issues/[id]", id)).status).toBe(404);
    state.session = { personId: w.cast.iotopsChair.personId, sessionVersion: 1, sessionId: null };
    expect((await call("/issues/[id]", id)).status).toBe(200);
    state.session = null;
  });

  it("answers a path that names no operation with problem details, not the HTML 404 page", async () => {
    const { GET } = await import("~/app/api/v1/[...path]/route");
    for (const path of ["/api/v1/issue", "/api/v1/issues/1/comments", "/api/v1/%00"]) {
      const res = GET(new Request(`http://localhost${path}`));
      expect([path, res.status, res.headers.get("content-type")]).toEqual([
        path,
        404,
        "application/problem+json",
      ]);
      expect(await res.json()).toMatchObject({ status: 404, code: "NOT_FOUND", instance: path });
    }
  });

  it("serves the OpenAPI 3.1 document", async () => {
    const { GET } = await import("~/app/api/v1/openapi.json/route");
    const res = GET();
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).length).toBe(ENDPOINTS.length);
  });
});
