/**
 * npm run fake:datatracker -- [--port N]
 *
 * Serves the project's Datatracker fixture on 127.0.0.1 (a stand-in for the
 * Datatracker's API, for trying the sync and for the end-to-end tests), until
 * stopped. Try it with `npm run sync:datatracker -- --base http://127.0.0.1:N`.
 */
import { fixtureData } from "~/server/testing/datatracker-fixtures";
import { startFakeDatatracker } from "~/server/testing/fake-datatracker";

const i = process.argv.indexOf("--port");
const port = i >= 0 ? Number(process.argv[i + 1]) : 0;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error("Usage: npm run fake:datatracker -- [--port 1-65535]");
  process.exit(2);
}
const fake = await startFakeDatatracker(fixtureData(), { port });
console.log(`Fake Datatracker at ${fake.base}`);
const stop = () => void fake.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
