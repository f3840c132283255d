#!/usr/bin/env node
// Serves the production build, as `next start` does, with one difference
// `next start` cannot make: X-Forwarded-For is set from the connection before
// Next.js sees the request (Next.js only fills it in when a client left it out),
// so the per-address sign-in and sign-up limits count the real peer. Behind a
// reverse proxy, set TRUST_PROXY=true to keep the proxy's header instead
// (docs/security.md, "Forwarded headers").
//
//   node scripts/serve.mjs [-p PORT] [-H HOST]     (defaults: $PORT or 3000, all interfaces)
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { forwardedFor, trustsProxy } from "./lib/client-address.mjs";

const { values } = parseArgs({
  options: {
    port: { type: "string", short: "p" },
    hostname: { type: "string", short: "H" },
  },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname;
// Next.js reads NODE_ENV when it is loaded; a production server is always "production".
process.env.NODE_ENV = "production";
const { default: next } = await import("next");

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const app = next({ dev: false, dir, hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

const trustProxy = trustsProxy(process.env.TRUST_PROXY);
const server = createServer((req, res) => {
  req.headers["x-forwarded-for"] = forwardedFor(
    req.headers["x-forwarded-for"],
    req.socket.remoteAddress,
    trustProxy,
  );
  void handle(req, res);
});
server.listen(port, hostname, () => {
  console.log(`▲ Ready on http://${hostname ?? "localhost"}:${port}`);
});

let stopping = false;
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    if (stopping) process.exit(1);
    stopping = true;
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
