import { decode, encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  personIdOfToken,
  SESSION_MAX_AGE_S,
  SESSION_REFRESH_AFTER_S,
  sessionFromCookies,
  type SessionCookie,
  type SessionReadOptions,
} from "./session-token";

/** The person id of the session the Cookie header carries. */
async function personIdFromCookies(cookie: string | null, opts: SessionReadOptions) {
  return (await sessionFromCookies(cookie, opts))?.personId ?? null;
}

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
      name: "a token older than the refresh age is renewed",
      cookie: async () => `${NAME}=${await token({ personId: 42 })}`,
      nowS: now() + SESSION_REFRESH_AFTER_S + 60,
      expected: 42,
      renews: true,
    },
    {
      name: "a token just younger than the refresh age is not renewed",
      cookie: async () => `${NAME}=${await token({ personId: 43 })}`,
      nowS: now() + SESSION_REFRESH_AFTER_S - 60,
      expected: 43,
    },
  ];

  it.each(cases)("$name", async ({ cookie, nowS, expected, renews }) => {
    const renew = vi.fn(async (_: SessionCookie) => {});
    const got = await personIdFromCookies(await cookie(), {
      secret: SECRET,
      setCookie: renew,
      nowS,
    });
    expect(got).toBe(expected);
    expect(renew).toHaveBeenCalledTimes(renews ? 1 : 0);
  });
});

describe("remembering checked tokens", () => {
  it("still refuses a remembered token under another secret", async () => {
    const cookie = `${NAME}=${await token({ personId: 77 })}`;
    const setCookie = vi.fn();
    expect(await personIdFromCookies(cookie, { secret: SECRET, setCookie })).toBe(77);
    const other = "another-secret-entirely-0123456789abcdef";
    expect(await personIdFromCookies(cookie, { secret: other, setCookie })).toBeNull();
    expect(await personIdFromCookies(cookie, { secret: SECRET, setCookie })).toBe(77);
  });

  it("refuses a remembered token once it has expired", async () => {
    const cookie = `${NAME}=${await token({ personId: 78 }, { maxAge: 600 })}`;
    const setCookie = vi.fn();
    expect(await personIdFromCookies(cookie, { secret: SECRET, setCookie })).toBe(78);
    const afterExpiry = now() + 601;
    expect(
      await personIdFromCookies(cookie, { secret: SECRET, setCookie, nowS: afterExpiry }),
    ).toBeNull();
    expect(setCookie).not.toHaveBeenCalled();
  });

  it("renews a remembered token once it is old", async () => {
    const cookie = `${NAME}=${await token({ personId: 79 })}`;
    const setCookie = vi.fn();
    expect(await personIdFromCookies(cookie, { secret: SECRET, setCookie })).toBe(79);
    expect(setCookie).not.toHaveBeenCalled();
    const later = now() + SESSION_REFRESH_AFTER_S + 1;
    expect(await personIdFromCookies(cookie, { secret: SECRET, setCookie, nowS: later })).toBe(79);
    expect(setCookie).toHaveBeenCalledTimes(1);
  });
});

describe("rolling renewal", () => {
  afterEach(() => vi.useRealTimers());

  it("re-issues an old token as a new cookie with the same claims and a fresh expiry", async () => {
    // A token issued two days ago, which the cookie still carries.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() - 2 * 24 * 60 * 60 * 1000);
    const old = await token({ personId: 80, sub: "80", sid: "session-80", sv: 3 });
    vi.useRealTimers();
    const cookies: SessionCookie[] = [];
    const got = await sessionFromCookies(`${NAME}=${old}`, {
      secret: SECRET,
      setCookie: (c) => {
        cookies.push(c);
      },
    });
    expect(got).toMatchObject({ personId: 80, sessionId: "session-80", sessionVersion: 3 });
    expect(cookies).toHaveLength(1);
    const c = cookies[0]!;
    expect(c.name).toBe(NAME);
    expect(c.options).toEqual({
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: false,
      maxAge: 30 * 24 * 60 * 60,
    });
    expect(c.value).not.toBe(old);
    const renewed = await decode({ token: c.value, secret: SECRET, salt: NAME });
    expect(renewed).toMatchObject({ personId: 80, sub: "80", sid: "session-80", sv: 3 });
    expect(renewed!.iat).toBeGreaterThanOrEqual(now() - 5);
    expect(renewed!.exp).toBeGreaterThanOrEqual(now() + SESSION_MAX_AGE_S - 5);
    // the renewed cookie reads back as the same session, without another renewal
    const again = await sessionFromCookies(`${NAME}=${c.value}`, {
      secret: SECRET,
      setCookie: () => {
        throw new Error("must not renew a fresh token");
      },
    });
    expect(again).toMatchObject({ personId: 80, sessionId: "session-80", sessionVersion: 3 });
  });

  it("over HTTPS the renewed cookie keeps the __Secure- name and the Secure flag", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() - 2 * 24 * 60 * 60 * 1000);
    const old = await token({ personId: 81 }, { salt: SECURE });
    vi.useRealTimers();
    const cookies: SessionCookie[] = [];
    await sessionFromCookies(`${SECURE}=${old}`, {
      secret: SECRET,
      setCookie: (c) => {
        cookies.push(c);
      },
    });
    expect(cookies.map((c) => [c.name, c.options.secure])).toEqual([[SECURE, true]]);
  });

  it("where the response cannot carry a cookie, the old token still counts", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() - 2 * 24 * 60 * 60 * 1000);
    const old = await token({ personId: 82 });
    vi.useRealTimers();
    const got = await sessionFromCookies(`${NAME}=${old}`, {
      secret: SECRET,
      setCookie: () => {
        throw new Error("Cookies can only be modified in a Server Action or Route Handler");
      },
    });
    expect(got?.personId).toBe(82);
  });

  it("tokens issued before session versions count as version 1 without an id", async () => {
    const got = await sessionFromCookies(`${NAME}=${await token({ personId: 83 })}`, {
      secret: SECRET,
    });
    expect(got).toMatchObject({ personId: 83, sessionVersion: 1, sessionId: null });
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
