/**
 * Shared set-up for integration tests of every area: signed-up people with
 * (role, group) grants, as the services see them, and the cast of everyone the
 * dispatch process involves. Test-only; nothing in the app imports it.
 */
import { eq } from "drizzle-orm";
import type { Db } from "~/db/client";
import { people, roleGrants } from "~/db/schema";
import { loadActor } from "~/server/auth/load-actor";
import type { Actor } from "~/server/domain/permissions/actor";
import { signUp } from "./sign-up";

/** Mark an address verified, as following the emailed link would. */
export async function markVerified(db: Db, personId: number, at: Date = new Date()) {
  await db.update(people).set({ emailVerified: at }).where(eq(people.id, personId));
}

/** A signed-up person with the given (role, group) grants, as the services see them. */
export async function makePerson(
  db: Db,
  name: string,
  roles: readonly (readonly [role: string, group: string])[] = [],
): Promise<Actor> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, ".")}@example.org`;
  const { personId } = await signUp(db, { name, email, password: "long-enough-pw" });
  // As if the emailed link had been followed: capacities held by e-mail need a verified address.
  await markVerified(db, personId);
  if (roles.length > 0) {
    await db
      .insert(roleGrants)
      .values(roles.map(([role, group]) => ({ personId, role, groupAcronym: group })));
  }
  const actor = await loadActor(db, personId);
  if (!actor) throw new Error(`could not load ${name}`);
  return actor;
}

/** Everyone the dispatch process involves. */
export interface Cast {
  /** A contributor who files issues. */
  alice: Actor;
  /** Another contributor with no roles. */
  bob: Actor;
  iotopsChair: Actor;
  iotopsChair2: Actor;
  suitChair: Actor;
  opsAd: Actor;
  intAd: Actor;
  secretariat: Actor;
}

export async function makeCast(db: Db): Promise<Cast> {
  return {
    alice: await makePerson(db, "Alice Contributor"),
    bob: await makePerson(db, "Bob Contributor"),
    iotopsChair: await makePerson(db, "Carol Iotops Chair", [["chair", "iotops"]]),
    iotopsChair2: await makePerson(db, "Chris Iotops Chair", [["chair", "iotops"]]),
    suitChair: await makePerson(db, "Dave Suit Chair", [["chair", "suit"]]),
    opsAd: await makePerson(db, "Erin Ops AD", [["ad", "ops"]]),
    intAd: await makePerson(db, "Frank Int AD", [["ad", "int"]]),
    secretariat: await makePerson(db, "Grace Secretariat", [["secretariat", "secretariat"]]),
  };
}
