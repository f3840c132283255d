#!/usr/bin/env node
// `npm start`: install if needed, build if needed, then serve on the embedded
// database with demo data. Migrations and seeding run when the server starts.
import { spawn } from "node:child_process";
import { ensureBuild, ensureDependencies, log, root } from "./lib/setup.mjs";

ensureDependencies();
if (!ensureBuild()) process.exit(1);

const port = process.env.PORT || "3000";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
if (env.DEMO_MODE === undefined) env.DEMO_MODE = "true";
// Keep the server's heap modest (see docs/benchmarks.md); override with NODE_OPTIONS.
if (env.NODE_OPTIONS === undefined) env.NODE_OPTIONS = "--max-old-space-size=512";
log(
  `Serving on http://localhost:${port} (${env.DATABASE_URL ? "PostgreSQL" : "embedded database in .data/"}${env.DEMO_MODE === "true" ? ", demo data" : ""})`,
);
const child = spawn(process.execPath, ["scripts/serve.mjs", "-p", port], {
  cwd: root,
  stdio: "inherit",
  env,
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
