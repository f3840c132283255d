/**
 * The wire format (server/api/transformer.ts) carries every answer of every
 * procedure as its caller got it: for each procedure's valid input and each of
 * three readers, what the procedure returned comes back equal (Dates as Dates,
 * `undefined` kept) through the output transformer and JSON, and over the real
 * HTTP handler the answer is never a 5xx and reads back with the same
 * deserialiser, refusals included. Mutations run in a rolled-back transaction.
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { appRouter } from "./root";
import { answer, trpcRequest } from "./security/call";
import { buildWorld, procedures, validInputs, type World } from "./security/world";
import { deserializeOutput, serializeOutput } from "./transformer";

let t: TestDatabase;
let w: World;
/** The procedures whose answer to some reader went through the round trip. */
const carriedPaths = new Set<string>();

class Rollback extends Error {}

/** The same call over the HTTP handler, as the browser's client sends it. */
async function overHttp(actor: MaybeActor, path: string, type: string, input: unknown) {
  const req = trpcRequest(path, type, JSON.stringify(superjson.serialize(input)));
  let res: Response | undefined;
  try {
    await t.db.transaction(async (tx) => {
      res = await fetchRequestHandler({
        endpoint: "/api/trpc",
        req,
        router: appRouter,
        createContext: async () => ({ db: tx, dbMode: t.mode, actor, requestId: "wire" }),
        onError: () => {},
      });
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return res!;
}

describe(`the wire format on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    w = await buildWorld(t.db);
  }, 300_000);
  afterAll(async () => t?.destroy());

  it("a Date, a Map, a Set, undefined and a repeated object come back as they went", () => {
    const shared = { n: 1 };
    const value = {
      at: new Date("2026-12-06T04:00:00.123Z"),
      byId: new Map([[1, "a"]]),
      tags: new Set(["x"]),
      missing: undefined,
      pair: [shared, shared],
    };
    const back = deserializeOutput(JSON.parse(JSON.stringify(serializeOutput(value)))) as {
      at: Date;
      pair: unknown[];
    } & Record<string, unknown>;
    expect(back).toEqual(value);
    expect(back.at).toBeInstanceOf(Date);
    expect("missing" in back).toBe(true);
    expect(back.pair[0]).toBe(back.pair[1]);
  });

  for (const { path, type } of procedures()) {
    if (type === "subscription") continue;
    it(`${path}: every reader's answer survives the wire`, async () => {
      const input = validInputs(w)[path];
      let carried = 0;
      for (const actor of [w.cast.secretariat, w.cast.alice, null]) {
        // A download's streamed parts are read into its text, as the route sends them.
        const got = await answer(t.db, t.mode, actor, path, input);
        if (got.ok) {
          const text = JSON.stringify(serializeOutput(got.data));
          expect(deserializeOutput(JSON.parse(text))).toEqual(got.data);
          carried++;
        }
        const res = await overHttp(actor, path, type, input);
        const body = (await res.json()) as { result?: { data: unknown }; error?: unknown };
        expect(res.status, JSON.stringify(body).slice(0, 300)).toBeLessThan(500);
        if (res.status === 200) {
          expect(body.result).toBeDefined();
          deserializeOutput(body.result!.data);
        } else {
          const error = deserializeOutput(body.error) as { data: { httpStatus: number } };
          expect(error.data.httpStatus).toBe(res.status);
        }
      }
      if (carried > 0) carriedPaths.add(path);
    });
  }

  it("most procedures gave some reader an answer to carry (the checks above were not all skipped)", () => {
    const queries = procedures().filter((p) => p.type === "query").length;
    expect(carriedPaths.size).toBeGreaterThan(queries / 2);
  });
});
