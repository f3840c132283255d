import type { NextConfig } from "next";
import { securityHeaders } from "./server/domain/http/security-headers";

const nextConfig: NextConfig = {
  // PGlite must not be bundled: it resolves its WASM files relative to itself.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "bcryptjs"],
  poweredByHeader: false,
  // A separate build folder lets a second build (e.g. a benchmark) run beside a served one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The single type-check gate is `npm run typecheck` (first phase of `npm test`, and CI).
  // Measured on the 2-core machine: tsc alone 139 s, the same check inside `next build`
  // 216 s on top of compiling, so checking twice would only add time (docs/architecture.md).
  typescript: { ignoreBuildErrors: true },
  // The baseline security headers, for responses proxy.ts does not see (static
  // files; requests with a large or chunked body). It allows no script at all;
  // proxy.ts replaces it on everything else by a policy with a per-request nonce.
  // A large or chunked body for a page or a route other than tRPC and Auth.js
  // (which limit their bodies themselves) is refused at once, unread, by
  // app/api/body-refused; proxy.ts does not see such requests.
  async rewrites() {
    const anyOther = "/:path((?!api/trpc/|api/auth/).*)";
    return {
      beforeFiles: [
        {
          source: anyOther,
          has: [{ type: "header", key: "content-length", value: "[0-9]{7,}" }],
          destination: "/api/body-refused",
        },
        {
          source: anyOther,
          has: [{ type: "header", key: "transfer-encoding" }],
          destination: "/api/body-refused",
        },
      ],
    };
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: securityHeaders({ nonce: null, https: false }).map(([key, value]) => ({
          key,
          value,
        })),
      },
    ];
  },
};

export default nextConfig;
