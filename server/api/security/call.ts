/** Calling any procedure by its dotted path, as a given actor (test-only). */
import { TRPCError } from "@trpc/server";
import type { Db, DbMode } from "~/db/client";
import { createThrottle, type Throttle } from "~/server/auth/throttle";
import { isDomainError } from "~/server/domain/errors";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { createCaller } from "../root";

/** What a call came to: "ok", a tRPC error code, or "CRASH: ..." for anything else. */
export type Outcome = string;

class Rollback extends Error {}

/**
 * A tRPC call as an HTTP request to the handler, the way the browser's client
 * sends it: a query's input in the URL, a mutation's as a JSON body. `encoded` is
 * the input already written in the wire's request format.
 */
export function trpcRequest(path: string, type: string, encoded: string): Request {
  const url = `http://localhost/api/trpc/${path}`;
  return type === "query"
    ? new Request(`${url}?input=${encodeURIComponent(encoded)}`)
    : new Request(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: encoded,
      });
}

/**
 * The answer with a streamed download's parts read into one text, as the client
 * receives it (see `Download`): the parts are read only when someone reads them,
 * so a check that never read them would see nothing of the file, and a failure
 * while writing it would go unnoticed.
 */
async function received(data: unknown): Promise<unknown> {
  if (typeof data !== "object" || data === null || !("body" in data)) return data;
  const body: unknown = data.body;
  if (typeof body !== "object" || body === null || !(Symbol.asyncIterator in body)) return data;
  let text = "";
  for await (const part of body as AsyncIterable<string>) text += part;
  return { ...data, body: text };
}

/**
 * Start with no brute-force counts: they live outside the database transaction
 * (in memory here), so without this a sign-up tried by one role would count
 * against the next.
 */
function freshThrottle(): void {
  (globalThis as { __iotopsThrottle?: Throttle }).__iotopsThrottle = createThrottle({});
}

/**
 * Call `path` with `input`; nothing it writes is kept (the transaction is rolled
 * back, and the brute-force counters start empty).
 */
export async function attempt(
  db: Db,
  mode: DbMode,
  actor: MaybeActor,
  path: string,
  input: unknown,
): Promise<Outcome> {
  let outcome: Outcome = "not run";
  freshThrottle();
  try {
    await db.transaction(async (tx) => {
      // A transaction is a Db for every service (they open savepoints inside it).
      const caller = createCaller({ db: tx, dbMode: mode, actor, requestId: "t" });
      let fn: unknown = caller;
      for (const part of path.split(".")) fn = (fn as Record<string, unknown>)[part];
      try {
        await received(await (fn as (i: unknown) => Promise<unknown>)(input));
        outcome = "ok";
      } catch (e) {
        outcome = e instanceof TRPCError ? e.code : `CRASH: ${String(e)}`;
      }
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return outcome;
}

/** What a read came to, as its caller receives it: the data, or the error's code, message and detail. */
export type Answer =
  { ok: true; data: unknown } | { ok: false; code: string; message: string; domain: unknown };

async function answerOf(
  ctx: Parameters<typeof createCaller>[0],
  path: string,
  input: unknown,
): Promise<Answer> {
  let fn: unknown = createCaller(ctx);
  for (const part of path.split(".")) fn = (fn as Record<string, unknown>)[part];
  try {
    return {
      ok: true,
      data: await received(await (fn as (i: unknown) => Promise<unknown>)(input)),
    };
  } catch (e) {
    if (!(e instanceof TRPCError)) throw e;
    // What the error formatter sends: the message and the domain error's code and details.
    const cause = e.cause as { code?: unknown; details?: unknown } | undefined;
    return {
      ok: false,
      code: e.code,
      message: e.message,
      domain: isDomainError(cause) ? { code: cause.code, details: cause.details ?? null } : null,
    };
  }
}

/**
 * Call `path` with `input` and keep what it answered (for confidentiality
 * checks); like `attempt`, nothing it writes is kept. `prepare` runs first in
 * the same transaction, to look at the answer in a changed world.
 */
export async function answer(
  db: Db,
  mode: DbMode,
  actor: MaybeActor,
  path: string,
  input: unknown,
  prepare?: (tx: Db) => Promise<void>,
): Promise<Answer> {
  let got: Answer | undefined;
  freshThrottle();
  try {
    await db.transaction(async (tx: Db) => {
      await prepare?.(tx);
      got = await answerOf({ db: tx, dbMode: mode, actor, requestId: "t" }, path, input);
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  if (!got) throw new Error(`${path} gave no answer`);
  return got;
}

/**
 * A read on the database handle itself, not in a transaction, so that what the
 * app keeps per database handle (the routing engine) is what a request would
 * use. Only for reads: nothing is rolled back.
 */
export async function answerOnHandle(
  db: Db,
  mode: DbMode,
  actor: MaybeActor,
  path: string,
  input: unknown,
): Promise<Answer> {
  freshThrottle();
  return answerOf({ db, dbMode: mode, actor, requestId: "t" }, path, input);
}
