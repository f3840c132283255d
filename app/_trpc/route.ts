import "server-only";
import { TRPCError } from "@trpc/server";
import { createContext } from "~/server/api/context";
import { createCaller } from "~/server/api/root";

type Caller = ReturnType<typeof createCaller>;

/**
 * For route handlers that serve something other than JSON (feeds, agenda
 * exports): the same context, actor and routers as tRPC, so the same policy
 * checks. `read` returns the body; a missing or malformed resource is a 404.
 */
export async function textRoute(
  contentType: string,
  read: (api: Caller) => Promise<string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  try {
    const body = await read(createCaller(await createContext()));
    return new Response(body, {
      headers: { ...headers, "content-type": `${contentType}; charset=utf-8` },
    });
  } catch (e) {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST")) {
      return new Response("Not found", { status: 404 });
    }
    throw e;
  }
}
