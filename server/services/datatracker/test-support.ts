/**
 * Set-up and read-backs for the Datatracker sync's integration tests. Test-only.
 */
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import {
  accounts,
  areas,
  datatrackerSyncCursors,
  documentReplacements,
  documentRevisions,
  documents,
  documentStates,
  events,
  groups,
  people,
  roleGrants,
} from "~/db/schema";
import { PERSON } from "~/server/testing/datatracker-fixtures";
import { makePerson } from "~/server/services/people/test-fixtures";
import { runSync, type SyncOptions } from "./run-sync";

/** Fast retries for tests: a 300 ms timeout, two retries, 10 ms backoff. */
export const TEST_HTTP = { timeoutMs: 300, retries: 2, backoffMs: 10 };

export function syncWith(db: Db, base: string, over: Partial<SyncOptions> = {}) {
  return runSync(db, { base, trigger: "command-line", pageSize: 4, http: TEST_HTTP, ...over });
}

/**
 * The people the fixture's roles refer to: Carol linked by her Datatracker
 * account, Erin and Dave by a verified address, Mallory with an unverified one
 * (who must get nothing). Dave also holds a manual grant the sync must keep.
 */
export async function makeSyncPeople(db: Db) {
  const carol = await makePerson(db, "Carol");
  const erin = await makePerson(db, "Erin");
  const dave = await makePerson(db, "Dave", [["chair", "suit"]]);
  const mallory = await makePerson(db, "Mallory");
  await db.insert(accounts).values({
    personId: carol.personId,
    provider: "datatracker",
    providerAccountId: String(PERSON.carol),
  });
  await db
    .update(people)
    .set({ emailVerified: new Date() })
    .where(inArray(people.id, [erin.personId, dave.personId]));
  await db.update(people).set({ emailVerified: null }).where(eq(people.id, mallory.personId));
  // Carol's grant from an earlier Datatracker sign-in, in a group the sync does not mirror.
  await db.insert(roleGrants).values({
    personId: carol.personId,
    role: "member",
    groupAcronym: "iab",
    source: "datatracker",
  });
  return { carol, erin, dave, mallory };
}

/** What a run leaves behind, without times and ids: equal after one clean run or after a failure and a rerun. */
export async function syncedState(db: Db) {
  const docs = await db
    .select({
      name: documents.name,
      rev: documents.rev,
      title: documents.title,
      abstract: documents.abstract,
      group: documents.groupAcronym,
      stream: documents.stream,
      level: documents.intendedStdLevel,
      ad: documents.ad,
      shepherd: documents.shepherd,
      tags: documents.tags,
      version: documents.version,
      mirrored: sql<boolean>`${documents.datatrackerTime} is not null`,
    })
    .from(documents)
    .orderBy(asc(documents.name));
  const states = await db
    .select({
      doc: documentStates.documentName,
      type: documentStates.stateType,
      slug: documentStates.slug,
    })
    .from(documentStates)
    .orderBy(asc(documentStates.documentName), asc(documentStates.stateType));
  const revisions = await db
    .select({
      doc: documentRevisions.documentName,
      rev: documentRevisions.rev,
      date: documentRevisions.date,
    })
    .from(documentRevisions)
    .orderBy(asc(documentRevisions.documentName), asc(documentRevisions.rev));
  const replacements = await db
    .select()
    .from(documentReplacements)
    .orderBy(asc(documentReplacements.source));
  const groupRows = await db
    .select({
      acronym: groups.acronym,
      name: groups.name,
      type: groups.type,
      state: groups.state,
      area: groups.area,
      parent: groups.parent,
      listEmail: groups.listEmail,
      charter: groups.charter,
      datatrackerId: groups.datatrackerId,
    })
    .from(groups)
    .orderBy(asc(groups.acronym));
  const areaRows = await db
    .select({
      acronym: areas.acronym,
      name: areas.name,
      state: areas.state,
      datatrackerId: areas.datatrackerId,
    })
    .from(areas)
    .orderBy(asc(areas.acronym));
  const grants = await db
    .select({
      email: people.email,
      role: roleGrants.role,
      group: roleGrants.groupAcronym,
      source: roleGrants.source,
    })
    .from(roleGrants)
    .innerJoin(people, eq(people.id, roleGrants.personId))
    .orderBy(
      asc(people.email),
      asc(roleGrants.groupAcronym),
      asc(roleGrants.role),
      asc(roleGrants.source),
    );
  const cursors = await db
    .select({
      resource: datatrackerSyncCursors.resource,
      since: datatrackerSyncCursors.since,
      groupIds: datatrackerSyncCursors.groupIds,
    })
    .from(datatrackerSyncCursors)
    .orderBy(asc(datatrackerSyncCursors.resource));
  const eventCounts = await db
    .select({ type: events.type, subject: events.subjectType, n: sql<number>`count(*)::int` })
    .from(events)
    .where(eq(events.actorCapacity, "datatracker-sync"))
    .groupBy(events.type, events.subjectType)
    .orderBy(asc(events.subjectType), asc(events.type));
  return {
    docs,
    states,
    revisions,
    replacements,
    groupRows,
    areaRows,
    grants,
    cursors,
    eventCounts,
  };
}

/** The sync's events since `afterId`, as (subject type, key, type). */
export async function syncEventsAfter(db: Db, afterId: number) {
  const rows = await db
    .select({
      id: events.id,
      subjectType: events.subjectType,
      key: events.subjectKey,
      type: events.type,
      actorId: events.actorId,
      payload: events.payload,
    })
    .from(events)
    .where(sql`${events.id} > ${afterId} and ${events.actorCapacity} = 'datatracker-sync'`)
    .orderBy(asc(events.id));
  return rows;
}

export async function lastEventId(db: Db): Promise<number> {
  const [row] = await db
    .select({ id: sql<number>`coalesce(max(${events.id}), 0)::int` })
    .from(events);
  return row!.id;
}
