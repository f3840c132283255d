import { eq } from "drizzle-orm";
import type { Db } from "~/db/client";
import { people } from "~/db/schema";

/** Mark an address verified, as following the emailed link would. Test-only. */
export async function markVerified(db: Db, personId: number, at: Date = new Date()) {
  await db.update(people).set({ emailVerified: at }).where(eq(people.id, personId));
}
