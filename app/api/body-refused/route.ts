import { decide, refusal } from "~/server/http/guard";

/**
 * Where next.config.ts sends a request with a large or chunked body for a page
 * or any route other than tRPC and Auth.js (which check their bodies
 * themselves): it is refused at once, before any of the body is read.
 */
export const dynamic = "force-dynamic";

function refuse(req: Request): Response {
  const decision = decide(req);
  if (!decision.ok) return refusal(decision);
  // A body without Content-Length (chunked): pages and server actions never need one.
  return Response.json(
    { error: { status: 411, message: "Send a Content-Length with the request body." } },
    { status: 411, headers: { connection: "close", "cache-control": "no-store" } },
  );
}

export { refuse as GET, refuse as POST, refuse as PUT, refuse as PATCH, refuse as DELETE };
