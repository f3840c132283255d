import { and, eq, isNull } from "drizzle-orm";
import type { Queryable } from "~/db/client";
import { people, revokedSessions, roleGrants } from "~/db/schema";
import type { Actor, RoleGrant } from "../domain/permissions/actor";
import type { SessionClaims } from "./session-token";

/**
 * Build the Actor for a signed-in person, with roles read fresh from the database:
 * one round trip per request (the person joined to their grants).
 *
 * With the session's claims, the same query also checks that the session is
 * still valid: the person's session version matches the token's (raised by
 * "sign out everywhere" and by a merge) and the session id was not signed out.
 * So a revocation applies on every app server at the next request.
 */
export async function loadActor(
  db: Queryable,
  personId: number,
  session?: Pick<SessionClaims, "sessionVersion" | "sessionId">,
): Promise<Actor | null> {
  const rows = await db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      emailVerified: people.emailVerified,
      sessionVersion: people.sessionVersion,
      mergedInto: people.mergedInto,
      revoked: revokedSessions.sessionId,
      role: roleGrants.role,
      group: roleGrants.groupAcronym,
    })
    .from(people)
    .leftJoin(roleGrants, eq(roleGrants.personId, people.id))
    .leftJoin(
      revokedSessions,
      and(
        eq(revokedSessions.personId, people.id),
        session?.sessionId
          ? eq(revokedSessions.sessionId, session.sessionId)
          : isNull(revokedSessions.sessionId),
      ),
    )
    .where(eq(people.id, personId));
  const person = rows[0];
  if (!person || person.mergedInto !== null) return null;
  if (session && (person.sessionVersion !== session.sessionVersion || person.revoked !== null)) {
    return null;
  }
  const seen = new Set<string>();
  const roles: RoleGrant[] = [];
  for (const r of rows) {
    if (r.role === null || r.group === null) continue;
    const k = `${r.role}/${r.group}`;
    if (seen.has(k)) continue;
    seen.add(k);
    roles.push({ role: r.role, group: r.group });
  }
  return {
    personId: person.id,
    name: person.name,
    email: person.email,
    emailVerified: person.emailVerified !== null,
    roles,
  };
}
