/**
 * Where the app may send a browser after signing in or up: only a path on this
 * site, checked the way a browser will read it.
 *
 * Browsers forgive a lot in a URL: they drop tabs and newlines anywhere, read a
 * backslash as a slash, and take `//host` (or `/\host`) as "another host, same
 * scheme". A query parameter such as `callbackUrl` also arrives decoded once, so
 * `/%5Cevil.example` reaches the page as `/\evil.example`. This function refuses
 * anything that could leave the site under any of these readings, and returns
 * the path as the browser would normalise it.
 */

const BASE = "http://app.invalid";
const MAX_LENGTH = 2048;
/** C0 controls, space and DEL: browsers strip or misread them in URLs. */
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f]/;

/** Repeatedly percent-decode (a value can be encoded several times over); null if malformed. */
function fullyDecoded(value: string): string | null {
  let current = value;
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

/** True when `path` would be read as another host or scheme by a browser. */
function leavesSite(path: string): boolean {
  return (
    !path.startsWith("/") ||
    path.startsWith("//") ||
    path.startsWith("/\\") ||
    path.includes("\\") ||
    CONTROL_OR_SPACE.test(path) ||
    // Unicode line and paragraph separators and other invisible tricks have no place in a path.
    /[\u0080-\u009f\u2028\u2029\ufeff]/.test(path)
  );
}

/**
 * `raw` if it is a same-origin relative path, normalised (`/a/../b` → `/b`);
 * otherwise `fallback`.
 */
export function safeRedirectPath(raw: unknown, fallback = "/"): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_LENGTH) return fallback;
  if (leavesSite(raw)) return fallback;
  // Decoded once more (by a router, a proxy or a later link), it must still start as a path.
  const decoded = fullyDecoded(raw)?.replace(/[\t\n\r]/g, "");
  if (decoded === undefined || !/^\/(?![/\\])/.test(decoded)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const normalised = `${url.pathname}${url.search}${url.hash}`;
  // `/..//evil` normalises to `//evil`: check the result as well.
  if (leavesSite(normalised)) return fallback;
  return normalised;
}

/**
 * A link to `page` (sign-in, sign-up) that carries where to go afterwards,
 * unless that is the home page.
 */
export function withCallbackUrl(page: string, callbackUrl: unknown): string {
  const target = safeRedirectPath(callbackUrl);
  return target === "/" ? page : `${page}?${new URLSearchParams({ callbackUrl: target })}`;
}
