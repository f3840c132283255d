import { eq } from "drizzle-orm";
import type { Queryable } from "~/db/client";
import { people, roleGrants } from "~/db/schema";
import type { Actor } from "../domain/permissions/actor";

/** Build the Actor for a signed-in person, with roles read fresh from the database. */
export async function loadActor(db: Queryable, personId: number): Promise<Actor | null> {
  const [person] = await db
    .select({ id: people.id, name: people.name, email: people.email })
    .from(people)
    .where(eq(people.id, personId));
  if (!person) return null;
  const grants = await db
    .select({ role: roleGrants.role, group: roleGrants.groupAcronym })
    .from(roleGrants)
    .where(eq(roleGrants.personId, personId));
  const seen = new Set<string>();
  const roles = grants.filter((g) => {
    const k = `${g.role}/${g.group}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return { personId: person.id, name: person.name, email: person.email, roles };
}
