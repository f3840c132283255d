/**
 * Test helper: `node --import tsx db/tests/hold-folder.ts DIR` opens the PGlite
 * folder as the app server does (lock, backups on signal), prints "open" and
 * keeps it open until killed.
 */
import { openDatabase } from "../client";

const database = await openDatabase({ dataDir: process.argv[2]! });
process.stdout.write("open\n");
setInterval(() => {}, 60_000);
process.on("SIGTERM", () => void database.close().then(() => process.exit(0)));
