/**
 * The security headers of every response, decided in one place (applied by
 * `proxy.ts`, with a nonce-free baseline in `next.config.ts` for responses the
 * proxy does not see, such as static files).
 */

export type SecurityHeaderOptions = {
  /** The per-request CSP nonce; null for the baseline, which allows no script at all. */
  nonce: string | null;
  /** The response is served over https (HSTS is sent only then). */
  https: boolean;
  /** `next dev` needs `eval` for its error overlay; production never does. */
  development?: boolean;
};

/**
 * The Content-Security-Policy. Scripts run only with this response's nonce
 * (`'strict-dynamic'` lets them load Next.js's chunks); styles come from this
 * site or carry the nonce, and `style` attributes (progress bars) are allowed;
 * nothing may frame a page; forms post only here.
 */
export function contentSecurityPolicy({ nonce, development = false }: SecurityHeaderOptions) {
  const script = nonce
    ? `'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`
    : "'none'";
  const directives: [string, string][] = [
    ["default-src", "'self'"],
    ["script-src", script],
    ["style-src", nonce ? `'self' 'nonce-${nonce}'` : "'self'"],
    ["style-src-attr", "'unsafe-inline'"],
    ["img-src", "'self' data: blob:"],
    ["font-src", "'self'"],
    ["connect-src", development ? "'self' ws: wss:" : "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
    ["frame-src", "'none'"],
    ["worker-src", "'self'"],
    ["manifest-src", "'self'"],
  ];
  return directives.map(([name, value]) => `${name} ${value}`).join("; ");
}

/** HSTS for a year, subdomains included; only meaningful (and only sent) over https. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

/** Every header name here is lower case, so a later layer replaces rather than duplicates it. */
export function securityHeaders(options: SecurityHeaderOptions): [string, string][] {
  const headers: [string, string][] = [
    ["content-security-policy", contentSecurityPolicy(options)],
    ["x-frame-options", "DENY"],
    ["x-content-type-options", "nosniff"],
    ["referrer-policy", "strict-origin-when-cross-origin"],
    [
      "permissions-policy",
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), browsing-topics=()",
    ],
    ["cross-origin-opener-policy", "same-origin"],
    ["cross-origin-resource-policy", "same-origin"],
    ["origin-agent-cluster", "?1"],
    ["x-dns-prefetch-control", "off"],
    ["x-permitted-cross-domain-policies", "none"],
  ];
  if (options.https) headers.push(["strict-transport-security", STRICT_TRANSPORT_SECURITY]);
  return headers;
}

/**
 * A fresh nonce: 16 random bytes, base64. `random` is injectable so the
 * function stays pure in tests; it defaults to the Web Crypto API.
 */
export function newNonce(
  random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  const bytes = random(new Uint8Array(16));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
