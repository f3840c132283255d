/**
 * Which requests the app refuses before any route reads them: cross-site
 * state-changing requests (CSRF), tRPC calls that are not JSON, and bodies
 * larger than the route allows. Pure, so every rule is table-tested; applied by
 * `proxy.ts` and again by the API route handlers (for requests the proxy does
 * not buffer: large or chunked bodies).
 */

export type RequestFacts = {
  method: string;
  /** The URL path, e.g. `/api/trpc/issue.file,issue.get`. */
  path: string;
  /** Header values as received, or null when absent. */
  origin: string | null;
  secFetchSite: string | null;
  contentType: string | null;
  contentLength: string | null;
};

export type GuardDecision =
  | { ok: true; bodyLimit: number }
  | { ok: false; status: 400 | 403 | 405 | 413 | 415; message: string };

/** Whether every %-escape in a path decodes to UTF-8 (`/documents/%E0%A4%A` does not). */
function decodablePath(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

const KiB = 1024;
const MiB = 1024 * 1024;

/**
 * The largest body any other route accepts (pages take server actions only,
 * which are small). Below 1,000,000 bytes, so next.config.ts can refuse any
 * larger body by the number of digits of its Content-Length.
 */
export const DEFAULT_BODY_LIMIT = 512 * KiB;
/** Sign-in, sign-out and the OpenID Connect callback send small forms. */
export const AUTH_BODY_LIMIT = 64 * KiB;
/** One tRPC request (a batch of calls included): forms, comments and an autosaved draft. */
export const TRPC_BODY_LIMIT = 1 * MiB;
/**
 * Procedures that take more. The document import accepts a 20 MB export as a
 * JSON string, whose escaping adds a little.
 */
export const TRPC_PROCEDURE_BODY_LIMITS: Readonly<Record<string, number>> = {
  "document.import": 24_000_000,
};
/** How many calls one tRPC batch may hold (the browser client batches at most as many). */
export const TRPC_MAX_BATCH_SIZE = 10;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Paths that a third party posts to by design. The OpenID Connect provider may
 * answer with a cross-site form post (`response_mode=form_post`); Auth.js
 * checks that answer with its own state, nonce and PKCE values.
 */
function isCrossSiteByDesign(path: string): boolean {
  return /^\/api\/auth\/callback\/(?!credentials(?:\/|$))[A-Za-z0-9_-]+\/?$/.test(path);
}

/** The tRPC procedure paths of a request to `/api/trpc/a.b,c.d`, or null for other paths. */
export function trpcProcedures(path: string): string[] | null {
  const match = /^\/api\/trpc\/([^/]+)\/?$/.exec(path);
  if (!match) return path === "/api/trpc" || path === "/api/trpc/" ? [] : null;
  let list: string;
  try {
    list = decodeURIComponent(match[1]!);
  } catch {
    return [];
  }
  return list.split(",");
}

/** The largest body a request to `path` may carry. */
export function bodyLimitFor(path: string): number {
  const procedures = trpcProcedures(path);
  if (procedures) {
    return Math.max(TRPC_BODY_LIMIT, ...procedures.map((p) => TRPC_PROCEDURE_BODY_LIMITS[p] ?? 0));
  }
  if (path === "/api/auth" || path.startsWith("/api/auth/")) return AUTH_BODY_LIMIT;
  return DEFAULT_BODY_LIMIT;
}

/** The refusal of a body over `limit` bytes. */
export function bodyTooLarge(limit: number): GuardDecision & { ok: false } {
  return {
    ok: false,
    status: 413,
    message: `The request body is larger than this address accepts (at most ${limit} bytes).`,
  };
}

/** The media type of a Content-Type value, lower case, without parameters. */
function mediaType(contentType: string | null): string | null {
  if (!contentType) return null;
  return contentType.split(";", 1)[0]!.trim().toLowerCase() || null;
}

/** Whether the request comes from this app's own pages (or from no browser at all). */
export function isSameOriginRequest(
  facts: Pick<RequestFacts, "origin" | "secFetchSite">,
  appOrigins: readonly string[],
): boolean {
  const site = facts.secFetchSite?.trim().toLowerCase() ?? null;
  // A browser that says the request is cross-site (or from a sibling site) is believed.
  if (site !== null && site !== "same-origin" && site !== "none") return false;
  if (facts.origin !== null) {
    // "null" is sent by sandboxed frames, data: URLs and some cross-site redirects.
    const origin = facts.origin.trim().toLowerCase();
    return appOrigins.some((o) => o.toLowerCase() === origin);
  }
  // Browsers send Origin with every state-changing request; a request with neither
  // header comes from a program (curl, a script, a server), which CSRF cannot make.
  return true;
}

/**
 * The decision for one request. `appOrigins` are the origins under which this
 * app is addressed (see `server/auth/public-origin.ts`).
 */
export function guardRequest(facts: RequestFacts, appOrigins: readonly string[]): GuardDecision {
  const method = facts.method.toUpperCase();
  const bodyLimit = bodyLimitFor(facts.path);

  if (!decodablePath(facts.path)) {
    return {
      ok: false,
      status: 400,
      message: "This address has a malformed %-escape, so it names no page here.",
    };
  }

  if (facts.contentLength !== null) {
    if (!/^\d{1,15}$/.test(facts.contentLength.trim())) {
      return { ok: false, status: 400, message: "The Content-Length header is not a number." };
    }
    if (Number(facts.contentLength) > bodyLimit) return bodyTooLarge(bodyLimit);
  }

  if (SAFE_METHODS.has(method)) return { ok: true, bodyLimit };

  if (isPublicApiPath(facts.path)) {
    return {
      ok: false,
      status: 405,
      message: "The public API only reads: use GET (it has no operation that changes data).",
    };
  }

  if (!isCrossSiteByDesign(facts.path) && !isSameOriginRequest(facts, appOrigins)) {
    return {
      ok: false,
      status: 403,
      message:
        "This request came from another site, so it was refused. Changes can only be made from this site's own pages.",
    };
  }

  const procedures = trpcProcedures(facts.path);
  if (procedures && mediaType(facts.contentType) !== "application/json") {
    return {
      ok: false,
      status: 415,
      message: "Send tRPC calls as application/json.",
    };
  }

  return { ok: true, bodyLimit };
}

/** Whether a path is under the public API (`/api/v1`), whose errors are problem details. */
export function isPublicApiPath(path: string): boolean {
  return path === "/api/v1" || path.startsWith("/api/v1/");
}

const REFUSAL_TITLES: Record<number, string> = {
  400: "Bad request",
  403: "Forbidden",
  405: "Method not allowed",
  411: "Length required",
  413: "Content too large",
  415: "Unsupported media type",
};

/**
 * A refusal's body: RFC 9457 problem details under the public API (as its own
 * errors are), else the `{error: {status, message}}` the tRPC client reads.
 */
export function refusalBody(
  decision: { status: number; message: string },
  path: string,
): { contentType: string; body: string } {
  if (isPublicApiPath(path)) {
    return {
      contentType: "application/problem+json",
      body: JSON.stringify({
        type: "about:blank",
        title: REFUSAL_TITLES[decision.status] ?? "Error",
        status: decision.status,
        detail: decision.message,
        instance: path,
      }),
    };
  }
  return {
    contentType: "application/json",
    body: JSON.stringify({ error: { status: decision.status, message: decision.message } }),
  };
}
