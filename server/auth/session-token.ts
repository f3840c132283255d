import { LRUCache } from "lru-cache";
import { decode, encode, getToken, type JWT } from "next-auth/jwt";

/** Auth.js's session cookie, without and with the `__Secure-` prefix it gets over HTTPS. */
const SESSION_COOKIE = "authjs.session-token";
const SECURE_SESSION_COOKIE = `__Secure-${SESSION_COOKIE}`;

/** Auth.js's session lifetime (its default `maxAge`); a renewed token gets it afresh. */
export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

/**
 * A session token older than this is renewed: a new token with the same claims
 * and a new expiry is set as the cookie, so active sessions keep rolling forward.
 */
export const SESSION_REFRESH_AFTER_S = 24 * 60 * 60;

/** The app's person id in a session token (see the `jwt` callback), or null. */
export function personIdOfToken(token: JWT): number | null {
  const id = typeof token.personId === "number" ? token.personId : Number(token.sub);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/**
 * What a valid session token says. `sessionVersion` and `sessionId` are checked
 * against the database on every request (see load-actor.ts): raising the
 * person's version or listing the id as revoked ends the session.
 */
export interface SessionClaims {
  personId: number;
  /** The person's session version when the token was issued (1 for tokens issued before versions). */
  sessionVersion: number;
  /** The session's id, kept across renewals; null for tokens issued before ids. */
  sessionId: string | null;
  /** The token's expiry (seconds since the epoch). */
  expiresAt: number;
}

export function sessionVersionOfToken(token: JWT): number {
  const v = token.sv;
  return typeof v === "number" && Number.isSafeInteger(v) && v > 0 ? v : 1;
}

export function sessionIdOfToken(token: JWT): string | null {
  const id = token.sid;
  return typeof id === "string" && id.length > 0 && id.length <= 100 ? id : null;
}

/** A Set-Cookie to send back with the response. */
export interface SessionCookie {
  name: string;
  value: string;
  options: {
    httpOnly: true;
    sameSite: "lax";
    path: "/";
    secure: boolean;
    maxAge: number;
  };
}

export interface SessionReadOptions {
  secret: string;
  /**
   * Sends a renewed cookie with the response. Throws where cookies cannot be
   * set (a server component's render); the old token then stays valid and is
   * renewed on a later request that can set cookies.
   */
  setCookie?: (cookie: SessionCookie) => void | Promise<void>;
  nowS?: number;
}

interface Verified {
  claims: SessionClaims | null;
  token: JWT;
  issuedAt: number;
  secret: string;
}

/**
 * Tokens this process has already decrypted and checked, until they expire. A
 * token is an authenticated ciphertext, so the same string checked once stays
 * authentic until its `exp`; remembering that saves the decryption (HKDF, HMAC
 * and AES through WebCrypto, about 1.5 ms of CPU) on every later request.
 * Whether the session was revoked is not remembered here: load-actor.ts reads
 * it from the database on every request.
 */
const verified = new LRUCache<string, Verified>({ max: 10_000 });

/**
 * The session of a request, from its Cookie header.
 *
 * A request without a session cookie costs nothing; a checked token costs a
 * cache look-up. A token older than {@link SESSION_REFRESH_AFTER_S} is re-issued
 * with the same claims through `setCookie`.
 */
export async function sessionFromCookies(
  cookieHeader: string | null,
  opts: SessionReadOptions,
): Promise<SessionClaims | null> {
  if (!cookieHeader?.includes(SESSION_COOKIE)) return null;
  const secureCookie = cookieHeader.includes(SECURE_SESSION_COOKIE);
  const name = secureCookie ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
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
    const token = await decode({ token: raw, secret: opts.secret, salt: name }).catch(() => null);
    if (!token) return null;
    const personId = personIdOfToken(token);
    // Auth.js always sets `exp`; a token without one is refused.
    const expiresAt = typeof token.exp === "number" ? token.exp : 0;
    v = {
      claims: personId
        ? {
            personId,
            sessionVersion: sessionVersionOfToken(token),
            sessionId: sessionIdOfToken(token),
            expiresAt,
          }
        : null,
      token,
      issuedAt: typeof token.iat === "number" ? token.iat : 0,
      secret: opts.secret,
    };
    const ttl = expiresAt * 1000 - Date.now();
    if (ttl > 0) verified.set(raw, v, { ttl });
  }
  if (!v.claims || v.claims.expiresAt <= now) return null;
  if (now - v.issuedAt >= SESSION_REFRESH_AFTER_S && opts.setCookie) {
    const cookie = await renewedSessionCookie(v.token, { secret: opts.secret, secureCookie });
    try {
      await opts.setCookie(cookie);
      return { ...v.claims, expiresAt: now + SESSION_MAX_AGE_S };
    } catch {
      // Not here (a page render); a later request renews it.
    }
  }
  return v.claims;
}

/** A new session cookie with the token's claims and a fresh expiry. */
export async function renewedSessionCookie(
  token: JWT,
  opts: { secret: string; secureCookie: boolean },
): Promise<SessionCookie> {
  const name = opts.secureCookie ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
  const { iat: _iat, exp: _exp, jti: _jti, ...claims } = token;
  const value = await encode({
    token: claims,
    secret: opts.secret,
    salt: name,
    maxAge: SESSION_MAX_AGE_S,
  });
  return {
    name,
    value,
    options: {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: opts.secureCookie,
      maxAge: SESSION_MAX_AGE_S,
    },
  };
}
