import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { createContext } from "~/server/api/context";
import { createCaller } from "~/server/api/root";

const context = cache(createContext);

/**
 * The server-side caller: server components go through the same routers, and so
 * the same policy checks, as the browser.
 */
export const api = cache(async () => createCaller(await context()));
/**
 * The signed-in person's inbox, once per request: the header's count and the
 * home page's sections come from the same computation.
 */
export const myWork = cache(async () => (await api()).inbox.myWork());
/** The signed-in actor for this request, or null. */
export const currentActor = cache(async () => (await context()).actor);

/**
 * Await a lookup by URL segment and turn NOT_FOUND into the 404 page. A segment
 * the input schema refuses (BAD_REQUEST) names nothing that exists, so it is a
 * 404 too, never a 500.
 */
export async function orNotFound<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST")) notFound();
    throw e;
  }
}

export type Guarded<T> =
  { ok: true; data: T } | { ok: false; reason: "forbidden"; message: string };

/**
 * Await a query for a role-restricted page: anonymous visitors are sent to sign
 * in; signed-in people without the role get a `forbidden` result to render.
 */
export async function guarded<T>(p: Promise<T>, returnTo: string): Promise<Guarded<T>> {
  try {
    return { ok: true, data: await p };
  } catch (e) {
    if (e instanceof TRPCError && e.code === "UNAUTHORIZED") {
      redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
    }
    if (e instanceof TRPCError && e.code === "FORBIDDEN") {
      return { ok: false, reason: "forbidden", message: e.message };
    }
    if (e instanceof TRPCError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}
