import { describe, expect, it } from "vitest";
import { clientAddress } from "~/server/auth/throttle";
import { forwardedFor, trustsProxy } from "./client-address.mjs";

describe("the X-Forwarded-For the app sees", () => {
  it.each([
    // received header, socket address, trust proxy, expected
    [undefined, "127.0.0.1", false, "127.0.0.1"],
    ["203.0.113.9", "127.0.0.1", false, "127.0.0.1"],
    ["203.0.113.9, 198.51.100.7", "::1", false, "::1"],
    [["1.1.1.1", "2.2.2.2"], "10.0.0.5", false, "10.0.0.5"],
    [undefined, undefined, false, "unknown"],
    ["203.0.113.9", "10.0.0.5", true, "203.0.113.9"],
    ["198.51.100.1, 203.0.113.9", "10.0.0.5", true, "198.51.100.1, 203.0.113.9"],
    [["198.51.100.1", "203.0.113.9"], "10.0.0.5", true, "198.51.100.1, 203.0.113.9"],
    [undefined, "10.0.0.5", true, "10.0.0.5"],
    ["  ", "10.0.0.5", true, "10.0.0.5"],
  ] as const)("%j from %s, trusted %s → %s", (received, remote, trust, expected) => {
    expect(forwardedFor(received as string | string[] | undefined, remote, trust)).toBe(expected);
  });

  it("gives the throttle the socket's address whatever a client claims, without a trusted proxy", () => {
    for (const claimed of ["203.0.113.1", "203.0.113.2", "a, b, c"]) {
      const headers = new Headers({ "x-forwarded-for": forwardedFor(claimed, "192.0.2.4", false) });
      expect(clientAddress(headers)).toBe("192.0.2.4");
    }
  });

  it("gives the throttle the address the trusted proxy appended", () => {
    const headers = new Headers({
      "x-forwarded-for": forwardedFor("198.51.100.1, 203.0.113.9", "10.0.0.5", true),
    });
    expect(clientAddress(headers)).toBe("203.0.113.9");
  });

  it.each([
    ["true", true],
    ["1", true],
    ["false", false],
    ["0", false],
    ["", false],
    [undefined, false],
    ["yes", false],
  ] as const)("TRUST_PROXY=%j is %s", (value, expected) => {
    expect(trustsProxy(value)).toBe(expected);
  });
});
