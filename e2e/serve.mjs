// Starts the production build on a fresh embedded database for the e2e run.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";

const port = process.argv[2] ?? "3210";
// One data folder per port, so a second run on another port never shares (or wipes) a running one's.
const dataDir = path.resolve(port === "3210" ? ".data/e2e" : `.data/e2e-${port}`);
rmSync(dataDir, { recursive: true, force: true });
const child = spawn(process.execPath, ["scripts/serve.mjs", "-p", port, "-H", "127.0.0.1"], {
  stdio: "inherit",
  env: { ...process.env, DATA_DIR: dataDir, DEMO_MODE: "true", NEXT_TELEMETRY_DISABLED: "1" },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
