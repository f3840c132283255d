import { describe, expect, it } from "vitest";
import { safeRedirectPath, withCallbackUrl } from "./safe-redirect";

describe("safeRedirectPath", () => {
  // [input, expected]; the expected value is what a browser would open on this site.
  const kept: [string, string][] = [
    ["/", "/"],
    ["/issues/new", "/issues/new"],
    ["/issues?state=submitted&group=iotops", "/issues?state=submitted&group=iotops"],
    ["/issues/12#comment-3", "/issues/12#comment-3"],
    ["/issues?q=a%20b", "/issues?q=a%20b"],
    ["/documents/draft-ietf-iotops-ccm-00", "/documents/draft-ietf-iotops-ccm-00"],
    ["/a/../issues", "/issues"],
    ["/a/./b", "/a/b"],
    ["/%7Euser", "/%7Euser"],
    ["/javascript:alert(1)", "/javascript:alert(1)"],
  ];
  it.each(kept)("keeps %j as %j", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });

  const refused: [string, string][] = [
    ["protocol-relative", "//evil.example/phish"],
    ["backslash host", "/\\evil.example/phish"],
    ["backslash only", "\\\\evil.example"],
    ["slash backslash slash", "/\\/evil.example"],
    ["encoded backslash, decoded by the browser's query parser first", "/%5Cevil.example/phish"],
    ["encoded backslash, lower case", "/%5cevil.example"],
    ["encoded slash", "/%2Fevil.example"],
    ["double-encoded slash", "/%252Fevil.example"],
    ["double-encoded backslash", "/%255Cevil.example"],
    ["tab between the slashes", "/\t/evil.example"],
    ["newline between the slashes", "/\n/evil.example"],
    ["carriage return", "/\r/evil.example"],
    ["encoded tab between the slashes", "/%09/evil.example"],
    ["NUL byte", "/issues\u0000"],
    ["DEL", "/issues\u007f"],
    ["C1 control", "/issues\u0085"],
    ["line separator", "/issues\u2028"],
    ["leading space", " /issues"],
    ["space inside", "/iss ues"],
    ["dot segments up to a second slash", "/..//evil.example"],
    ["dot segments, encoded", "/%2E%2E//evil.example"],
    ["absolute http URL", "http://evil.example/"],
    ["absolute URL to this app's own host", "http://127.0.0.1:3000/issues"],
    ["scheme-relative with credentials", "//user@evil.example"],
    ["javascript scheme", "javascript:alert(1)"],
    ["data scheme", "data:text/html,<script>alert(1)</script>"],
    ["relative without a slash", "issues/12"],
    ["query only", "?callbackUrl=//evil"],
    ["empty", ""],
    ["malformed percent escape", "/issues%E0%A4%A"],
    ["too long", `/${"a".repeat(3000)}`],
  ];
  it.each(refused)("refuses %s", (_name, input) => {
    expect(safeRedirectPath(input)).toBe("/");
  });

  it("refuses values that are not strings", () => {
    for (const v of [null, undefined, 42, ["/issues"], { href: "/issues" }]) {
      expect(safeRedirectPath(v)).toBe("/");
    }
  });

  it("returns the given fallback", () => {
    expect(safeRedirectPath("//evil.example", "/issues/new")).toBe("/issues/new");
  });
});

describe("withCallbackUrl", () => {
  it.each([
    ["/issues/new", "/signup?callbackUrl=%2Fissues%2Fnew"],
    [
      "/issues?state=submitted&q=a%20b",
      "/signup?callbackUrl=%2Fissues%3Fstate%3Dsubmitted%26q%3Da%2520b",
    ],
    ["/", "/signup"],
    [null, "/signup"],
    ["//evil.example", "/signup"],
    ["/%5Cevil.example", "/signup"],
  ])("%j → %s", (callbackUrl, expected) => {
    expect(withCallbackUrl("/signup", callbackUrl)).toBe(expected);
  });
});
