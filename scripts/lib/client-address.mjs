// Which client address the app believes (plain Node, used by scripts/serve.mjs
// before Next.js sees a request). The sign-in and sign-up limits count per
// address (server/auth/throttle.ts reads the last X-Forwarded-For entry), so
// that entry must be one a client cannot choose.

/** TRUST_PROXY as server/env.ts reads it: "true" or "1". */
export function trustsProxy(value) {
  return value === "true" || value === "1";
}

/**
 * The X-Forwarded-For the app should see.
 * - Without a trusted proxy, the peer that connected is the client: whatever the
 *   client sent is replaced by the socket's address.
 * - Behind a trusted proxy (TRUST_PROXY=true), the proxy appended the address it
 *   saw as the last entry: the header is kept, and only a request that reached
 *   the app without one gets the socket's address.
 * A value the server cannot use (no socket address) becomes "unknown".
 */
export function forwardedFor(received, remoteAddress, trustProxy) {
  const peer = remoteAddress || "unknown";
  if (!trustProxy) return peer;
  const value = Array.isArray(received) ? received.join(", ") : received;
  return value && value.trim() !== "" ? value : peer;
}
