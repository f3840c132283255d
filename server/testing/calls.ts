/**
 * Test helpers for every area: calling the API as someone, as a request would,
 * and expecting a refusal with a given domain error code. Test-only.
 */
import { expect } from "vitest";
import type { Db, DbMode } from "~/db/client";
import { createCaller } from "~/server/api/root";
import { DomainError, type DomainErrorCode } from "~/server/domain/errors";
import type { MaybeActor } from "~/server/domain/permissions/actor";

/** Await a promise that must reject with a DomainError of `code`; returns the error. */
export async function expectDomainError(
  promise: Promise<unknown>,
  code: DomainErrorCode,
  message?: RegExp,
): Promise<DomainError> {
  let caught: unknown = undefined;
  let resolved = false;
  try {
    await promise;
    resolved = true;
  } catch (e) {
    caught = e;
  }
  expect(resolved, `expected a ${code} DomainError, but the call succeeded`).toBe(false);
  expect(caught).toBeInstanceOf(DomainError);
  const err = caught as DomainError;
  expect({ code: err.code, message: err.message }).toMatchObject({ code });
  if (message) expect(err.message).toMatch(message);
  return err;
}

/** A tRPC caller for `actor`, as a request would see the API. */
export function callerFor(db: Db, mode: DbMode, actor: MaybeActor) {
  return createCaller({ db, dbMode: mode, actor, requestId: "test" });
}
