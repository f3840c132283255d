import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { dispatchedRevisions, documents, issueComments, issues } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { DomainError } from "~/server/domain/errors";
import { commentOnIssue } from "./comment-issue";
import { saveIssueDraft } from "./drafts";
import { editIssue } from "./edit-issue";
import { fileIssue } from "./file-issue";
import {
  act,
  addDocument,
  dbState,
  driveTo,
  expectDomainError,
  file,
  installEventRefusal,
  intake,
  issueEvents,
  issueRow,
  makeCast,
  refuseEvents,
  SUIT_RECOMMENDATION,
  type Cast,
} from "./test-fixtures";
import { transitionIssue } from "./transition-issue";
import { triageIssue } from "./triage-issue";

let t: TestDatabase;
let cast: Cast;

/** Expect a non-domain failure (the database refusing the event) and no change at all. */
async function failsAndChangesNothing(attempt: () => Promise<unknown>, eventType: string) {
  const before = await dbState(t.db);
  const err: unknown = await attempt().then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, "the call should have failed").not.toBeNull();
  expect(err).not.toBeInstanceOf(DomainError);
  expect(String((err as { cause?: unknown }).cause ?? err)).toContain(
    `refusing to record a ${eventType} event`,
  );
  expect(await dbState(t.db)).toEqual(before);
}

describe(`issue changes are atomic on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    cast = await makeCast(t.db);
    await installEventRefusal(t.db);
  });
  afterEach(async () => refuseEvents(t.db, []));
  afterAll(async () => t?.destroy());

  describe("when recording the event fails, the change is not persisted", () => {
    it("filing: no issue, no links, and the autosave is kept", async () => {
      await addDocument(t.db, {
        name: "draft-ietf-suit-atomic-filing",
        rev: "00",
        title: "Atomic filing",
        groupAcronym: "suit",
      });
      await saveIssueDraft(t.db, cast.bob, { title: "Half-written" });
      const fields = intake({ relatedDocuments: ["draft-ietf-suit-atomic-filing", "rfc9019"] });
      await refuseEvents(t.db, ["filed"]);
      await failsAndChangesNothing(() => fileIssue(t.db, cast.bob, fields), "filed");
      await refuseEvents(t.db, []);
      const { id } = await fileIssue(t.db, cast.bob, fields);
      expect((await issueRow(t.db, id)).state).toBe("submitted");
    });

    it("a transition: state and version stay as they were", async () => {
      const id = await file(t.db, cast.alice, { title: "Atomic transition" });
      await refuseEvents(t.db, ["discussion-started"]);
      await failsAndChangesNothing(
        () => act(t.db, cast.iotopsChair, id, { type: "start-discussion" }),
        "discussion-started",
      );
      expect(await issueRow(t.db, id)).toMatchObject({ state: "submitted", version: 1 });
      expect((await issueEvents(t.db, id)).map((e) => e.type)).toEqual(["filed"]);
      await refuseEvents(t.db, []);
      expect((await act(t.db, cast.iotopsChair, id, { type: "start-discussion" })).state).toBe(
        "in-discussion",
      );
    });

    it("triage: when the second of two events fails, neither field nor the first event is kept", async () => {
      const id = await file(t.db, cast.alice, {
        title: "Atomic triage",
        charterItem: "onboarding",
      });
      await refuseEvents(t.db, ["chair-assigned"]);
      await failsAndChangesNothing(
        () =>
          triageIssue(t.db, cast.iotopsChair, {
            issueId: id,
            expectedVersion: 1,
            charterItem: "remediation",
            responsibleChairId: cast.iotopsChair2.personId,
          }),
        "chair-assigned",
      );
      expect(await issueRow(t.db, id)).toMatchObject({
        charterItem: "onboarding",
        responsibleChairId: null,
        version: 1,
      });
    });

    it("a comment: no comment row", async () => {
      const id = await file(t.db, cast.alice, { title: "Atomic comment" });
      await refuseEvents(t.db, ["commented"]);
      await failsAndChangesNothing(
        () => commentOnIssue(t.db, cast.bob, { issueId: id, body: "Lost comment" }),
        "commented",
      );
      expect(await t.db.select().from(issueComments).where(eq(issueComments.issueId, id))).toEqual(
        [],
      );
    });

    it("an edit: fields and linked documents are as before", async () => {
      await addDocument(t.db, {
        name: "draft-ietf-suit-atomic-edit",
        rev: "01",
        title: "Atomic edit",
        groupAcronym: "suit",
      });
      const id = await file(t.db, cast.alice, {
        title: "Atomic edit",
        relatedDocuments: ["rfc9019"],
      });
      await refuseEvents(t.db, ["edited"]);
      await failsAndChangesNothing(
        () =>
          editIssue(t.db, cast.alice, {
            issueId: id,
            expectedVersion: 1,
            fields: intake({
              title: "Atomic edit, revised",
              relatedDocuments: ["draft-ietf-suit-atomic-edit"],
            }),
          }),
        "edited",
      );
      expect((await issueRow(t.db, id)).title).toBe("Atomic edit");
    });

    it("an approval: not dispatched, and no dispatched revision recorded", async () => {
      await addDocument(t.db, {
        name: "draft-ietf-suit-atomic-approve",
        rev: "07",
        title: "Atomic approve",
        groupAcronym: "suit",
      });
      const id = await file(t.db, cast.alice, {
        title: "Atomic approval",
        relatedDocuments: ["draft-ietf-suit-atomic-approve"],
      });
      await driveTo(t.db, cast, id, "ad-review");
      await refuseEvents(t.db, ["ad-approved"]);
      await failsAndChangesNothing(
        () => act(t.db, cast.opsAd, id, { type: "approve", rationale: "Fine." }),
        "ad-approved",
      );
      expect(await issueRow(t.db, id)).toMatchObject({ state: "ad-review", dispatchedAt: null });
      expect(
        await t.db.select().from(dispatchedRevisions).where(eq(dispatchedRevisions.issueId, id)),
      ).toEqual([]);
    });

    it("closing as a duplicate: when the event on the original fails, the close is undone too", async () => {
      const original = await file(t.db, cast.alice, { title: "Original issue" });
      const dup = await file(t.db, cast.bob, { title: "Duplicate issue" });
      await refuseEvents(t.db, ["duplicate-merged"]);
      await failsAndChangesNothing(
        () =>
          act(t.db, cast.iotopsChair, dup, {
            type: "close",
            reason: "duplicate",
            duplicateOf: original,
          }),
        "duplicate-merged",
      );
      expect(await issueRow(t.db, dup)).toMatchObject({
        state: "submitted",
        duplicateOf: null,
        closedReason: null,
      });
      await refuseEvents(t.db, []);
      await act(t.db, cast.iotopsChair, dup, {
        type: "close",
        reason: "duplicate",
        duplicateOf: original,
      });
      expect(await issueRow(t.db, dup)).toMatchObject({
        state: "closed",
        duplicateOf: original,
        closedReason: "duplicate",
      });
      expect((await issueEvents(t.db, original)).at(-1)).toMatchObject({
        type: "duplicate-merged",
        payload: { duplicate: dup },
      });
    });
  });

  describe("a failure inside the transaction of transitionIssue", () => {
    it("rolls back writes the extra change made before it threw", async () => {
      const id = await file(t.db, cast.alice, { title: "Extra change that throws" });
      const before = await dbState(t.db);
      await expect(
        transitionIssue(
          t.db,
          cast.alice,
          { issueId: id, expectedVersion: 1, command: { type: "edit" } },
          async (tx, row) => {
            await tx.update(issues).set({ title: "Half-applied" }).where(eq(issues.id, row.id));
            await tx
              .insert(issueComments)
              .values({ issueId: row.id, authorId: cast.alice.personId, body: "half" });
            throw new Error("boom after writing");
          },
        ),
      ).rejects.toThrow("boom after writing");
      expect(await dbState(t.db)).toEqual(before);
      expect((await issueRow(t.db, id)).title).toBe("Extra change that throws");
    });

    it("rolls back the issue update when the database refuses the event row itself", async () => {
      const id = await file(t.db, cast.alice, { title: "Event the database refuses" });
      const before = await dbState(t.db);
      // PostgreSQL's jsonb cannot store U+0000, so the INSERT into events fails
      // after the UPDATE of the issue has run in the same transaction.
      await expect(
        transitionIssue(
          t.db,
          cast.alice,
          { issueId: id, expectedVersion: 1, command: { type: "edit" } },
          async () => ({
            set: { title: "Updated before the event failed" },
            payload: { note: "bad \u0000 byte" },
          }),
        ),
      ).rejects.toThrow(/insert into "events"/);
      expect(await dbState(t.db)).toEqual(before);
      expect(await issueRow(t.db, id)).toMatchObject({
        title: "Event the database refuses",
        version: 1,
      });
    });
  });

  describe("a draft revision is dispatched only once", () => {
    const DRAFT = "draft-example-x";

    it("refuses to recommend a revision already dispatched, and allows it once a newer revision exists", async () => {
      await addDocument(t.db, { name: DRAFT, rev: "03", title: "Example X", groupAcronym: "suit" });
      const earlier = await file(t.db, cast.bob, { title: "Earlier dispatch of draft-example-x" });
      await t.db
        .insert(dispatchedRevisions)
        .values({ documentName: DRAFT, rev: "03", issueId: earlier });

      const id = await file(t.db, cast.alice, {
        title: "Dispatch X again",
        relatedDocuments: [DRAFT],
      });
      await driveTo(t.db, cast, id, "in-discussion");
      const before = await dbState(t.db);
      const beforeRow = await issueRow(t.db, id);
      const err = await expectDomainError(
        act(t.db, cast.iotopsChair, id, { type: "recommend", recommendation: SUIT_RECOMMENDATION }),
        "CONFLICT",
      );
      expect(err.message).toContain(`${DRAFT}-03 was already dispatched by issue #${earlier}`);
      expect(err.details).toMatchObject({
        blocked: [{ name: DRAFT, linkedRev: "03", dispatchedRev: "03", issueNumber: earlier }],
      });
      expect(await dbState(t.db)).toEqual(before);
      expect(await issueRow(t.db, id)).toMatchObject({
        state: "in-discussion",
        version: beforeRow.version,
        recommendation: null,
      });

      // A new revision of the draft is posted: the same recommendation now goes through.
      await t.db.update(documents).set({ rev: "04" }).where(eq(documents.name, DRAFT));
      const r = await act(t.db, cast.iotopsChair, id, {
        type: "recommend",
        recommendation: SUIT_RECOMMENDATION,
      });
      expect(r).toEqual({ id, state: "recommended", version: beforeRow.version + 1 });
      expect((await issueEvents(t.db, id)).at(-1)?.type).toBe("recommendation-recorded");

      // Approving it records -04 as dispatched by this issue ...
      await act(t.db, cast.iotopsChair, id, { type: "request-review" });
      await act(t.db, cast.opsAd, id, { type: "approve", rationale: "New revision." });
      const revs = await t.db
        .select({ rev: dispatchedRevisions.rev, issueId: dispatchedRevisions.issueId })
        .from(dispatchedRevisions)
        .where(eq(dispatchedRevisions.documentName, DRAFT))
        .orderBy(dispatchedRevisions.rev);
      expect(revs).toEqual([
        { rev: "03", issueId: earlier },
        { rev: "04", issueId: id },
      ]);

      // ... so a third issue linking -04 is refused in turn.
      const third = await file(t.db, cast.bob, {
        title: "Dispatch X a third time",
        relatedDocuments: [DRAFT],
      });
      await driveTo(t.db, cast, third, "in-discussion");
      await expectDomainError(
        act(t.db, cast.iotopsChair, third, {
          type: "recommend",
          recommendation: SUIT_RECOMMENDATION,
        }),
        "CONFLICT",
        new RegExp(`${DRAFT}-04 was already dispatched by issue #${id}`),
      );
    });

    it("refuses the second of two approvals of the same revision", async () => {
      const Y = "draft-example-y";
      await addDocument(t.db, { name: Y, rev: "01", title: "Example Y", groupAcronym: "suit" });
      const first = await file(t.db, cast.alice, { title: "Y first issue", relatedDocuments: [Y] });
      const second = await file(t.db, cast.bob, { title: "Y second issue", relatedDocuments: [Y] });
      await driveTo(t.db, cast, first, "ad-review");
      await driveTo(t.db, cast, second, "ad-review");
      await act(t.db, cast.opsAd, first, { type: "approve", rationale: "Yes." });
      const before = await dbState(t.db);
      await expectDomainError(
        act(t.db, cast.opsAd, second, { type: "approve", rationale: "Yes too." }),
        "CONFLICT",
        new RegExp(`${Y}-01 was already dispatched by issue #${first}`),
      );
      expect(await dbState(t.db)).toEqual(before);
      expect(await issueRow(t.db, second)).toMatchObject({
        state: "ad-review",
        dispatchedAt: null,
      });
    });
  });
});
