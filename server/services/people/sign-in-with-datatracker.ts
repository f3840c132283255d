import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "~/db/client";
import { accounts, people, roleGrants } from "~/db/schema";
import type { RoleGrant } from "~/server/domain/permissions/actor";
import {
  decideDatatrackerIdentity,
  parseDatatrackerProfile,
  type RefusalReason,
} from "~/server/domain/permissions/datatracker-identity";
import {
  DATATRACKER_SOURCE,
  diffDatatrackerRoles,
  parseRolesClaim,
} from "~/server/domain/permissions/datatracker-roles";
import { recordEvents, type EventInput } from "../events";

/** `accounts.provider` for Datatracker sign-ins (also the Auth.js provider id). */
export const DATATRACKER_PROVIDER = "datatracker";
/** The capacity recorded on events this sign-in writes. */
export const DATATRACKER_SIGN_IN_CAPACITY = "datatracker-sign-in";

export type DatatrackerSignIn =
  | {
      ok: true;
      personId: number;
      name: string;
      email: string;
      /** How the person was found: by the linked subject, by email, or newly created. */
      matchedBy: "subject" | "email" | "created";
      granted: RoleGrant[];
      revoked: RoleGrant[];
      /** Entries of the roles claim that were not usable pairs (they grant nothing). */
      ignoredRoles: unknown[];
    }
  | { ok: false; reason: RefusalReason | "no-subject" };

/**
 * Sign a person in from the Datatracker's claims (the userinfo response):
 * find or create the person (see the linking rules in
 * server/domain/permissions/datatracker-identity.ts), link the Datatracker
 * subject to them, and make their Datatracker-sourced role grants equal the
 * `roles` claim. Manual grants are never touched. Every change is recorded as
 * an event in the same transaction.
 */
export async function signInWithDatatracker(
  db: Db,
  claims: Record<string, unknown>,
): Promise<DatatrackerSignIn> {
  const profile = parseDatatrackerProfile(claims);
  if (!profile) return { ok: false, reason: "no-subject" };
  const { roles: claimed, ignored } = parseRolesClaim(claims.roles);

  const attempt = () =>
    db.transaction(async (tx): Promise<DatatrackerSignIn> => {
      const [linked] = await tx
        .select({ personId: accounts.personId })
        .from(accounts)
        .where(
          and(
            eq(accounts.provider, DATATRACKER_PROVIDER),
            eq(accounts.providerAccountId, profile.subject),
          ),
        );
      const [withEmail] =
        !linked && profile.email
          ? await tx
              .select({
                id: people.id,
                verified: sql<boolean>`${people.emailVerified} is not null`,
              })
              .from(people)
              .where(and(sql`lower(${people.email}) = ${profile.email}`, isNull(people.mergedInto)))
              .orderBy(sql`${people.emailVerified} is null`, people.id)
              .limit(1)
          : [];
      const decision = decideDatatrackerIdentity({
        profile,
        linkedPersonId: linked?.personId ?? null,
        personWithEmail: withEmail
          ? { personId: withEmail.id, verified: withEmail.verified }
          : null,
      });
      if (decision.kind === "refuse") return { ok: false, reason: decision.reason };

      const events: EventInput[] = [];
      let personId: number;
      let matchedBy: "subject" | "email" | "created";
      if (decision.kind === "create") {
        const [row] = await tx
          .insert(people)
          .values({
            name: profile.name,
            email: profile.email!,
            passwordHash: null,
            emailVerified: new Date(),
          })
          .returning({ id: people.id });
        if (!row) throw new Error("insert returned no row");
        personId = row.id;
        matchedBy = "created";
        events.push({
          subjectType: "person",
          subjectKey: personId,
          type: "person-signed-up",
          actorId: personId,
          actorCapacity: DATATRACKER_SIGN_IN_CAPACITY,
          payload: { name: profile.name, email: profile.email, via: DATATRACKER_PROVIDER },
        });
      } else {
        personId = decision.personId;
        matchedBy = decision.kind === "linked" ? "subject" : "email";
      }
      if (decision.kind !== "linked") {
        await tx.insert(accounts).values({
          personId,
          provider: DATATRACKER_PROVIDER,
          providerAccountId: profile.subject,
        });
        events.push({
          subjectType: "person",
          subjectKey: personId,
          type: "account-linked",
          actorId: personId,
          actorCapacity: DATATRACKER_SIGN_IN_CAPACITY,
          payload: {
            provider: DATATRACKER_PROVIDER,
            subject: profile.subject,
            matchedBy: decision.kind === "create" ? "new-person" : "email",
            email: profile.email,
          },
        });
      }

      const { granted, revoked } = await syncRoles(tx, personId, claimed, events);
      await recordEvents(tx, events);

      const [person] = await tx
        .select({ name: people.name, email: people.email })
        .from(people)
        .where(eq(people.id, personId));
      if (!person) throw new Error(`person ${personId} vanished during sign-in`);
      return {
        ok: true,
        personId,
        name: person.name,
        email: person.email,
        matchedBy,
        granted,
        revoked,
        ignoredRoles: ignored,
      };
    });

  try {
    return await attempt();
  } catch (e) {
    // Two first sign-ins of the same person at once: the loser hits a unique
    // index (email, subject or grant). Its transaction rolled back; once more
    // finds what the winner wrote.
    if (isUniqueViolation(e)) return attempt();
    throw e;
  }
}

async function syncRoles(
  tx: Tx,
  personId: number,
  claimed: RoleGrant[],
  events: EventInput[],
): Promise<{ granted: RoleGrant[]; revoked: RoleGrant[] }> {
  const current = await tx
    .select({
      id: roleGrants.id,
      role: roleGrants.role,
      group: roleGrants.groupAcronym,
      source: roleGrants.source,
    })
    .from(roleGrants)
    .where(eq(roleGrants.personId, personId));
  const diff = diffDatatrackerRoles(current, claimed);

  if (diff.remove.length > 0) {
    await tx.delete(roleGrants).where(
      and(
        eq(roleGrants.personId, personId),
        eq(roleGrants.source, DATATRACKER_SOURCE),
        inArray(
          roleGrants.id,
          diff.remove.map((g) => g.id),
        ),
      ),
    );
  }
  for (const g of diff.remove) {
    events.push({
      subjectType: "person",
      subjectKey: personId,
      type: "role-revoked",
      actorId: personId,
      actorCapacity: DATATRACKER_SIGN_IN_CAPACITY,
      groupAcronym: g.group,
      payload: { role: g.role, group: g.group, source: DATATRACKER_SOURCE, grantId: g.id },
    });
  }

  if (diff.add.length > 0) {
    const inserted = await tx
      .insert(roleGrants)
      .values(
        diff.add.map((g) => ({
          personId,
          role: g.role,
          groupAcronym: g.group,
          source: DATATRACKER_SOURCE,
          grantedBy: null,
        })),
      )
      .returning({ id: roleGrants.id, role: roleGrants.role, group: roleGrants.groupAcronym });
    for (const g of inserted) {
      events.push({
        subjectType: "person",
        subjectKey: personId,
        type: "role-granted",
        actorId: personId,
        actorCapacity: DATATRACKER_SIGN_IN_CAPACITY,
        groupAcronym: g.group,
        payload: { role: g.role, group: g.group, source: DATATRACKER_SOURCE, grantId: g.id },
      });
    }
  }

  return {
    granted: diff.add,
    revoked: diff.remove.map(({ role, group }) => ({ role, group })),
  };
}

/** The person a Datatracker subject is linked to, if any. */
export async function personForDatatrackerSubject(
  db: Db,
  subject: string,
): Promise<{ id: number; name: string; email: string } | null> {
  const [row] = await db
    .select({ id: people.id, name: people.name, email: people.email })
    .from(accounts)
    .innerJoin(people, eq(people.id, accounts.personId))
    .where(
      and(eq(accounts.provider, DATATRACKER_PROVIDER), eq(accounts.providerAccountId, subject)),
    );
  return row ?? null;
}

function isUniqueViolation(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    if (typeof cur === "object" && "code" in cur && (cur as { code: unknown }).code === "23505") {
      return true;
    }
    cur = typeof cur === "object" && "cause" in cur ? (cur as { cause: unknown }).cause : null;
  }
  return false;
}
