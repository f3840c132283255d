import { sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { people } from "~/db/schema";
import { verifyPassword } from "~/server/auth/passwords";

/** Returns the person for a correct email and password, else null. */
export async function authenticate(
  db: Db,
  email: string,
  password: string,
): Promise<{ id: number; name: string; email: string } | null> {
  const [person] = await db
    .select({ id: people.id, name: people.name, email: people.email, hash: people.passwordHash })
    .from(people)
    .where(sql`lower(${people.email}) = ${email.trim().toLowerCase()}`);
  if (!person?.hash) return null;
  if (!(await verifyPassword(password, person.hash))) return null;
  return { id: person.id, name: person.name, email: person.email };
}
