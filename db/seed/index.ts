import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { appMeta } from "../schema";
import { seedCatalog } from "./reference";
import { seedVocabulary } from "./vocabulary";
import { seedDemo } from "./demo";
import { seedMeetings } from "./meetings";

export interface SeedOptions {
  /** Also load the demo people and issues. */
  demo: boolean;
}

/**
 * Idempotent: reference data is upserted every time (so code changes to the
 * catalog reach existing databases); demo data is loaded once, marked in app_meta.
 */
export async function seedDatabase(db: Db, opts: SeedOptions): Promise<void> {
  await db.transaction(async (tx) => {
    await seedCatalog(tx);
    await seedVocabulary(tx);
    await seedMeetings(tx);
  });
  if (!opts.demo) return;
  const [done] = await db.select().from(appMeta).where(eq(appMeta.key, "demo-seeded"));
  if (done) return;
  await seedDemo(db);
}
