import { env } from "../env";
import { appOrigins, forwardedHeaders, type OriginSettings } from "../auth/public-origin";
import {
  bodyTooLarge,
  guardRequest,
  refusalBody,
  type GuardDecision,
  type RequestFacts,
} from "../domain/http/request-guard";

/** APP_URL and TRUST_PROXY, as the origin functions take them. */
export function originSettings(): OriginSettings {
  const e = env();
  return { appUrl: e.APP_URL, trustProxy: e.TRUST_PROXY };
}

export function requestFacts(req: Request): RequestFacts {
  const h = req.headers;
  return {
    method: req.method,
    path: new URL(req.url).pathname,
    origin: h.get("origin"),
    secFetchSite: h.get("sec-fetch-site"),
    contentType: h.get("content-type"),
    contentLength: h.get("content-length"),
  };
}

/** The guard's decision for this request (see server/domain/http/request-guard.ts). */
export function decide(req: Request): GuardDecision {
  return guardRequest(requestFacts(req), appOrigins(req.headers, req.url, originSettings()));
}

/** Whether the public origin of this request is https (for HSTS). */
export function servedOverHttps(req: Request): boolean {
  return forwardedHeaders(req.headers, req.url, originSettings())?.proto === "https";
}

/**
 * A refusal as JSON (problem details under /api/v1), closing the connection so an
 * unread body is not received.
 */
export function refusal(
  decision: Extract<GuardDecision, { ok: false }>,
  path: string | null = null,
): Response {
  const { contentType, body } = refusalBody(decision, path ?? "");
  const headers: Record<string, string> = {
    "content-type": contentType,
    connection: "close",
    "cache-control": "no-store",
  };
  if (decision.status === 405) headers.allow = "GET, HEAD, OPTIONS";
  return new Response(body, { status: decision.status, headers });
}

/**
 * The request with its body read, but never more than `limit` bytes of it: a
 * body sent without Content-Length (chunked) is counted as it arrives, and
 * reading stops at the first byte over the limit.
 */
async function withinLimit<R extends Request>(
  req: R,
  limit: number,
  rebuild: (body: Uint8Array<ArrayBuffer>) => R,
): Promise<R | null> {
  if (!req.body || req.headers.has("content-length")) return req;
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return rebuild(body);
}

/**
 * Wraps an API route handler in the same checks as `proxy.ts`: requests with a
 * large or chunked body skip the proxy (so Next.js does not buffer them), and
 * are checked here before anything reads them.
 */
export function guarded<R extends Request>(
  handler: (req: R) => Response | Promise<Response>,
  rebuild: (req: R, body: Uint8Array<ArrayBuffer>) => R,
): (req: R) => Promise<Response> {
  return async (req) => {
    const decision = decide(req);
    if (!decision.ok) return refusal(decision);
    const limited = await withinLimit(req, decision.bodyLimit, (body) => rebuild(req, body));
    if (!limited) {
      return refusal(bodyTooLarge(decision.bodyLimit));
    }
    return handler(limited);
  };
}
