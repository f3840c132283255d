import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { safeString, zId } from "~/server/domain/validation";
import type { Db, Queryable } from "~/db/client";
import { people, roleGrants } from "~/db/schema";
import { DomainError } from "~/server/domain/errors";
import { grantGroup, ROLE_NAMES, type MaybeActor } from "~/server/domain/permissions/actor";
import { assertCan, NO_RESOURCE } from "~/server/domain/permissions/policy";
import { recordEvent } from "../events";

export const ZRoleName = z.enum(ROLE_NAMES, {
  error: "Choose a role: chair, ad, secretariat, secr or delegate.",
});
export const ZGrantRole = z.object({
  email: z.email("Enter the person's email address.").trim().toLowerCase(),
  role: ZRoleName,
  group: safeString()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "Enter a group or area acronym such as iotops or ops."),
});
export const ZRevokeRole = z.object({ grantId: zId("The grant") });

export async function listRoleGrants(db: Queryable, actor: MaybeActor) {
  assertCan(actor, "role.manage", NO_RESOURCE);
  return db
    .select({
      id: roleGrants.id,
      personId: roleGrants.personId,
      name: people.name,
      email: people.email,
      role: roleGrants.role,
      group: roleGrants.groupAcronym,
      source: roleGrants.source,
      createdAt: roleGrants.createdAt,
    })
    .from(roleGrants)
    .innerJoin(people, eq(people.id, roleGrants.personId))
    .orderBy(asc(roleGrants.groupAcronym), asc(roleGrants.role), asc(people.name));
}

export async function grantRole(db: Db, actor: MaybeActor, input: z.infer<typeof ZGrantRole>) {
  const capacity = assertCan(actor, "role.manage", NO_RESOURCE);
  const email = input.email.trim().toLowerCase();
  const group = grantGroup(input.role, input.group.trim().toLowerCase());
  return db.transaction(async (tx) => {
    const [person] = await tx
      .select({ id: people.id, name: people.name })
      .from(people)
      // Only a proven address: an unverified sign-up must not receive a role meant for its owner.
      .where(
        sql`lower(${people.email}) = ${email} and ${people.emailVerified} is not null and ${people.mergedInto} is null`,
      );
    if (!person) {
      const message = `No one with the verified address ${email} has an account yet. They must sign up and confirm their address first.`;
      throw new DomainError("NOT_FOUND", message, { fieldErrors: { email: [message] } });
    }
    const inserted = await tx
      .insert(roleGrants)
      .values({
        personId: person.id,
        role: input.role,
        groupAcronym: group,
        source: "manual",
        grantedBy: actor!.personId,
      })
      .onConflictDoNothing()
      .returning({ id: roleGrants.id });
    if (inserted.length === 0) {
      throw new DomainError("CONFLICT", `${person.name} is already ${input.role} of ${group}.`);
    }
    await recordEvent(tx, {
      subjectType: "person",
      subjectKey: person.id,
      type: "role-granted",
      actorId: actor!.personId,
      actorCapacity: capacity,
      groupAcronym: group,
      payload: { role: input.role, group, person: person.name, grantId: inserted[0]!.id },
    });
    return { grantId: inserted[0]!.id };
  });
}

export async function revokeRole(db: Db, actor: MaybeActor, input: z.infer<typeof ZRevokeRole>) {
  const capacity = assertCan(actor, "role.manage", NO_RESOURCE);
  return db.transaction(async (tx) => {
    const [grant] = await tx
      .select({
        id: roleGrants.id,
        personId: roleGrants.personId,
        role: roleGrants.role,
        group: roleGrants.groupAcronym,
        source: roleGrants.source,
      })
      .from(roleGrants)
      .where(eq(roleGrants.id, input.grantId));
    if (!grant) throw new DomainError("NOT_FOUND", "That role grant no longer exists.");
    await tx.delete(roleGrants).where(and(eq(roleGrants.id, grant.id)));
    await recordEvent(tx, {
      subjectType: "person",
      subjectKey: grant.personId,
      type: "role-revoked",
      actorId: actor!.personId,
      actorCapacity: capacity,
      groupAcronym: grant.group,
      payload: { role: grant.role, group: grant.group, source: grant.source, grantId: grant.id },
    });
  });
}
