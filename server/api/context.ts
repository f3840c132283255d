import "server-only";
import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { sessionPersonId } from "../auth";
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
}

/** Build the request context: the database and the Actor from the session (roles read fresh). */
export async function createContext(): Promise<Context> {
  try {
    const [database, personId] = await Promise.all([getDatabase(), sessionPersonId()]);
    const actor = personId ? await loadActor(database.db, personId) : null;
    return { db: database.db, dbMode: database.mode, actor, requestId: randomUUID() };
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
