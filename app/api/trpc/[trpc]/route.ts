import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "~/server/api/root";
import { createContext } from "~/server/api/context";
import { retryAfterOf } from "~/server/api/errors";

export const dynamic = "force-dynamic";

const handler = (req: Request) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext,
    responseMeta({ errors }) {
      // A throttled call (429) says when to try again.
      const retryAfter = errors.map(retryAfterOf).find((s) => s !== null);
      return retryAfter ? { headers: new Headers({ "Retry-After": String(retryAfter) }) } : {};
    },
  });

export { handler as GET, handler as POST };
