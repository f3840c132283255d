import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "./security-headers";

function directives(csp: string): Map<string, string> {
  return new Map(
    csp.split(";").map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values.join(" ")];
    }),
  );
}

describe("contentSecurityPolicy", () => {
  it("lets only this response's nonce run scripts, and nothing frame the page", () => {
    const csp = directives(contentSecurityPolicy({ nonce: "abc123==", https: false }));
    expect(csp.get("script-src")).toBe("'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(csp.get("style-src")).toBe("'self' 'nonce-abc123=='");
    expect(csp.get("frame-ancestors")).toBe("'none'");
    expect(csp.get("object-src")).toBe("'none'");
    expect(csp.get("base-uri")).toBe("'none'");
    expect(csp.get("form-action")).toBe("'self'");
    expect(csp.get("default-src")).toBe("'self'");
    expect(csp.get("connect-src")).toBe("'self'");
  });

  it("never allows inline scripts or eval in production", () => {
    const csp = contentSecurityPolicy({ nonce: "n", https: true });
    expect(csp).not.toContain("'unsafe-inline' 'strict-dynamic'");
    expect(directives(csp).get("script-src")).not.toMatch(/unsafe/);
  });

  it("allows eval only for next dev", () => {
    const csp = directives(contentSecurityPolicy({ nonce: "n", https: false, development: true }));
    expect(csp.get("script-src")).toBe("'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval'");
  });

  it("allows no script at all without a nonce (the baseline for responses the proxy does not see)", () => {
    const csp = directives(contentSecurityPolicy({ nonce: null, https: false }));
    expect(csp.get("script-src")).toBe("'none'");
    expect(csp.get("style-src")).toBe("'self'");
    expect(csp.get("frame-ancestors")).toBe("'none'");
  });
});

describe("securityHeaders", () => {
  const names = (https: boolean) => securityHeaders({ nonce: "n", https }).map(([name]) => name);

  it("sends every header, in lower case", () => {
    expect(names(false)).toEqual(
      expect.arrayContaining([
        "content-security-policy",
        "x-frame-options",
        "x-content-type-options",
        "referrer-policy",
        "permissions-policy",
        "cross-origin-opener-policy",
      ]),
    );
    for (const name of names(true)) expect(name).toBe(name.toLowerCase());
  });

  it("sends HSTS over https only", () => {
    expect(names(false)).not.toContain("strict-transport-security");
    expect(
      new Map(securityHeaders({ nonce: "n", https: true })).get("strict-transport-security"),
    ).toBe("max-age=31536000; includeSubDomains");
  });

  it("has the expected values", () => {
    const h = new Map(securityHeaders({ nonce: null, https: false }));
    expect(h.get("x-frame-options")).toBe("DENY");
    expect(h.get("x-content-type-options")).toBe("nosniff");
    expect(h.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(h.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(h.get("permissions-policy")).toMatch(/camera=\(\), microphone=\(\), geolocation=\(\)/);
  });
});

describe("newNonce", () => {
  it("encodes 16 random bytes in base64", () => {
    expect(newNonce((b) => b.fill(0xff))).toBe("/////////////////////w==");
  });

  it("differs between calls with real randomness", () => {
    const seen = new Set(Array.from({ length: 50 }, () => newNonce()));
    expect(seen.size).toBe(50);
  });
});
