import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { appMeta } from "../schema";
import { hashPassword } from "~/server/auth/passwords";
import { DEMO_PASSWORD, seedDemoPeople } from "./demo-people";

/** Arbitrary constant key serialising demo seeding across app servers. */
const DEMO_LOCK_KEY = 720_958;

/** Demo people (one per role) and a handful of issues, loaded once. */
export async function seedDemo(db: Db): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${DEMO_LOCK_KEY})`);
    const done = await tx
      .select()
      .from(appMeta)
      .where(sql`${appMeta.key} = 'demo-seeded'`);
    if (done.length > 0) return;
    await seedDemoPeople(tx, hash);
    await tx.insert(appMeta).values({ key: "demo-seeded", value: new Date().toISOString() });
  });
}
