import { describe, expect, it } from "vitest";
import { appOrigins, forwardedHeaders, publicOrigin } from "./public-origin";

const URL_ = "http://localhost:3000/api/auth/session";

describe("publicOrigin", () => {
  const cases: {
    name: string;
    headers: Record<string, string>;
    url?: string;
    appUrl?: string;
    trustProxy?: boolean;
    origin: string | null;
  }[] = [
    {
      name: "APP_URL wins over everything",
      headers: { host: "127.0.0.1:3000", "x-forwarded-host": "evil.example" },
      appUrl: "https://dispatch.example.org/some/path",
      origin: "https://dispatch.example.org",
    },
    {
      name: "APP_URL wins even when the proxy is trusted",
      headers: { host: "127.0.0.1:3000", "x-forwarded-host": "other.example" },
      appUrl: "https://dispatch.example.org",
      trustProxy: true,
      origin: "https://dispatch.example.org",
    },
    {
      name: "the Host header the browser sent (Next.js says localhost)",
      headers: { host: "127.0.0.1:3230" },
      url: "http://localhost:3230/api/auth/signin/datatracker",
      origin: "http://127.0.0.1:3230",
    },
    {
      name: "an untrusted forwarded host is ignored",
      headers: { host: "127.0.0.1:3000", "x-forwarded-host": "evil.example" },
      origin: "http://127.0.0.1:3000",
    },
    {
      name: "an untrusted forwarded protocol is ignored",
      headers: { host: "127.0.0.1:3000", "x-forwarded-proto": "https" },
      origin: "http://127.0.0.1:3000",
    },
    {
      name: "a trusted proxy's forwarded host and protocol",
      headers: {
        host: "127.0.0.1:3000",
        "x-forwarded-host": "dispatch.example.org",
        "x-forwarded-proto": "https",
      },
      trustProxy: true,
      origin: "https://dispatch.example.org",
    },
    {
      name: "the first of several trusted forwarded values",
      headers: {
        "x-forwarded-host": "dispatch.example.org, internal:3000",
        "x-forwarded-proto": "https, http",
      },
      trustProxy: true,
      origin: "https://dispatch.example.org",
    },
    {
      name: "a trusted proxy that sends no forwarded host: the Host header",
      headers: { host: "dispatch.example.org", "x-forwarded-proto": "https" },
      trustProxy: true,
      origin: "https://dispatch.example.org",
    },
    {
      name: "a default port is dropped",
      headers: { host: "dispatch.example.org:443", "x-forwarded-proto": "https" },
      trustProxy: true,
      origin: "https://dispatch.example.org",
    },
    {
      name: "an https request URL made up by Next.js from an untrusted X-Forwarded-Proto",
      headers: { host: "127.0.0.1:3000", "x-forwarded-proto": "https" },
      url: "https://127.0.0.1:3000/api/auth/signout",
      origin: "http://127.0.0.1:3000",
    },
    { name: "an IPv6 address", headers: { host: "[::1]:3000" }, origin: "http://[::1]:3000" },
    { name: "no host at all", headers: {}, origin: null },
    {
      name: "a host header with credentials is not used",
      headers: { host: "user@example.org" },
      origin: null,
    },
    {
      name: "a host header with a path is not used",
      headers: { host: "example.org/evil" },
      origin: null,
    },
    {
      name: "a trusted forwarded host with a path is not used",
      headers: { host: "127.0.0.1:3000", "x-forwarded-host": "evil.example/x" },
      trustProxy: true,
      origin: null,
    },
    {
      name: "an odd trusted protocol is not used",
      headers: { host: "example.org", "x-forwarded-proto": "javascript" },
      trustProxy: true,
      origin: null,
    },
  ];

  it.each(cases)("$name", ({ headers, url, appUrl, trustProxy, origin }) => {
    expect(
      publicOrigin(new Headers(headers), url ?? URL_, { appUrl, trustProxy: trustProxy ?? false }),
    ).toBe(origin);
  });
});

describe("appOrigins", () => {
  it("is APP_URL's origin and the Host the browser addressed", () => {
    expect(
      appOrigins(
        new Headers({ host: "127.0.0.1:3000", "x-forwarded-host": "evil.example" }),
        URL_,
        {
          appUrl: "https://dispatch.example.org",
          trustProxy: false,
        },
      ),
    ).toEqual(["https://dispatch.example.org", "http://127.0.0.1:3000"]);
  });

  it("names an origin once", () => {
    expect(
      appOrigins(new Headers({ host: "127.0.0.1:3000" }), URL_, {
        appUrl: undefined,
        trustProxy: false,
      }),
    ).toEqual(["http://127.0.0.1:3000"]);
  });

  it("never includes an untrusted forwarded host", () => {
    const origins = appOrigins(
      new Headers({ host: "127.0.0.1:3000", "x-forwarded-host": "evil.example" }),
      URL_,
      { appUrl: undefined, trustProxy: false },
    );
    expect(origins.some((o) => o.includes("evil"))).toBe(false);
  });
});

describe("forwardedHeaders", () => {
  it("replaces a spoofed forwarded host by the public one", () => {
    expect(
      forwardedHeaders(
        new Headers({
          host: "127.0.0.1:3000",
          "x-forwarded-host": "evil.example",
          "x-forwarded-proto": "https",
        }),
        URL_,
        { appUrl: undefined, trustProxy: false },
      ),
    ).toEqual({ host: "127.0.0.1:3000", proto: "http" });
  });

  it("keeps a trusted proxy's values", () => {
    expect(
      forwardedHeaders(
        new Headers({
          host: "127.0.0.1:3000",
          "x-forwarded-host": "dispatch.example.org",
          "x-forwarded-proto": "https",
        }),
        URL_,
        { appUrl: undefined, trustProxy: true },
      ),
    ).toEqual({ host: "dispatch.example.org", proto: "https" });
  });
});
