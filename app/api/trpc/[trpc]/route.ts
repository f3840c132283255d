import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPC_MAX_BATCH_SIZE } from "~/server/domain/http/request-guard";
import { appRouter } from "~/server/api/root";
import { createContext } from "~/server/api/context";
import { guarded } from "~/server/http/guard";
import { retryAfterOf } from "~/server/api/errors";

export const dynamic = "force-dynamic";

// guarded: the CSRF, JSON-only and body-size checks of proxy.ts, for requests it does not see.
const handler = guarded(
  (req: Request) =>
    fetchRequestHandler({
      endpoint: "/api/trpc",
      req,
      router: appRouter,
      createContext,
      maxBatchSize: TRPC_MAX_BATCH_SIZE,
      responseMeta({ errors }) {
        // A throttled call (429) says when to try again.
        const retryAfter = errors.map(retryAfterOf).find((s) => s !== null);
        return retryAfter ? { headers: new Headers({ "Retry-After": String(retryAfter) }) } : {};
      },
    }),
  (req, body) =>
    new Request(req.url, { method: req.method, headers: req.headers, body, signal: req.signal }),
);

export { handler as GET, handler as POST };
