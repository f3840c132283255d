import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { accounts, people, roleGrants } from "~/db/schema";
import { mapRole, planPersonRoles, type MappedRole } from "~/server/domain/datatracker/roles";
import { SYNC_ACTOR_CAPACITY } from "~/server/domain/datatracker/sync-vocabulary";
import { URI } from "~/server/domain/datatracker/tastypie";
import { SYNCED_GROUP_TYPES } from "~/server/domain/datatracker/groups";
import type { RoleGrant } from "~/server/domain/permissions/actor";
import { DATATRACKER_SOURCE } from "~/server/domain/permissions/datatracker-roles";
import { recordEvents, type EventInput } from "../events";
import { DATATRACKER_PROVIDER } from "../people/sign-in-with-datatracker";
import { objectUrl, offsetPages, type Reader, type RunLog } from "./pager";
import { syncedGroupAcronyms } from "./sync-groups";

/**
 * Sync roles in the mirrored groups. The Datatracker's roles carry no `time`, so
 * the whole list is read, then applied at once in one transaction: removing a
 * grant needs the complete list, and a list with a missing page is never applied.
 *
 * A Datatracker person is this app's person when their Datatracker account is
 * linked (a Datatracker sign-in), or else when the role's address is a person's
 * verified e-mail. Their Datatracker-sourced grants in the mirrored groups are
 * made equal to the Datatracker's roles; manual grants are kept. People not
 * known here get their roles when they first sign in with the Datatracker.
 * When some role object was malformed, grants are only added, never removed.
 */
export async function syncRoles(
  db: Db,
  reader: Reader,
  log: RunLog,
  onPage: (done: number, total: number) => Promise<void>,
): Promise<void> {
  const counts = log.of("roles");
  const byId = await syncedGroupAcronyms(db);
  const roles: (MappedRole & { group: string })[] = [];
  let complete = true;
  for await (const page of offsetPages(reader, URI.role, {
    group__type__in: SYNCED_GROUP_TYPES.join(","),
  })) {
    counts.pages++;
    counts.fetched += page.objects.length;
    for (const o of page.objects) {
      const m = mapRole(o);
      if (!m.ok) {
        counts.skipped++;
        complete = false;
        log.problem("roles", objectUrl(reader, page, o), m.problem);
        continue;
      }
      const group = byId.get(m.value.groupId);
      if (group) roles.push({ ...m.value, group });
      else counts.skipped++;
    }
    await onPage(counts.fetched, page.totalCount);
  }
  const syncedGroups = new Set(byId.values());

  await db.transaction(async (tx) => {
    // Who is who: linked Datatracker accounts first, then verified addresses.
    const personIds = [...new Set(roles.map((r) => String(r.personId)))];
    const linked = new Map<string, number>();
    for (let i = 0; i < personIds.length; i += 500) {
      for (const a of await tx
        .select({ subject: accounts.providerAccountId, personId: accounts.personId })
        .from(accounts)
        .where(
          and(
            eq(accounts.provider, DATATRACKER_PROVIDER),
            inArray(accounts.providerAccountId, personIds.slice(i, i + 500)),
          ),
        )) {
        linked.set(a.subject, a.personId);
      }
    }
    const emails = [
      ...new Set(
        roles.flatMap((r) => (r.email && !linked.has(String(r.personId)) ? [r.email] : [])),
      ),
    ];
    const byEmail = new Map<string, number>();
    for (let i = 0; i < emails.length; i += 500) {
      for (const p of await tx
        .select({ id: people.id, email: people.email })
        .from(people)
        .where(
          and(
            isNotNull(people.emailVerified),
            inArray(sql`lower(${people.email})`, emails.slice(i, i + 500)),
          ),
        )) {
        byEmail.set(p.email.toLowerCase(), p.id);
      }
    }
    const wanted = new Map<number, RoleGrant[]>();
    for (const r of roles) {
      const personId =
        linked.get(String(r.personId)) ?? (r.email ? byEmail.get(r.email) : undefined);
      if (personId === undefined) {
        counts.skipped++; // nobody here holds this Datatracker account yet
        continue;
      }
      const list = wanted.get(personId) ?? [];
      if (!list.some((g) => g.role === r.role && g.group === r.group))
        list.push({ role: r.role, group: r.group });
      wanted.set(personId, list);
    }
    // Everyone who holds, or should hold, a synced grant in a mirrored group.
    const holders = await tx
      .select({ personId: roleGrants.personId })
      .from(roleGrants)
      .where(
        and(
          eq(roleGrants.source, DATATRACKER_SOURCE),
          inArray(roleGrants.groupAcronym, [...syncedGroups, ""]),
        ),
      );
    const affected = new Set<number>([
      ...wanted.keys(),
      ...(complete ? holders.map((h) => h.personId) : []),
    ]);
    const events: EventInput[] = [];
    for (const personId of affected) {
      const current = await tx
        .select({
          id: roleGrants.id,
          role: roleGrants.role,
          group: roleGrants.groupAcronym,
          source: roleGrants.source,
        })
        .from(roleGrants)
        .where(eq(roleGrants.personId, personId));
      const plan = planPersonRoles(current, wanted.get(personId) ?? [], syncedGroups);
      const remove = complete ? plan.remove : [];
      counts.unchanged += plan.keep.length;
      if (remove.length > 0) {
        await tx.delete(roleGrants).where(
          and(
            eq(roleGrants.source, DATATRACKER_SOURCE),
            inArray(
              roleGrants.id,
              remove.map((g) => g.id),
            ),
          ),
        );
        counts.removed += remove.length;
      }
      for (const g of remove) {
        events.push({
          subjectType: "person",
          subjectKey: personId,
          type: "role-revoked",
          actorId: null,
          actorCapacity: SYNC_ACTOR_CAPACITY,
          groupAcronym: g.group,
          payload: { role: g.role, group: g.group, source: DATATRACKER_SOURCE, grantId: g.id },
        });
      }
      if (plan.add.length > 0) {
        const inserted = await tx
          .insert(roleGrants)
          .values(
            plan.add.map((g) => ({
              personId,
              role: g.role,
              groupAcronym: g.group,
              source: DATATRACKER_SOURCE,
              grantedBy: null,
            })),
          )
          .returning({ id: roleGrants.id, role: roleGrants.role, group: roleGrants.groupAcronym });
        counts.created += inserted.length;
        for (const g of inserted) {
          events.push({
            subjectType: "person",
            subjectKey: personId,
            type: "role-granted",
            actorId: null,
            actorCapacity: SYNC_ACTOR_CAPACITY,
            groupAcronym: g.group,
            payload: { role: g.role, group: g.group, source: DATATRACKER_SOURCE, grantId: g.id },
          });
        }
      }
    }
    await recordEvents(tx, events);
  });
}
