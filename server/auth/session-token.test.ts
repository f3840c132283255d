import { encode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { personIdFromCookies, personIdOfToken, SESSION_REFRESH_AFTER_S } from "./session-token";

const SECRET = "a-test-secret-that-is-long-enough-0123456789";
const NAME = "authjs.session-token";
const SECURE = `__Secure-${NAME}`;

async function token(
  claims: Record<string, unknown>,
  opts: { salt?: string; secret?: string; maxAge?: number } = {},
) {
  return encode({
    token: claims,
    secret: opts.secret ?? SECRET,
    salt: opts.salt ?? NAME,
    maxAge: opts.maxAge ?? 30 * 24 * 60 * 60,
  });
}

const now = () => Math.floor(Date.now() / 1000);

describe("reading the session from the Cookie header", () => {
  const cases: {
    name: string;
    cookie: () => Promise<string | null>;
    nowS?: number;
    expected: number | null;
    renews?: boolean;
  }[] = [
    { name: "no Cookie header", cookie: async () => null, expected: null },
    { name: "other cookies only", cookie: async () => "theme=dark; lang=en", expected: null },
    {
      name: "a fresh token",
      cookie: async () => `theme=dark; ${NAME}=${await token({ personId: 42, sub: "42" })}`,
      expected: 42,
    },
    {
      name: "a token with the person in `sub` only",
      cookie: async () => `${NAME}=${await token({ sub: "17" })}`,
      expected: 17,
    },
    {
      name: "the HTTPS cookie name",
      cookie: async () => `${SECURE}=${await token({ personId: 5 }, { salt: SECURE })}`,
      expected: 5,
    },
    {
      name: "a token sealed with another secret",
      cookie: async () =>
        `${NAME}=${await token({ personId: 42 }, { secret: "another-secret-entirely-0123456789abcdef" })}`,
      expected: null,
    },
    {
      name: "a token sealed for the other cookie name",
      cookie: async () => `${NAME}=${await token({ personId: 42 }, { salt: SECURE })}`,
      expected: null,
    },
    {
      name: "an expired token",
      cookie: async () => `${NAME}=${await token({ personId: 42 }, { maxAge: -60 })}`,
      expected: null,
    },
    { name: "garbage", cookie: async () => `${NAME}=not-a-token`, expected: null },
    {
      name: "a token split over two cookie chunks",
      cookie: async () => {
        const t = await token({ personId: 9 });
        const half = Math.floor(t.length / 2);
        return `${NAME}.0=${t.slice(0, half)}; ${NAME}.1=${t.slice(half)}`;
      },
      expected: 9,
    },
    {
      name: "a token older than the refresh age, renewed through Auth.js",
      cookie: async () => `${NAME}=${await token({ personId: 42 })}`,
      nowS: now() + SESSION_REFRESH_AFTER_S + 60,
      expected: 1234,
      renews: true,
    },
  ];

  it.each(cases)("$name", async ({ cookie, nowS, expected, renews }) => {
    const renew = vi.fn(async () => 1234);
    const got = await personIdFromCookies(await cookie(), { secret: SECRET, renew, nowS });
    expect(got).toBe(expected);
    expect(renew).toHaveBeenCalledTimes(renews ? 1 : 0);
  });
});

describe("remembering checked tokens", () => {
  it("still refuses a remembered token under another secret", async () => {
    const cookie = `${NAME}=${await token({ personId: 77 })}`;
    const renew = vi.fn(async () => null);
    expect(await personIdFromCookies(cookie, { secret: SECRET, renew })).toBe(77);
    const other = "another-secret-entirely-0123456789abcdef";
    expect(await personIdFromCookies(cookie, { secret: other, renew })).toBeNull();
    expect(await personIdFromCookies(cookie, { secret: SECRET, renew })).toBe(77);
  });

  it("refuses a remembered token once it has expired", async () => {
    const cookie = `${NAME}=${await token({ personId: 78 }, { maxAge: 600 })}`;
    const renew = vi.fn(async () => 78);
    expect(await personIdFromCookies(cookie, { secret: SECRET, renew })).toBe(78);
    const afterExpiry = now() + 601;
    expect(
      await personIdFromCookies(cookie, { secret: SECRET, renew, nowS: afterExpiry }),
    ).toBeNull();
    expect(renew).not.toHaveBeenCalled();
  });

  it("renews a remembered token once it is old", async () => {
    const cookie = `${NAME}=${await token({ personId: 79 })}`;
    const renew = vi.fn(async () => 79);
    expect(await personIdFromCookies(cookie, { secret: SECRET, renew })).toBe(79);
    expect(renew).not.toHaveBeenCalled();
    const later = now() + SESSION_REFRESH_AFTER_S + 1;
    expect(await personIdFromCookies(cookie, { secret: SECRET, renew, nowS: later })).toBe(79);
    expect(renew).toHaveBeenCalledTimes(1);
  });
});

describe("the person id in a token", () => {
  it.each([
    [{ personId: 3, sub: "99" }, 3],
    [{ sub: "12" }, 12],
    [{ sub: "dt-subject-abc" }, null],
    [{}, null],
    [{ personId: -1 }, null],
    [{ personId: 1.5 }, null],
  ])("%j → %s", (claims, expected) => {
    expect(personIdOfToken(claims)).toBe(expected);
  });
});
