import { describe, expect, it } from "vitest";
import { authRedirect } from "./redirect";

const BASE = "http://127.0.0.1:3000";

describe("authRedirect", () => {
  it.each([
    ["/issues/new", "http://127.0.0.1:3000/issues/new"],
    ["/", "http://127.0.0.1:3000/"],
    ["http://127.0.0.1:3000/triage?group=iotops", "http://127.0.0.1:3000/triage?group=iotops"],
    ["https://evil.example/phish", "http://127.0.0.1:3000/"],
    ["http://127.0.0.1:3001/other-port", "http://127.0.0.1:3000/"],
    ["//evil.example/phish", "http://127.0.0.1:3000/"],
    ["/\\evil.example/phish", "http://127.0.0.1:3000/"],
    ["/%5Cevil.example", "http://127.0.0.1:3000/"],
    ["/\t/evil.example", "http://127.0.0.1:3000/"],
    ["http://127.0.0.1:3000//evil.example", "http://127.0.0.1:3000/"],
    ["javascript:alert(1)", "http://127.0.0.1:3000/"],
    ["not a url", "http://127.0.0.1:3000/"],
  ])("%s → %s", (url, expected) => {
    expect(authRedirect({ url, baseUrl: BASE })).toBe(expected);
  });

  it("keeps a base path-free origin with a trailing slash", () => {
    expect(authRedirect({ url: "/issues", baseUrl: `${BASE}/` })).toBe(`${BASE}/issues`);
  });
});
