import { createDocument, type ZodOpenApiOperationObject } from "zod-openapi";
import { ENDPOINTS } from "./endpoints";
import { PROBLEM_CONTENT_TYPE } from "./problem";
import { ProblemSchema } from "./schemas";

export const API_BASE = "/api/v1";

const problem = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
});

const rateLimitHeaders = {
  RateLimit: {
    description: 'Quota left in the current window, e.g. `"default";r=299;t=60`.',
    schema: { type: "string" as const },
  },
  "RateLimit-Policy": {
    description: 'The quota and its window, e.g. `"default";q=300;w=60`.',
    schema: { type: "string" as const },
  },
};

let cached: ReturnType<typeof createDocument> | null = null;

/**
 * The OpenAPI 3.1 document of `/api/v1`, generated from the endpoint table: the
 * query schemas are the routers' input schemas and every response has its schema.
 */
export function openApiDocument() {
  cached ??= createDocument({
    openapi: "3.1.0",
    info: {
      title: "IOTOPS dispatch and document tracker API",
      version: "1.0.0",
      description:
        "Read-only access to issues, their timelines, documents, groups, meetings, sessions and the dispatch report. Anonymous callers see public data; with a personal API token (Settings → API tokens) sent as `Authorization: Bearer <token>`, or a signed-in session, the caller also sees what that person may see. Lists are paginated: pass `nextCursor` as `cursor`. Errors are RFC 9457 problem details.",
    },
    servers: [{ url: API_BASE }],
    security: [{}, { bearer: [] }],
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "A personal API token, created on the settings page.",
        },
      },
    },
    tags: ["Issues", "Documents", "Groups", "Meetings", "Report"].map((name) => ({ name })),
    paths: Object.fromEntries(
      ENDPOINTS.map((ep) => {
        const op: ZodOpenApiOperationObject = {
          operationId: ep.operationId,
          tags: [ep.tag],
          summary: ep.summary,
          ...(ep.description ? { description: ep.description } : {}),
          requestParams: {
            ...(ep.query ? { query: ep.query } : {}),
            ...(ep.params ? { path: ep.params } : {}),
          },
          responses: {
            "200": {
              description: ep.summary,
              headers: rateLimitHeaders,
              content: { "application/json": { schema: ep.output } },
            },
            "400": problem("The query or a path segment is not valid."),
            "401": problem("The API token is not valid (revoked or unknown)."),
            ...(ep.params
              ? { "404": problem("There is no such resource, or you may not see it.") }
              : {}),
            "429": {
              ...problem("Too many requests; see `Retry-After`."),
              headers: { ...rateLimitHeaders, "Retry-After": { schema: { type: "integer" } } },
            },
          },
        };
        return [ep.path, { get: op }];
      }),
    ),
  });
  return cached;
}
