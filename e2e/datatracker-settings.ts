/** Where the end-to-end tests' fake Datatracker listens, and what the app is told. */
const appPort = Number(process.env.E2E_PORT ?? 3210);

/** The fake Datatracker's port: E2E_DATATRACKER_PORT, else the app's port + 24 (3234 for the default 3210). */
export const DATATRACKER_PORT = Number(process.env.E2E_DATATRACKER_PORT ?? appPort + 24);
export const DATATRACKER_BASE = `http://127.0.0.1:${DATATRACKER_PORT}`;

/** The app's environment for syncing from the fake (no scheduled runs: the test starts them). */
export const DATATRACKER_APP_ENV = {
  DATATRACKER_API_BASE: DATATRACKER_BASE,
  DATATRACKER_SYNC: "off",
};
