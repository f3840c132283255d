import { eq, sql } from "drizzle-orm";
import type { Queryable } from "~/db/client";
import { accounts, people } from "~/db/schema";
import { datatrackerPersonId } from "~/server/domain/documents/datatracker-links";

/**
 * How to show a document's responsible AD: the person's name when the stored
 * value (a Datatracker person id, an email or a name) matches someone in the
 * app; a name as stored; otherwise a plain "not known here" with the id.
 */
export async function responsibleAdDisplay(
  db: Queryable,
  ad: string | null,
): Promise<{ name: string; known: boolean } | null> {
  if (!ad) return null;
  const personId = datatrackerPersonId(ad);
  if (personId) {
    const [linked] = await db
      .select({ name: people.name })
      .from(accounts)
      .innerJoin(people, eq(people.id, accounts.personId))
      .where(eq(accounts.providerAccountId, personId));
    return linked
      ? { name: linked.name, known: true }
      : {
          name: `an area director not yet known here (Datatracker person ${personId})`,
          known: false,
        };
  }
  if (ad.includes("@")) {
    const [person] = await db
      .select({ name: people.name })
      .from(people)
      .where(sql`lower(${people.email}) = ${ad.toLowerCase()}`);
    return person ? { name: person.name, known: true } : { name: ad, known: false };
  }
  return { name: ad, known: true };
}
