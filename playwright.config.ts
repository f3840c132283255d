import { defineConfig, devices } from "@playwright/test";
import { OIDC_APP_ENV, OIDC_ISSUER, OIDC_PORT } from "./e2e/oidc-settings";
import {
  DATATRACKER_APP_ENV,
  DATATRACKER_BASE,
  DATATRACKER_PORT,
} from "./e2e/datatracker-settings";
import {
  MAIL_APP_ENV,
  SMTP_CAPTURE_HTTP_PORT,
  SMTP_CAPTURE_URL,
  SMTP_PORT,
} from "./e2e/pages/mail-capture";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: "./e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Files run side by side, tests within a file in order. The run is mostly waiting
  // (page loads, mail-worker ticks, the digest period), so two workers halve it
  // even on two cores; E2E_WORKERS=1 runs one file at a time.
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: [
    {
      // A fake IETF Datatracker API on loopback, serving the project's fixture.
      command: `npx tsx scripts/fake-datatracker.ts --port ${DATATRACKER_PORT}`,
      url: `${DATATRACKER_BASE}/api/v1/group/group/?limit=1`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // A loopback SMTP server that keeps what the app's mail worker sends (e2e/smtp-capture.mjs).
      command: `node e2e/smtp-capture.mjs ${SMTP_PORT} ${SMTP_CAPTURE_HTTP_PORT}`,
      url: `${SMTP_CAPTURE_URL}/health`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // A production server on a fresh embedded database with demo data.
      command: `node e2e/serve.mjs ${PORT}`,
      url: `${baseURL}/api/health`,
      // Datatracker sign-in goes to the test OpenID Connect provider below; e-mail goes
      // to the SMTP capture server above.
      env: { ...OIDC_APP_ENV, ...MAIL_APP_ENV, ...DATATRACKER_APP_ENV },
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // A real OpenID Connect provider set up like the Datatracker's (e2e/oidc-provider.mjs).
      command: `node e2e/oidc-provider.mjs ${OIDC_PORT} ${PORT}`,
      url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
      env: OIDC_APP_ENV,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
