import { and, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { people } from "~/db/schema";
import { verifyAgainstDummy, verifyPassword } from "~/server/auth/passwords";

/**
 * Returns the person for a correct email and password, else null. An unknown
 * address (or an account without a password) is compared against a dummy hash,
 * so it takes as long to refuse as a wrong password and timing does not reveal
 * which addresses have accounts.
 */
export async function authenticate(
  db: Db,
  email: string,
  password: string,
): Promise<{ id: number; name: string; email: string; sessionVersion: number } | null> {
  const [person] = await db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      hash: people.passwordHash,
      sessionVersion: people.sessionVersion,
    })
    .from(people)
    .where(
      and(
        sql`lower(${people.email}) = ${email.trim().toLowerCase()}`,
        isNotNull(people.passwordHash),
        isNull(people.mergedInto),
      ),
    )
    .limit(1);
  if (!person?.hash) {
    await verifyAgainstDummy(password);
    return null;
  }
  if (!(await verifyPassword(password, person.hash))) return null;
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    sessionVersion: person.sessionVersion,
  };
}
