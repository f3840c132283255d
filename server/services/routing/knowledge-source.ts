import { migrateDatabase } from "~/db/client";
import { openConfiguredDatabase } from "~/server/configured-database";
import type { KnownDocument } from "~/server/domain/routing";
import { loadKnowledge } from "./knowledge";

/**
 * For command-line tools: read the routing knowledge from the configured database
 * (DATABASE_URL, or the embedded database in DATA_DIR). The embedded database is
 * refused with a clear message while an app server holds it.
 */
export async function loadKnownDocuments(): Promise<{
  documents: KnownDocument[];
  close: () => Promise<void>;
}> {
  const database = await openConfiguredDatabase();
  try {
    await migrateDatabase(database);
    return { documents: await loadKnowledge(database.db), close: database.close };
  } catch (err) {
    await database.close();
    throw err;
  }
}
