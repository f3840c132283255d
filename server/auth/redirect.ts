import { safeRedirectPath } from "../domain/http/safe-redirect";

/**
 * Auth.js's `redirect` callback: where to send the browser after signing in or
 * out (the `callbackUrl` / `redirectTo`). Only a path on this site, checked by
 * `safeRedirectPath`, and always under `baseUrl`, the app's public origin.
 */
export function authRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  const base = baseUrl.replace(/\/+$/, "");
  let path = url;
  if (!url.startsWith("/")) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return `${base}/`;
    }
    if (parsed.origin !== new URL(base).origin) return `${base}/`;
    path = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  }
  return `${base}${safeRedirectPath(path)}`;
}
