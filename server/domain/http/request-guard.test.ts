import { describe, expect, it } from "vitest";
import {
  bodyLimitFor,
  guardRequest,
  refusalBody,
  trpcProcedures,
  type RequestFacts,
} from "./request-guard";

const APP = ["http://127.0.0.1:3000"];

function facts(overrides: Partial<RequestFacts>): RequestFacts {
  return {
    method: "POST",
    path: "/api/trpc/issue.comment",
    origin: "http://127.0.0.1:3000",
    secFetchSite: "same-origin",
    contentType: "application/json",
    contentLength: "120",
    ...overrides,
  };
}

describe("guardRequest", () => {
  // [name, request, expected status (200 = let through)]
  const table: [string, Partial<RequestFacts>, number][] = [
    ["a tRPC mutation from the app's own page", {}, 200],
    [
      "a page address with a truncated %-escape",
      { method: "GET", path: "/documents/%E0%A4%A", contentType: null, contentLength: null },
      400,
    ],
    [
      "a page address with an escape that is not UTF-8",
      { method: "GET", path: "/issues/%C0%AF", contentType: null, contentLength: null },
      400,
    ],
    [
      "a page address with well-formed escapes",
      {
        method: "GET",
        path: "/documents/draft-%C3%A9t%C3%A9",
        contentType: null,
        contentLength: null,
      },
      200,
    ],
    ["Origin compared without regard to case", { origin: "HTTP://127.0.0.1:3000" }, 200],
    [
      "a tRPC query (GET) from anywhere",
      {
        method: "GET",
        origin: "https://evil.example",
        secFetchSite: "cross-site",
        contentType: null,
        contentLength: null,
      },
      200,
    ],
    [
      "HEAD from anywhere",
      { method: "HEAD", origin: "https://evil.example", contentType: null },
      200,
    ],
    ["a program without Origin or Sec-Fetch-Site", { origin: null, secFetchSite: null }, 200],
    [
      "Sec-Fetch-Site none (typed by the user) without Origin",
      { origin: null, secFetchSite: "none" },
      200,
    ],
    [
      "a mutation from another site",
      { origin: "https://evil.example", secFetchSite: "cross-site" },
      403,
    ],
    [
      "a mutation from another port of the same host (same site)",
      { origin: "http://127.0.0.1:4000", secFetchSite: "same-site" },
      403,
    ],
    [
      "Origin from another site without Sec-Fetch-Site",
      { origin: "https://evil.example", secFetchSite: null },
      403,
    ],
    [
      "the other scheme of the same host",
      { origin: "https://127.0.0.1:3000", secFetchSite: null },
      403,
    ],
    ["Origin null (sandboxed frame)", { origin: "null", secFetchSite: null }, 403],
    ["Sec-Fetch-Site cross-site without Origin", { origin: null, secFetchSite: "cross-site" }, 403],
    ["Sec-Fetch-Site same-site without Origin", { origin: null, secFetchSite: "same-site" }, 403],
    ["a matching Origin contradicted by Sec-Fetch-Site", { secFetchSite: "cross-site" }, 403],
    [
      "PUT from another site",
      { method: "PUT", path: "/anything", origin: "https://evil.example" },
      403,
    ],
    [
      "PATCH from another site",
      { method: "PATCH", path: "/anything", origin: "https://evil.example" },
      403,
    ],
    [
      "DELETE from another site",
      { method: "DELETE", path: "/anything", origin: "https://evil.example" },
      403,
    ],
    [
      "a server action posted from another site",
      {
        path: "/issues/12",
        contentType: "multipart/form-data; boundary=x",
        origin: "https://evil.example",
        secFetchSite: "cross-site",
      },
      403,
    ],
    [
      "credentials sign-in from another site (login CSRF)",
      {
        path: "/api/auth/callback/credentials",
        contentType: "application/x-www-form-urlencoded",
        origin: "https://evil.example",
        secFetchSite: "cross-site",
      },
      403,
    ],
    [
      "sign-out from another site",
      {
        path: "/api/auth/signout",
        contentType: "application/x-www-form-urlencoded",
        origin: "https://evil.example",
        secFetchSite: "cross-site",
      },
      403,
    ],
    [
      "the OpenID Connect provider's form post to its callback",
      {
        path: "/api/auth/callback/datatracker",
        contentType: "application/x-www-form-urlencoded",
        origin: "https://datatracker.ietf.org",
        secFetchSite: "cross-site",
      },
      200,
    ],
    [
      "credentials callback with a trailing path is not treated as OIDC",
      { path: "/api/auth/callback/credentials/", origin: "https://evil.example" },
      403,
    ],
    [
      "a tRPC mutation as multipart/form-data",
      { contentType: "multipart/form-data; boundary=----x" },
      415,
    ],
    [
      "a tRPC mutation as a urlencoded form",
      { contentType: "application/x-www-form-urlencoded" },
      415,
    ],
    ["a tRPC mutation as text/plain", { contentType: "text/plain" }, 415],
    ["a tRPC mutation as octet-stream", { contentType: "application/octet-stream" }, 415],
    ["a tRPC mutation without Content-Type", { contentType: null }, 415],
    ["JSON with a charset parameter", { contentType: "Application/JSON; charset=utf-8" }, 200],
    ["a tRPC body of exactly 1 MiB", { contentLength: String(1024 * 1024) }, 200],
    ["a tRPC body one byte over 1 MiB", { contentLength: String(1024 * 1024 + 1) }, 413],
    ["a 25 MB tRPC body", { contentLength: String(25 * 1024 * 1024) }, 413],
    [
      "a 25 MB body even from a program",
      { contentLength: String(25 * 1024 * 1024), origin: null, secFetchSite: null },
      413,
    ],
    [
      "a 25 MB body to a page",
      { path: "/issues/new", contentLength: String(25 * 1024 * 1024) },
      413,
    ],
    ["a 600 KiB body to a page", { path: "/issues/new", contentLength: String(600 * 1024) }, 413],
    ["a 100 KiB server action", { path: "/issues/new", contentLength: String(100 * 1024) }, 200],
    [
      "a 25 MB body to sign-in",
      {
        path: "/api/auth/callback/credentials",
        contentType: "application/x-www-form-urlencoded",
        contentLength: String(25 * 1024 * 1024),
      },
      413,
    ],
    [
      "a 100 KiB body to sign-in",
      {
        path: "/api/auth/callback/credentials",
        contentType: "application/x-www-form-urlencoded",
        contentLength: String(100 * 1024),
      },
      413,
    ],
    ["a 25 MB GET", { method: "GET", path: "/", contentLength: String(25 * 1024 * 1024) }, 413],
    [
      "a 15 MB document import",
      { path: "/api/trpc/document.import", contentLength: "15000000" },
      200,
    ],
    [
      "a 25 MB document import",
      { path: "/api/trpc/document.import", contentLength: String(25 * 1024 * 1024) },
      413,
    ],
    [
      "a 15 MB batch that includes the import",
      { path: "/api/trpc/issue.get,document.import", contentLength: "15000000" },
      200,
    ],
    [
      "a 2 MB call to an ordinary procedure",
      { path: "/api/trpc/issue.saveDraft", contentLength: "2000000" },
      413,
    ],
    ["a Content-Length that is not a number", { contentLength: "12abc" }, 400],
    ["a negative Content-Length", { contentLength: "-1" }, 400],
    ["an absurdly long Content-Length", { contentLength: "9".repeat(40) }, 400],
  ];

  it.each(table)("%s", (_name, overrides, status) => {
    const decision = guardRequest(facts(overrides), APP);
    expect(decision.ok ? 200 : decision.status).toBe(status);
  });

  it("explains a CSRF refusal in words", () => {
    const decision = guardRequest(facts({ origin: "https://evil.example" }), APP);
    expect(decision).toMatchObject({ ok: false, status: 403 });
    expect(!decision.ok && decision.message).toMatch(/another site/);
  });

  it("accepts any of several public origins", () => {
    const origins = ["https://dispatch.example.org", "http://127.0.0.1:3000"];
    expect(guardRequest(facts({ origin: "https://dispatch.example.org" }), origins).ok).toBe(true);
    expect(guardRequest(facts({ origin: "https://dispatch.example.org.evil" }), origins).ok).toBe(
      false,
    );
  });

  it("refuses every cross-site mutation when no origin is known", () => {
    expect(guardRequest(facts({}), []).ok).toBe(false);
  });
});

describe("trpcProcedures and bodyLimitFor", () => {
  it.each([
    ["/api/trpc/issue.get", ["issue.get"]],
    ["/api/trpc/issue.get,issue.list", ["issue.get", "issue.list"]],
    ["/api/trpc/issue.get%2Cissue.list", ["issue.get", "issue.list"]],
    ["/api/trpc", []],
    ["/api/trpc/%E0%A4%A", []],
    ["/api/auth/session", null],
    ["/issues", null],
  ] as const)("%s", (path, expected) => {
    expect(trpcProcedures(path)).toEqual(expected);
  });

  it.each([
    ["/api/trpc/issue.file", 1024 * 1024],
    ["/api/trpc/document.import", 24_000_000],
    ["/api/auth/callback/credentials", 64 * 1024],
    ["/api/authx", 512 * 1024],
    ["/issues/new", 512 * 1024],
  ] as const)("%s takes at most %d bytes", (path, limit) => {
    expect(bodyLimitFor(path)).toBe(limit);
  });
});

describe("the public API's refusals", () => {
  const api = (over: Partial<RequestFacts>) =>
    facts({ path: "/api/v1/issues", contentType: null, contentLength: null, ...over });

  it("refuses any method but GET, HEAD and OPTIONS with a 405 naming GET", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const d = guardRequest(api({ method }), APP);
      expect(d, method).toMatchObject({ ok: false, status: 405 });
    }
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(guardRequest(api({ method }), APP).ok, method).toBe(true);
    }
    // Elsewhere the rule does not apply.
    expect(guardRequest(facts({ path: "/api/v1x" }), APP).ok).toBe(true);
  });

  it("answers an API path with problem details, any other with the plain JSON error", () => {
    const bad = guardRequest(api({ method: "GET", path: "/api/v1/issues/%E0%A4%A" }), APP);
    if (bad.ok) throw new Error("expected a refusal");
    const p = refusalBody(bad, "/api/v1/issues/%E0%A4%A");
    expect(p.contentType).toBe("application/problem+json");
    expect(JSON.parse(p.body)).toEqual({
      type: "about:blank",
      title: "Bad request",
      status: 400,
      detail: bad.message,
      instance: "/api/v1/issues/%E0%A4%A",
    });
    const page = refusalBody(bad, "/documents/%E0%A4%A");
    expect(page.contentType).toBe("application/json");
    expect(JSON.parse(page.body)).toEqual({ error: { status: 400, message: bad.message } });
    const post = guardRequest(api({ method: "POST" }), APP);
    if (post.ok) throw new Error("expected a refusal");
    expect(JSON.parse(refusalBody(post, "/api/v1/issues").body)).toMatchObject({
      status: 405,
      title: "Method not allowed",
    });
  });
});
