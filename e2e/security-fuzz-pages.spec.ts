import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { expect, test } from "./fixtures/personas";
import { signIn } from "./pages/session";

/**
 * Property-based fuzz of every page and route handler under app/ (docs/security.md):
 * malformed path segments and search params, signed out and as the IOTOPS chair,
 * must never get a 5xx. A fixed seed keeps runs repeatable; on a failure
 * fast-check prints the shrunk counterexample and the seed.
 */

/**
 * Every route under app/, as Next.js names it. The guard test below fails when a
 * page.tsx or route.ts is added without being listed here.
 */
const ROUTES = [
  "/",
  "/admin/import",
  "/admin/outbox",
  "/admin/roles",
  "/admin/sync",
  "/api/auth/[...nextauth]",
  "/api/body-refused",
  "/api/docs",
  "/api/health",
  "/api/trpc/[trpc]",
  "/api/v1/[...path]",
  "/api/v1/documents",
  "/api/v1/documents/[name]",
  "/api/v1/groups",
  "/api/v1/groups/[acronym]",
  "/api/v1/issues",
  "/api/v1/issues/[id]",
  "/api/v1/issues/[id]/events",
  "/api/v1/meetings",
  "/api/v1/meetings/[number]",
  "/api/v1/openapi.json",
  "/api/v1/report",
  "/api/v1/sessions/[id]",
  "/doc/[name]",
  "/doc/[name]/[rev]",
  "/documents",
  "/documents/[name]",
  "/exports/groups/[acronym]/documents",
  "/exports/issues",
  "/exports/meetings/[number]/dates.ics",
  "/exports/my-sessions.ics",
  "/exports/report",
  "/exports/sessions/[file]",
  "/exports/triage",
  "/favicon.ico",
  "/feeds/documents/[name]",
  "/feeds/groups/[acronym]",
  "/feeds/issues/[id]",
  "/group/[acronym]/[[...rest]]",
  "/groups",
  "/groups/[acronym]",
  "/issues",
  "/issues/[id]",
  "/issues/[id]/edit",
  "/issues/new",
  "/meeting/[number]/[[...rest]]",
  "/meetings",
  "/meetings/[number]",
  "/meetings/[number]/sessions/[id]",
  "/meetings/[number]/sessions/[id]/agenda.md",
  "/meetings/[number]/sessions/[id]/agenda.txt",
  "/notifications",
  "/report",
  "/review",
  "/search",
  "/settings",
  "/signin",
  "/signin/datatracker",
  "/signup",
  "/triage",
  "/unsubscribe",
  "/unsubscribe/one-click",
  "/verify-email",
  "/wg/[acronym]/[[...rest]]",
] as const;

/** The routes Next.js serves from app/: page.tsx and route.ts, minus private (_) folders. */
function routesOnDisk(): string[] {
  const app = fileURLToPath(new URL("../app", import.meta.url));
  return readdirSync(app, { recursive: true, encoding: "utf8" })
    .map((f) => f.split("\\").join("/"))
    .filter((f) => /(^|\/)(page\.tsx|route\.ts)$/.test(f))
    .map((f) => f.split("/").slice(0, -1))
    .filter((segments) => !segments.some((s) => s.startsWith("_")))
    .map((segments) => `/${segments.filter((s) => !/^\(.*\)$/.test(s)).join("/")}`)
    .sort();
}

/** Malformed and edge-case path segments, already in URL form. */
const BAD_SEGMENTS = [
  "0",
  "-1",
  "2147483647",
  "2147483648",
  "4294967296",
  "9223372036854775808",
  "99999999999999999999999",
  "1e3",
  "0x10",
  "1.5",
  "NaN",
  "Infinity",
  "%20",
  "%00",
  "a%00b",
  "%E0%A4%A",
  "%ED%A0%80",
  "%ED%B0%80x",
  "%C0%AF",
  "%FF%FE",
  "%",
  "%%",
  "%zz",
  "..",
  "%2e%2e",
  "%2F",
  "..%2F..%2Fetc%2Fpasswd",
  "%E2%80%AEgpj.exe",
  "%F0%9D%92%B3",
  "%C3%BC",
  "__proto__",
  "constructor",
  "x".repeat(3_000),
  "%41".repeat(1_000),
  // Valid-looking values, so the fuzz also reaches the code behind the checks.
  "1",
  "131",
  "999",
  "iotops",
  "suit",
  "draft-ietf-suit-manifest",
  "rfc9019",
  "25",
];

/** Odd query keys and values, already in URL form. */
const BAD_KEYS = [
  "q",
  "cursor",
  "state",
  "sort",
  "group",
  "chair",
  "minAge",
  "from",
  "to",
  "offset",
  "page",
  "area",
  "token",
  "email",
  "callbackUrl",
  "error",
  "input",
  "batch",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "prototype",
  "a[b]",
  "%00",
  "%E0%A4%A",
  "",
];
const BAD_VALUES = [
  "",
  "0",
  "-4",
  "2147483648",
  "9223372036854775808",
  "2020-02-31",
  "2026-13-01",
  "0000-00-00",
  "9999-99-99T99:99",
  "not-a-date",
  "garbage",
  "eyJpZCI6LTF9",
  "%7B%22id%22%3A%22x%22%7D",
  "%00",
  "a%00b",
  "%E0%A4%A",
  "%ED%A0%80",
  "%",
  "%E2%80%AE",
  "null",
  "undefined",
  "[]",
  "%5B%5D",
  "true",
  "x".repeat(3_000),
  "%F0%9F%92%A9".repeat(250),
  "http%3A%2F%2Fevil.example",
  "%2F%2Fevil.example",
];

/** A string (lone surrogates included) as a URL component, even where encodeURIComponent refuses. */
function encodeLoosely(s: string): string {
  return Array.from(s)
    .map((c) => {
      try {
        return encodeURIComponent(c);
      } catch {
        return `%ED%${(0xa0 + ((c.charCodeAt(0) >> 6) & 0x1f)).toString(16).toUpperCase()}%80`;
      }
    })
    .join("");
}

const segment = fc.oneof(
  { arbitrary: fc.constantFrom(...BAD_SEGMENTS), weight: 4 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 40 }).map(encodeLoosely), weight: 1 },
  { arbitrary: fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String), weight: 1 },
);
const queryValue = fc.oneof(
  { arbitrary: fc.constantFrom(...BAD_VALUES), weight: 4 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 40 }).map(encodeLoosely), weight: 1 },
  { arbitrary: fc.integer().map(String), weight: 1 },
);
const query = fc
  .array(fc.tuple(fc.constantFrom(...BAD_KEYS), queryValue), { maxLength: 5 })
  .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}` : ""));

/** A URL for `route`: each dynamic segment fuzzed, catch-alls given 0 to 3 segments. */
function urlFor(route: string) {
  const parts = route
    .split("/")
    .filter(Boolean)
    .map((part) => {
      if (/^\[\[\.\.\..+\]\]$/.test(part)) return fc.array(segment, { maxLength: 3 });
      if (/^\[\.\.\..+\]$/.test(part)) return fc.array(segment, { minLength: 1, maxLength: 3 });
      if (/^\[.+\]$/.test(part)) return segment.map((s) => [s]);
      return fc.constant([part]);
    });
  return fc
    .tuple(fc.tuple(...parts), query)
    .map(([segments, q]) => `/${segments.flat().join("/")}${q}`);
}

/**
 * The longest URL tried. Node's HTTP parser (server and this client) allows 16 KiB
 * of headers; a redirect echoes the URL in its Location header, so longer ones
 * only test the client's limit.
 */
const MAX_URL = 8_000;
/**
 * Runs per route and actor (about 40 routes, so some 500 requests each) and the
 * seed; FUZZ_RUNS and FUZZ_SEED override them for a longer exploration.
 */
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_204);

async function expectNo5xx(request: APIRequestContext, url: string) {
  // Redirects are not followed (sign-in goes to the OpenID provider); a 3xx is fine.
  const res = await request.get(url, { maxRedirects: 0, failOnStatusCode: false });
  expect(res.status(), `GET ${url.slice(0, 300)}`).toBeLessThan(500);
}

async function fuzz(request: APIRequestContext) {
  for (const [i, route] of ROUTES.entries()) {
    await fc.assert(
      fc.asyncProperty(
        urlFor(route).filter((url) => url.length <= MAX_URL),
        (url) => expectNo5xx(request, url),
      ),
      { seed: SEED + i, numRuns: RUNS_PER_ROUTE },
    );
  }
}

test.describe("page routes under malformed paths and search params", () => {
  test("every page.tsx and route.ts under app/ is in the fuzzed list", () => {
    expect(routesOnDisk()).toEqual([...ROUTES].sort());
  });

  test("no route answers 5xx, signed out", async ({ request }) => {
    await fuzz(request);
  });

  test("no route answers 5xx for the IOTOPS chair", async ({ page }) => {
    await signIn(page, "chair");
    await fuzz(page.request);
  });
});
