import { describe, expect, it } from "vitest";
import { publicOrigin } from "./public-origin";

describe("publicOrigin", () => {
  const cases: {
    name: string;
    headers: Record<string, string>;
    url?: string;
    appUrl?: string;
    origin: string | null;
  }[] = [
    {
      name: "APP_URL wins over everything",
      headers: { host: "127.0.0.1:3000", "x-forwarded-host": "evil.example" },
      appUrl: "https://dispatch.example.org/some/path",
      origin: "https://dispatch.example.org",
    },
    {
      name: "the Host header the browser sent (Next.js says localhost)",
      headers: { host: "127.0.0.1:3230" },
      url: "http://localhost:3230/api/auth/signin/datatracker",
      origin: "http://127.0.0.1:3230",
    },
    {
      name: "a proxy's forwarded host and protocol",
      headers: {
        host: "127.0.0.1:3000",
        "x-forwarded-host": "dispatch.example.org",
        "x-forwarded-proto": "https",
      },
      origin: "https://dispatch.example.org",
    },
    {
      name: "the first of several forwarded values",
      headers: {
        "x-forwarded-host": "dispatch.example.org, internal:3000",
        "x-forwarded-proto": "https, http",
      },
      origin: "https://dispatch.example.org",
    },
    {
      name: "a default port is dropped",
      headers: { host: "dispatch.example.org:443", "x-forwarded-proto": "https" },
      origin: "https://dispatch.example.org",
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
      name: "an odd protocol is not used",
      headers: { host: "example.org", "x-forwarded-proto": "javascript" },
      origin: null,
    },
  ];

  it.each(cases)("$name", ({ headers, url, appUrl, origin }) => {
    expect(
      publicOrigin(new Headers(headers), url ?? "http://localhost:3000/api/auth/session", appUrl),
    ).toBe(origin);
  });
});
