import { problemResponse } from "~/server/api/rest/problem";

export const dynamic = "force-dynamic";

/**
 * Any path under /api/v1 that names no operation: problem details, as every
 * other API error, rather than the HTML page of a missing page.
 */
function noSuchOperation(req: Request): Response {
  return problemResponse({
    status: 404,
    detail:
      "There is no API operation at this address. The operations are listed in /api/v1/openapi.json.",
    code: "NOT_FOUND",
    instance: new URL(req.url).pathname,
  });
}

export { noSuchOperation as GET, noSuchOperation as HEAD };
