import "server-only";
import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { sessionClaims } from "../auth";
import { clientAddress } from "../auth/throttle";
import { loadActor } from "../auth/load-actor";
import { reportFailure, UNAVAILABLE_MESSAGE } from "../availability";
import { getDatabase } from "../db";
import type { MaybeActor } from "../domain/permissions/actor";
import type { Db, DbMode } from "~/db/client";

export interface Context {
  db: Db;
  dbMode: DbMode;
  actor: MaybeActor;
  requestId: string;
  /** The client's address, for throttling sign-up (absent in server-side callers' tests). */
  clientIp?: string;
}

/** Build the request context: the database and the Actor from the session (roles read fresh). */
export async function createContext(): Promise<Context> {
  try {
    const [database, session] = await Promise.all([getDatabase(), sessionClaims()]);
    const actor = session ? await loadActor(database.db, session.personId, session) : null;
    return {
      db: database.db,
      dbMode: database.mode,
      actor,
      requestId: randomUUID(),
      clientIp: clientAddress(await headers()),
    };
  } catch (err) {
    if (reportFailure(err))
      throw new TRPCError({
        code: "SERVICE_UNAVAILABLE",
        message: UNAVAILABLE_MESSAGE,
        cause: err,
      });
    throw err;
  }
}
