/**
 * Shared set-up for the issue-service integration tests (`*.int.test.ts` in this
 * folder): documents, intake fields, driving an issue along, and read-backs of the
 * database state the assertions look at. Test-only; nothing in the app imports it.
 * People and the cast live in `people/test-fixtures.ts`, API callers and error
 * expectations in `server/testing/calls.ts`; they are re-exported here for the
 * tests that import everything from this file.
 */
import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import {
  dispatchedRevisions,
  documents,
  events,
  issueComments,
  issueDocuments,
  issueDrafts,
  issues,
} from "~/db/schema";
import type { IssueCommand } from "~/server/domain/dispatch/machine";
import type { RecommendationInput } from "~/server/domain/dispatch/outcomes";
import {
  ZIssueFields,
  type IssueFields,
  type IssueFieldsInput,
} from "~/server/domain/intake/fields";
import type { Actor, MaybeActor } from "~/server/domain/permissions/actor";
import type { Cast } from "../people/test-fixtures";
import { fileIssue } from "./file-issue";
import { transitionIssue } from "./transition-issue";

export { makeCast, makePerson, type Cast } from "../people/test-fixtures";
export { callerFor, expectDomainError } from "~/server/testing/calls";

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
