/** A Host header value: a host name or address, maybe a port, nothing more. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

export type OriginSettings = {
  /** APP_URL: the one public address of the app, when configured. */
  appUrl: string | undefined;
  /** TRUST_PROXY: a reverse proxy in front sets X-Forwarded-Host and X-Forwarded-Proto. */
  trustProxy: boolean;
};

function originOf(proto: string | null, host: string | null): string | null {
  if (!host || (proto !== "http" && proto !== "https") || !HOST.test(host)) return null;
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return null;
  }
}

const first = (headers: Headers, name: string) => headers.get(name)?.split(",")[0]?.trim() || null;

const protocolOf = (requestUrl: string) => new URL(requestUrl).protocol.replace(/:$/, "");

/**
 * The public origin of a request: APP_URL's when set; else, when TRUST_PROXY
 * says a proxy sets them, X-Forwarded-Host and X-Forwarded-Proto; else the Host
 * header the browser sent, over http (`next start` serves plain http; an https
 * deployment sits behind a proxy and sets APP_URL or TRUST_PROXY). Forwarded
 * headers are ignored unless trusted, so a client cannot make sign-in or
 * sign-out redirect to a host (or scheme) of its choosing. Null when there is nothing usable, in which case
 * the request URL is kept.
 *
 * Next.js hands route handlers a URL built from the server's own host name
 * (`localhost`), while Auth.js derives the OpenID Connect redirect URL from the
 * request URL, and that must match the one registered with the Datatracker:
 * `<APP_URL>/api/auth/callback/datatracker`.
 */
export function publicOrigin(
  headers: Headers,
  requestUrl: string,
  settings: OriginSettings,
): string | null {
  if (settings.appUrl) return new URL(settings.appUrl).origin;
  if (settings.trustProxy) {
    return originOf(
      first(headers, "x-forwarded-proto") ?? protocolOf(requestUrl),
      first(headers, "x-forwarded-host") ?? first(headers, "host"),
    );
  }
  return originOf("http", first(headers, "host"));
}

/**
 * Every origin under which a browser may address this app, for the CSRF check:
 * the public origin, and the Host the browser itself sent (a browser names the
 * server it talks to there; another site cannot change it).
 */
export function appOrigins(
  headers: Headers,
  requestUrl: string,
  settings: OriginSettings,
): string[] {
  const direct = originOf(protocolOf(requestUrl), first(headers, "host"));
  const origins = [publicOrigin(headers, requestUrl, settings), direct];
  return [...new Set(origins.filter((o): o is string => o !== null))];
}

/**
 * The X-Forwarded-Host and X-Forwarded-Proto values the app may act on: those of
 * the public origin. The proxy replaces whatever the client sent with these, so
 * Auth.js (which reads them for sign-in and sign-out URLs) never sees a spoofed host.
 */
export function forwardedHeaders(
  headers: Headers,
  requestUrl: string,
  settings: OriginSettings,
): { host: string; proto: string } | null {
  const origin = publicOrigin(headers, requestUrl, settings);
  if (!origin) return null;
  const url = new URL(origin);
  return { host: url.host, proto: url.protocol.replace(/:$/, "") };
}
