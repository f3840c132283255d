import { and, isNotNull, isNull, sql } from "drizzle-orm";
import type { Queryable } from "../client";
import { people, roleGrants } from "../schema";

/** The one password every demo account uses. Documented in README.md. */
export const DEMO_PASSWORD = "iotops-demo-2026";

export interface DemoPerson {
  key: string;
  name: string;
  email: string;
  roles: { role: string; group: string }[];
}

/** One person per role, documented in README.md. */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { key: "contributor", name: "Casey Contributor", email: "contributor@example.org", roles: [] },
  {
    key: "chair",
    name: "Charlie Chair",
    email: "chair@example.org",
    roles: [{ role: "chair", group: "iotops" }],
  },
  {
    key: "chair2",
    name: "Morgan Cochair",
    email: "chair2@example.org",
    roles: [{ role: "chair", group: "iotops" }],
  },
  {
    key: "suit-chair",
    name: "Sam Suit-Chair",
    email: "suit-chair@example.org",
    roles: [{ role: "chair", group: "suit" }],
  },
  {
    key: "ad",
    name: "Avery Director",
    email: "ad@example.org",
    roles: [{ role: "ad", group: "ops" }],
  },
  {
    key: "secretariat",
    name: "Sasha Secretariat",
    email: "secretariat@example.org",
    roles: [{ role: "secretariat", group: "secretariat" }],
  },
];

/** Creates the demo people and their roles if missing. Returns their ids by key. */
export async function seedDemoPeople(
  db: Queryable,
  passwordHash: string,
): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const p of DEMO_PEOPLE) {
    // Demo addresses count as verified, so the demo AD and authors act in those capacities.
    await db
      .insert(people)
      .values({ name: p.name, email: p.email, passwordHash, emailVerified: new Date() })
      .onConflictDoNothing();
    const [row] = await db
      .update(people)
      .set({ emailVerified: sql`coalesce(${people.emailVerified}, now())` })
      .where(
        and(
          sql`lower(${people.email}) = ${p.email}`,
          isNull(people.mergedInto),
          isNotNull(people.passwordHash),
        ),
      )
      .returning({ id: people.id });
    if (!row) throw new Error(`demo person ${p.email} missing after insert`);
    ids[p.key] = row.id;
    for (const r of p.roles) {
      await db
        .insert(roleGrants)
        .values({ personId: row.id, role: r.role, groupAcronym: r.group, source: "manual" })
        .onConflictDoNothing();
    }
  }
  return ids;
}
