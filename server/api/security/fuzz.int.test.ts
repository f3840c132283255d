/**
 * Malformed input never becomes a server error: generated hostile values are
 * sent to every procedure through the real HTTP handler (so the error formatter
 * runs too), both as the secretariat (who passes most permission checks, so the
 * input reaches the services) and anonymously. Any 5xx, or an
 * INTERNAL_SERVER_ERROR in the body, fails the test with the input that caused it.
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { appRouter } from "../root";
import { trpcRequest } from "./call";
import { buildWorld, procedures, validInputs, type World } from "./world";

/** Runs per procedure and actor: enough to vary every field, small enough for `npm test`. */
const RUNS = 12;

const hostileString = fc.oneof(
  fc.constant("x".repeat(300_000)),
  fc.constant("a\u0000b"),
  fc.constant("\uD800"),
  fc.constant("tail\uDC00"),
  fc.constant("\u202Egnp.exe"),
  fc.constant("2020-02-31"),
  fc.constant("9999-99-99"),
  fc.constant("%E0%A4%A"),
  fc.constant("<script>alert(1)</script>"),
  fc.constant("' or 1=1 --"),
  fc.constant("__proto__"),
  fc.constant("constructor"),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
);
const hostileNumber = fc.oneof(
  fc.constantFrom(0, -1, 2 ** 31, 2 ** 31 - 1, 2 ** 53, -(2 ** 63), 1e308, 0.5, -0),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY),
  fc.double(),
  fc.integer(),
);
const oddKeys = fc.constantFrom(
  "__proto__",
  "toString",
  "constructor",
  "hasOwnProperty",
  "valueOf",
);
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.constantFrom(null, true, false, undefined),
    fc.date({ noInvalidDate: false }),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.oneof(oddKeys, fc.string({ maxLength: 8 })), tie("value"), { maxKeys: 3 }),
    fc.constant(Array.from({ length: 500 }, (_, i) => i)),
  ),
})).value;

/** A valid input with one field (at any depth) replaced, or odd keys added, or a wholly hostile value. */
function mutated(valid: unknown): fc.Arbitrary<unknown> {
  const paths: string[][] = [];
  const walk = (v: unknown, p: string[]) => {
    if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        paths.push([...p, k]);
        walk(child, [...p, k]);
      }
    }
  };
  walk(valid, []);
  const replaceAt = (path: string[], value: unknown): unknown => {
    const copy = structuredClone(valid) as Record<string, unknown>;
    let node = copy;
    for (const k of path.slice(0, -1)) node = node[k] as Record<string, unknown>;
    node[path.at(-1)!] = value;
    return copy;
  };
  const options: fc.Arbitrary<unknown>[] = [hostileValue];
  if (paths.length) {
    options.push(
      fc.tuple(fc.constantFrom(...paths), hostileValue).map(([p, v]) => replaceAt(p, v)),
    );
  }
  if (valid && typeof valid === "object") {
    options.push(
      fc
        .tuple(oddKeys, hostileValue)
        .map(([k, v]) => Object.defineProperty({ ...valid }, k, { value: v, enumerable: true })),
    );
  }
  return fc.oneof(...options);
}

let t: TestDatabase;
let w: World;

async function send(actor: MaybeActor, path: string, type: string, input: unknown) {
  // Written as the wire format by hand (superjson's client side refuses such keys itself).
  const req = trpcRequest(path, type, JSON.stringify({ json: input }));
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => ({ db: t.db, dbMode: t.mode, actor, requestId: "fuzz" }),
    onError: () => {},
  });
  return { status: res.status, body: await res.text() };
}

describe(`malformed input on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    w = await buildWorld(t.db);
  }, 300_000);
  afterAll(async () => t?.destroy());

  it("the probe itself sees a server error when there is one", async () => {
    // A procedure that does not exist is a 404, a valid call a 200: the harness reads statuses.
    expect((await send(null, "issue.nope", "query", {})).status).toBe(404);
    expect((await send(null, "issue.get", "query", { id: w.submitted })).status).toBe(200);
  });

  it.each([
    "issue.get",
    "issue.list",
    "document.get",
    "issue.report",
    "meeting.agenda",
    "meeting.exportAgenda",
    "feed.issue",
    "sync.run",
  ])("%s refuses known-bad values with a 4xx", async (path) => {
    const bad: Record<string, unknown> = {
      "issue.get": { id: 2_147_483_648 },
      "issue.list": { cursor: "eyJjIjoiMjAyMC0wMi0zMVQwMDowMDowMFoiLCJpZCI6MX0" },
      "document.get": { name: "a\u0000b" },
      "issue.report": { from: "2020-02-31" },
      "meeting.agenda": { sessionId: 99_999_999_999 },
      "meeting.exportAgenda": { sessionId: 2_147_483_648, format: "md" },
      "feed.issue": { id: 2_147_483_648 },
      "sync.run": { id: 2_147_483_648 },
    };
    const { status } = await send(w.cast.secretariat, path, "query", bad[path]);
    expect(status).toBe(400);
  });

  it("answers keys such as toString and constructor with a 400, not a crash of the formatter", async () => {
    const { status, body } = await send(w.cast.alice, "issue.saveDraft", "mutation", {
      constructor: "x",
      toString: "y",
    });
    expect(status).toBe(400);
    expect(body).toContain("[constructor]");
  });

  for (const { path, type } of procedures()) {
    it(`${path} never answers 5xx`, async () => {
      const valid = validInputs(w)[path];
      for (const actor of [w.cast.secretariat, null]) {
        await fc.assert(
          fc.asyncProperty(mutated(valid), async (input) => {
            const { status, body } = await send(actor, path, type, input);
            expect(status, body.slice(0, 500)).toBeLessThan(500);
            expect(body).not.toContain("INTERNAL_SERVER_ERROR");
          }),
          { numRuns: RUNS, seed: 20261203, endOnFailure: true },
        );
      }
    });
  }
});
