/** A Host header value: a host name or address, maybe a port, nothing more. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The public origin of a request to the auth routes: APP_URL's when set, else
 * the one the client addressed (X-Forwarded-Host / Host, and
 * X-Forwarded-Proto), as Auth.js's `trustHost` allows. Null when there is
 * nothing usable, in which case the request URL is kept.
 *
 * Next.js hands route handlers a URL built from the server's own host name
 * (`localhost`), while Auth.js derives the OpenID Connect redirect URL from the
 * request URL, and that must match the one registered with the Datatracker:
 * `<APP_URL>/api/auth/callback/datatracker`.
 */
export function publicOrigin(
  headers: Headers,
  requestUrl: string,
  appUrl: string | undefined,
): string | null {
  if (appUrl) return new URL(appUrl).origin;
  const first = (name: string) => headers.get(name)?.split(",")[0]?.trim() || null;
  const host = first("x-forwarded-host") ?? first("host");
  if (!host) return null;
  const proto = first("x-forwarded-proto") ?? new URL(requestUrl).protocol.replace(/:$/, "");
  if (proto !== "http" && proto !== "https") return null;
  if (!HOST.test(host)) return null;
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return null;
  }
}
