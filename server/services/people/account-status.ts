import { and, eq } from "drizzle-orm";
import type { Db } from "~/db/client";
import { accounts, people } from "~/db/schema";
import { DomainError } from "~/server/domain/errors";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { DATATRACKER_PROVIDER } from "./sign-in-with-datatracker";

export interface AccountStatus {
  email: string;
  emailVerified: boolean;
  hasPassword: boolean;
  datatrackerLinked: boolean;
}

/** What the settings page shows about the signed-in person's account. */
export async function accountStatus(db: Db, actor: MaybeActor): Promise<AccountStatus> {
  if (!actor) throw new DomainError("UNAUTHENTICATED", "Sign in to see your account.");
  const [row] = await db
    .select({
      email: people.email,
      emailVerified: people.emailVerified,
      passwordHash: people.passwordHash,
      link: accounts.id,
    })
    .from(people)
    .leftJoin(
      accounts,
      and(eq(accounts.personId, people.id), eq(accounts.provider, DATATRACKER_PROVIDER)),
    )
    .where(eq(people.id, actor.personId))
    .limit(1);
  if (!row) throw new DomainError("NOT_FOUND", "Your account was not found.");
  return {
    email: row.email,
    emailVerified: row.emailVerified !== null,
    hasPassword: row.passwordHash !== null,
    datatrackerLinked: row.link !== null,
  };
}
