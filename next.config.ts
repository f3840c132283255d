import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite must not be bundled: it resolves its WASM files relative to itself.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "bcryptjs"],
  poweredByHeader: false,
  // A separate build folder lets a second build (e.g. a benchmark) run beside a served one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
