import { NextResponse, type NextRequest } from "next/server";
import { forwardedHeaders } from "~/server/auth/public-origin";
import { newNonce, securityHeaders } from "~/server/domain/http/security-headers";
import { env } from "~/server/env";
import { unavailablePage } from "~/server/unavailable-page";
import { decide, originSettings, refusal, servedOverHttps } from "~/server/http/guard";

/**
 * The HTTP layer in front of every page and route (see docs/security.md, "HTTP layer"):
 *
 * 1. refuses cross-site state-changing requests (CSRF), tRPC calls that are not
 *    JSON and bodies over the route's limit (server/domain/http/request-guard.ts);
 * 2. replaces X-Forwarded-Host / X-Forwarded-Proto by the public origin's, so
 *    only a trusted proxy (TRUST_PROXY) or APP_URL decides where sign-in redirects;
 * 3. sets the security headers, with a fresh CSP nonce that Next.js puts on its
 *    own scripts (server/domain/http/security-headers.ts);
 * 4. answers page requests with a 503 while the database is known to be out of
 *    reach (server/unavailable-page.ts; tRPC answers its own 503s, /api/health
 *    reports the outage itself).
 *
 * Static files, and requests whose body is large or chunked (which Next.js would
 * buffer in full before calling a proxy), are not seen here: they get the
 * baseline headers of next.config.ts, and the API routes check them themselves
 * (server/http/guard.ts).
 */
export function proxy(request: NextRequest) {
  const https = servedOverHttps(request);
  const decision = decide(request);
  if (!decision.ok) {
    const response = refusal(decision, request.nextUrl.pathname);
    for (const [name, value] of securityHeaders({ nonce: null, https })) {
      response.headers.set(name, value);
    }
    return response;
  }

  const unavailable = isApiPath(request) ? null : unavailablePage();
  if (unavailable) {
    for (const [name, value] of securityHeaders({ nonce: null, https })) {
      unavailable.headers.set(name, value);
    }
    return unavailable;
  }

  const nonce = newNonce();
  const headers = securityHeaders({ nonce, https, development: env().NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  // Next.js reads the nonce from the request's CSP header and adds it to its scripts.
  requestHeaders.set("content-security-policy", new Map(headers).get("content-security-policy")!);
  requestHeaders.set("x-nonce", nonce);
  const forwarded = forwardedHeaders(request.headers, request.url, originSettings());
  if (forwarded) {
    requestHeaders.set("x-forwarded-host", forwarded.host);
    requestHeaders.set("x-forwarded-proto", forwarded.proto);
  } else {
    requestHeaders.delete("x-forwarded-host");
    requestHeaders.delete("x-forwarded-proto");
  }

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of headers) response.headers.set(name, value);
  return response;
}

function isApiPath(request: NextRequest): boolean {
  return request.nextUrl.pathname.startsWith("/api/");
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico|icon.svg).*)",
      // Next.js buffers a request body in full before it calls the proxy; large
      // and chunked bodies go straight to their route, which limits them itself.
      missing: [
        { type: "header", key: "content-length", value: "[0-9]{7,}" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
  ],
};
