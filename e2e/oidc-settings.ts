/**
 * Where the end-to-end tests' OpenID Connect provider (e2e/oidc-provider.mjs)
 * runs, and the client the app is registered as. Shared by playwright.config.ts
 * and e2e/oidc.spec.ts.
 */
const appPort = Number(process.env.E2E_PORT ?? 3210);

/** The provider's port: E2E_OIDC_PORT, else the app's port + 21 (3231 for the default 3210). */
export const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? appPort + 21);
export const OIDC_ORIGIN = `http://127.0.0.1:${OIDC_PORT}`;
/** The issuer has a path, as the Datatracker's does. */
export const OIDC_ISSUER = `${OIDC_ORIGIN}/api/openid`;
/** Test controls (accounts, failure modes); see e2e/oidc-provider.mjs. */
export const OIDC_ADMIN = `${OIDC_ORIGIN}/__admin`;

/** The app's environment for Datatracker sign-in against the test provider. */
export const OIDC_APP_ENV = {
  DATATRACKER_OIDC_ISSUER: OIDC_ISSUER,
  DATATRACKER_OIDC_CLIENT_ID: "iotops-dispatch-e2e",
  DATATRACKER_OIDC_CLIENT_SECRET: "e2e-client-secret-only-for-tests",
};
