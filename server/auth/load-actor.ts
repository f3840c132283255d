import { eq } from "drizzle-orm";
import type { Queryable } from "~/db/client";
import { people, roleGrants } from "~/db/schema";
import type { Actor, RoleGrant } from "../domain/permissions/actor";

/**
 * Build the Actor for a signed-in person, with roles read fresh from the database:
 * one round trip per request (the person joined to their grants).
 */
export async function loadActor(db: Queryable, personId: number): Promise<Actor | null> {
  const rows = await db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      role: roleGrants.role,
      group: roleGrants.groupAcronym,
    })
    .from(people)
    .leftJoin(roleGrants, eq(roleGrants.personId, people.id))
    .where(eq(people.id, personId));
  const person = rows[0];
  if (!person) return null;
  const seen = new Set<string>();
  const roles: RoleGrant[] = [];
  for (const r of rows) {
    if (r.role === null || r.group === null) continue;
    const k = `${r.role}/${r.group}`;
    if (seen.has(k)) continue;
    seen.add(k);
    roles.push({ role: r.role, group: r.group });
  }
  return { personId: person.id, name: person.name, email: person.email, roles };
}
