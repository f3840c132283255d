/**
 * Shared set-up for the issue-service integration tests (`*.int.test.ts` in this
 * folder): people with roles, documents, intake fields, and read-backs of the
 * database state the assertions look at. Test-only; nothing in the app imports it.
 */
import { and, asc, count, eq, sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Db, DbMode } from "~/db/client";
import {
  dispatchedRevisions,
  documents,
  events,
  issueComments,
  issueDocuments,
  issueDrafts,
  issues,
  people,
  roleGrants,
} from "~/db/schema";
import { createCaller } from "~/server/api/root";
import { loadActor } from "~/server/auth/load-actor";
import type { IssueCommand } from "~/server/domain/dispatch/machine";
import type { RecommendationInput } from "~/server/domain/dispatch/outcomes";
import { DomainError, type DomainErrorCode } from "~/server/domain/errors";
import {
  ZIssueFields,
  type IssueFields,
  type IssueFieldsInput,
} from "~/server/domain/intake/fields";
import type { Actor, MaybeActor } from "~/server/domain/permissions/actor";
import { signUp } from "../people/sign-up";
import { fileIssue } from "./file-issue";
import { transitionIssue } from "./transition-issue";

/** A signed-up person with the given (role, group) grants, as the services see them. */
export async function makePerson(
  db: Db,
  name: string,
  roles: readonly (readonly [role: string, group: string])[] = [],
): Promise<Actor> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, ".")}@example.org`;
  const { personId } = await signUp(db, { name, email, password: "long-enough-pw" });
  // As if the emailed link had been followed: capacities held by e-mail need a verified address.
  await db.update(people).set({ emailVerified: new Date() }).where(eq(people.id, personId));
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

/** Make a draft known to the document tracker, so it can be linked. */
export async function addDocument(
  db: Db,
  doc: { name: string; rev: string | null; title: string; groupAcronym: string | null },
): Promise<void> {
  await db.insert(documents).values(doc);
}

/** Long enough (40+ words) to meet the problem-statement readiness requirement. */
export const LONG_PROBLEM =
  "Operators of large fleets of class 1 devices cannot roll back a failed firmware update: " +
  "the SUIT manifest can express the new image but not a safe fallback, so a bad image " +
  "bricks the device until someone visits it. We need an operational practice for staged " +
  "rollouts, rollback protection and recovery that works with constrained bootloaders.";

/** Intake fields as the router would pass them (validated and defaulted). */
export function intake(over: Partial<IssueFieldsInput> = {}): IssueFields {
  return ZIssueFields.parse({
    title: "Firmware update rollback fails on constrained devices",
    problemStatement: LONG_PROBLEM,
    ...over,
  });
}

/** File an issue as `actor` and return its id. */
export async function file(db: Db, actor: Actor, over: Partial<IssueFieldsInput> = {}) {
  const { id } = await fileIssue(db, actor, intake(over));
  return id;
}

export const SUIT_RECOMMENDATION = {
  outcome: {
    kind: "existing-wg",
    targetGroup: "suit",
    charterItem: "firmware-update",
    needsRecharter: false,
  },
  rationale: "SUIT owns the manifest format and has rollback on its charter.",
} as const satisfies RecommendationInput;

export async function issueRow(db: Db, id: number) {
  const [row] = await db.select().from(issues).where(eq(issues.id, id));
  if (!row) throw new Error(`issue ${id} not found`);
  return row;
}

/** The issue's events, oldest first. */
export async function issueEvents(db: Db, id: number) {
  return db
    .select()
    .from(events)
    .where(and(eq(events.subjectType, "issue"), eq(events.subjectKey, String(id))))
    .orderBy(asc(events.id));
}

export async function linkedNames(db: Db, id: number): Promise<string[]> {
  const rows = await db
    .select({ name: issueDocuments.documentName })
    .from(issueDocuments)
    .where(eq(issueDocuments.issueId, id))
    .orderBy(asc(issueDocuments.documentName));
  return rows.map((r) => r.name);
}

async function countOf(db: Db, table: typeof events | typeof issues | typeof issueComments) {
  const [r] = await db.select({ n: count() }).from(table);
  return Number(r!.n);
}

/**
 * Everything an issue command could touch, for "nothing changed" assertions:
 * compare the result before and after a refused call.
 */
export async function dbState(db: Db) {
  return {
    issues: await db.select().from(issues).orderBy(asc(issues.id)),
    events: await countOf(db, events),
    comments: await countOf(db, issueComments),
    links: await db
      .select({ issueId: issueDocuments.issueId, name: issueDocuments.documentName })
      .from(issueDocuments)
      .orderBy(asc(issueDocuments.issueId), asc(issueDocuments.documentName)),
    drafts: await db
      .select({ personId: issueDrafts.personId, data: issueDrafts.data })
      .from(issueDrafts)
      .orderBy(asc(issueDrafts.personId)),
    dispatched: await db
      .select({
        name: dispatchedRevisions.documentName,
        rev: dispatchedRevisions.rev,
        issueId: dispatchedRevisions.issueId,
      })
      .from(dispatchedRevisions)
      .orderBy(asc(dispatchedRevisions.documentName), asc(dispatchedRevisions.rev)),
  };
}

/** Await a promise that must reject with a DomainError of `code`; returns the error. */
export async function expectDomainError(
  promise: Promise<unknown>,
  code: DomainErrorCode,
  message?: RegExp,
): Promise<DomainError> {
  let caught: unknown = undefined;
  let resolved = false;
  try {
    await promise;
    resolved = true;
  } catch (e) {
    caught = e;
  }
  expect(resolved, `expected a ${code} DomainError, but the call succeeded`).toBe(false);
  expect(caught).toBeInstanceOf(DomainError);
  const err = caught as DomainError;
  expect({ code: err.code, message: err.message }).toMatchObject({ code });
  if (message) expect(err.message).toMatch(message);
  return err;
}

/** A tRPC caller for `actor`, as a request would see the API. */
export function callerFor(db: Db, mode: DbMode, actor: MaybeActor) {
  return createCaller({ db, dbMode: mode, actor, requestId: "test" });
}

/** Apply one command at the issue's current version. */
export async function act(db: Db, actor: MaybeActor, issueId: number, command: IssueCommand) {
  const { version } = await issueRow(db, issueId);
  return transitionIssue(db, actor, { issueId, expectedVersion: version, command });
}

/** Drive an issue along the happy path to `state`, as the right people would. */
export async function driveTo(
  db: Db,
  cast: Cast,
  issueId: number,
  state: "in-discussion" | "recommended" | "ad-review" | "dispatched" | "accepted",
  recommendation: RecommendationInput = SUIT_RECOMMENDATION,
) {
  const steps: [Actor, IssueCommand, string][] = [
    [cast.iotopsChair, { type: "start-discussion" }, "in-discussion"],
    [cast.iotopsChair, { type: "recommend", recommendation }, "recommended"],
    [cast.iotopsChair, { type: "request-review" }, "ad-review"],
    [cast.opsAd, { type: "approve", rationale: "Agreed." }, "dispatched"],
    [cast.suitChair, { type: "acknowledge" }, "accepted"],
  ];
  for (const [actor, command, reached] of steps) {
    await act(db, actor, issueId, command);
    if (reached === state) return;
  }
}

/**
 * Make the database refuse to INSERT events of the given types (test-only
 * trigger in the test's own database), to simulate a failure after the change
 * itself was written. `refuseEvents(db, [])` lifts the refusal.
 */
export async function installEventRefusal(db: Db): Promise<void> {
  await db.execute(sql.raw(`CREATE TABLE test_refused_event_types (type text PRIMARY KEY)`));
  await db.execute(
    sql.raw(`CREATE FUNCTION test_refuse_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM test_refused_event_types WHERE type = NEW.type) THEN
    RAISE EXCEPTION 'test: refusing to record a % event', NEW.type;
  END IF;
  RETURN NEW;
END $$`),
  );
  await db.execute(
    sql.raw(`CREATE TRIGGER test_refuse_events BEFORE INSERT ON events
  FOR EACH ROW EXECUTE FUNCTION test_refuse_events()`),
  );
}

export async function refuseEvents(db: Db, types: readonly string[]): Promise<void> {
  await db.execute(sql`DELETE FROM test_refused_event_types`);
  for (const type of types) {
    await db.execute(sql`INSERT INTO test_refused_event_types (type) VALUES (${type})`);
  }
}
