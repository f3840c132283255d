import { LRUCache } from "lru-cache";
import { decode, getToken, type JWT } from "next-auth/jwt";

/** Auth.js's session cookie, without and with the `__Secure-` prefix it gets over HTTPS. */
const SESSION_COOKIE = "authjs.session-token";
const SECURE_SESSION_COOKIE = `__Secure-${SESSION_COOKIE}`;

/**
 * A session token older than this is renewed through Auth.js (which re-issues
 * the cookie with a new expiry), so active sessions keep rolling forward, as
 * Auth.js's own `updateAge` does for database sessions.
 */
export const SESSION_REFRESH_AFTER_S = 24 * 60 * 60;

/** The app's person id in a session token (see the `jwt` callback), or null. */
export function personIdOfToken(token: JWT): number | null {
  const id = typeof token.personId === "number" ? token.personId : Number(token.sub);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

export interface SessionReadOptions {
  secret: string;
  /** The full Auth.js session read, which also renews the cookie. */
  renew: () => Promise<number | null>;
  nowS?: number;
}

interface Verified {
  personId: number | null;
  issuedAt: number;
  expiresAt: number;
  secret: string;
}

/**
 * Tokens this process has already decrypted and checked, until they expire. A
 * token is an authenticated ciphertext, so the same string checked once stays
 * valid until its `exp`; remembering that saves the decryption (HKDF, HMAC and
 * AES through WebCrypto, about 1.5 ms of CPU) on every later request.
 */
const verified = new LRUCache<string, Verified>({ max: 10_000 });

/**
 * The signed-in person of a request, from its Cookie header.
 *
 * Auth.js's `auth()` decrypts the token and encrypts a new one on every call;
 * with the decryption remembered (see `verified`) a signed-in request costs
 * little more than an anonymous one (docs/benchmarks.md). A request without a
 * session cookie costs nothing; a token older than {@link SESSION_REFRESH_AFTER_S}
 * goes through `renew`, which re-issues it.
 */
export async function personIdFromCookies(
  cookieHeader: string | null,
  opts: SessionReadOptions,
): Promise<number | null> {
  if (!cookieHeader?.includes(SESSION_COOKIE)) return null;
  const secureCookie = cookieHeader.includes(SECURE_SESSION_COOKIE);
  // The token as sent (Auth.js splits a long one over several cookies).
  const raw = await getToken({
    req: { headers: { cookie: cookieHeader } },
    secureCookie,
    raw: true,
  });
  if (!raw) return null;
  const now = opts.nowS ?? Math.floor(Date.now() / 1000);
  let v = verified.get(raw);
  if (!v || v.secret !== opts.secret) {
    const salt = secureCookie ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
    const token = await decode({ token: raw, secret: opts.secret, salt }).catch(() => null);
    if (!token) return null;
    v = {
      personId: personIdOfToken(token),
      issuedAt: typeof token.iat === "number" ? token.iat : 0,
      expiresAt: typeof token.exp === "number" ? token.exp : 0,
      secret: opts.secret,
    };
    const ttl = v.expiresAt * 1000 - Date.now();
    if (ttl > 0) verified.set(raw, v, { ttl });
  }
  // Auth.js always sets `exp`; a token without one is refused.
  if (v.expiresAt <= now) return null;
  if (now - v.issuedAt >= SESSION_REFRESH_AFTER_S) return opts.renew();
  return v.personId;
}
