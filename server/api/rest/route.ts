import "server-only";
import { headers } from "next/headers";
import { sessionClaims } from "../../auth";
import { clientAddress, throttle } from "../../auth/throttle";
import { getDatabase } from "../../db";
import { endpoint } from "./endpoints";
import { problemOf, problemResponse } from "./problem";
import { serveRest } from "./serve";

/** Next.js passes no params to a route without dynamic segments. */
type RouteContext = { params?: Promise<Record<string, string | string[] | undefined>> };

/** The Next.js `GET` handler of one public API operation (see endpoints.ts). */
export function restRoute(operationId: string) {
  const ep = endpoint(operationId);
  return async function GET(req: Request, ctx: RouteContext): Promise<Response> {
    try {
      const database = await getDatabase();
      return await serveRest(req, ep, (await ctx.params) ?? {}, {
        db: database.db,
        dbMode: database.mode,
        throttle: throttle(),
        session: sessionClaims,
        clientIp: clientAddress(await headers()),
      });
    } catch (err) {
      return problemResponse({ ...problemOf(err, "-"), instance: new URL(req.url).pathname });
    }
  };
}
