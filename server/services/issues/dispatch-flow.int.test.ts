import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dispatchedRevisions, issueComments } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { commentOnIssue } from "./comment-issue";
import { editIssue } from "./edit-issue";
import { getIssue } from "./get-issue";
import {
  act,
  addDocument,
  callerFor,
  dbState,
  driveTo,
  expectDomainError,
  file,
  intake,
  issueEvents,
  issueRow,
  linkedNames,
  makeCast,
  SUIT_RECOMMENDATION,
  type Cast,
} from "./test-fixtures";
import { transitionIssue } from "./transition-issue";
import { triageIssue } from "./triage-issue";

let t: TestDatabase;
let cast: Cast;

const DRAFT = "draft-ietf-suit-journey-rollback";

describe(`dispatch journey on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    cast = await makeCast(t.db);
    await addDocument(t.db, {
      name: DRAFT,
      rev: "05",
      title: "Firmware rollback for SUIT",
      groupAcronym: "suit",
    });
  });
  afterAll(async () => t?.destroy());

  it("runs from filing to acknowledgement, recording every step with its actor and capacity", async () => {
    const { alice, iotopsChair, opsAd, suitChair } = cast;
    const id = await file(t.db, alice, { charterItem: "onboarding", relatedDocuments: [DRAFT] });

    // IOTOPS chair asks the submitter a question.
    let r = await transitionIssue(t.db, iotopsChair, {
      issueId: id,
      expectedVersion: 1,
      command: { type: "request-info", message: "Which device classes are affected?" },
    });
    expect(r).toEqual({ id, state: "needs-info", version: 2 });
    expect(await issueRow(t.db, id)).toMatchObject({
      state: "needs-info",
      infoRequest: "Which device classes are affected?",
      version: 2,
    });

    // The submitter answers by editing: back to submitted.
    const edited = intake({
      charterItem: "onboarding",
      relatedDocuments: [DRAFT, "rfc9019"],
      deviceClass: "class-1",
      scale: "millions",
    });
    r = await editIssue(t.db, alice, { issueId: id, expectedVersion: 2, fields: edited });
    expect(r).toEqual({ id, state: "submitted", version: 3 });
    expect(await issueRow(t.db, id)).toMatchObject({
      state: "submitted",
      deviceClass: "class-1",
      scale: "millions",
    });
    expect(await linkedNames(t.db, id)).toEqual([DRAFT, "rfc9019"]);

    // Chair starts the discussion and triages (charter item, responsible chair).
    r = await transitionIssue(t.db, iotopsChair, {
      issueId: id,
      expectedVersion: 3,
      command: { type: "start-discussion", note: "Discuss at IETF 125." },
    });
    expect(r.state).toBe("in-discussion");
    const tri = await triageIssue(t.db, iotopsChair, {
      issueId: id,
      expectedVersion: 4,
      charterItem: "firmware-update",
      responsibleChairId: iotopsChair.personId,
    });
    expect(tri).toEqual({ id, version: 5, changed: true });
    expect(await issueRow(t.db, id)).toMatchObject({
      state: "in-discussion",
      charterItem: "firmware-update",
      responsibleChairId: iotopsChair.personId,
    });

    r = await transitionIssue(t.db, iotopsChair, {
      issueId: id,
      expectedVersion: 5,
      command: { type: "recommend", recommendation: SUIT_RECOMMENDATION },
    });
    expect(r.state).toBe("recommended");
    expect((await issueRow(t.db, id)).recommendation).toEqual(SUIT_RECOMMENDATION);

    r = await transitionIssue(t.db, iotopsChair, {
      issueId: id,
      expectedVersion: 6,
      command: { type: "request-review" },
    });
    expect(r.state).toBe("ad-review");
    expect((await issueRow(t.db, id)).dispatchedAt).toBeNull();

    r = await transitionIssue(t.db, opsAd, {
      issueId: id,
      expectedVersion: 7,
      command: { type: "approve", rationale: "Right venue." },
    });
    expect(r).toEqual({ id, state: "dispatched", version: 8 });
    const dispatched = await issueRow(t.db, id);
    expect(dispatched.state).toBe("dispatched");
    expect(dispatched.dispatchedAt).toBeInstanceOf(Date);
    expect(dispatched.dispatchedAt!.getTime()).toBeGreaterThanOrEqual(
      dispatched.createdAt.getTime(),
    );
    // The approval records the linked draft's current revision as dispatched.
    const revs = await t.db
      .select({ name: dispatchedRevisions.documentName, rev: dispatchedRevisions.rev })
      .from(dispatchedRevisions)
      .where(eq(dispatchedRevisions.issueId, id));
    expect(revs).toEqual([{ name: DRAFT, rev: "05" }]);

    r = await transitionIssue(t.db, suitChair, {
      issueId: id,
      expectedVersion: 8,
      command: { type: "acknowledge", note: "Adopting as a milestone." },
    });
    expect(r).toEqual({ id, state: "accepted", version: 9 });
    expect(await issueRow(t.db, id)).toMatchObject({ state: "accepted", version: 9 });

    const evs = await issueEvents(t.db, id);
    expect(evs.map((e) => [e.type, e.actorId, e.actorCapacity, e.groupAcronym])).toEqual([
      ["filed", alice.personId, "participant", "iotops"],
      ["info-requested", iotopsChair.personId, "chair/iotops", "iotops"],
      ["edited", alice.personId, "submitter", "iotops"],
      ["discussion-started", iotopsChair.personId, "chair/iotops", "iotops"],
      ["charter-item-set", iotopsChair.personId, "chair/iotops", "iotops"],
      ["chair-assigned", iotopsChair.personId, "chair/iotops", "iotops"],
      ["recommendation-recorded", iotopsChair.personId, "chair/iotops", "iotops"],
      ["review-requested", iotopsChair.personId, "chair/iotops", "iotops"],
      ["ad-approved", opsAd.personId, "ad/ops", "suit"],
      ["acknowledged", suitChair.personId, "chair/suit", "suit"],
    ]);
    const payload = (type: string) => evs.find((e) => e.type === type)!.payload;
    expect(payload("info-requested")).toMatchObject({
      before: "submitted",
      after: "needs-info",
      message: "Which device classes are affected?",
      version: 2,
    });
    expect(payload("edited")).toMatchObject({
      before: "needs-info",
      after: "submitted",
      answersInfoRequest: true,
      changedFields: ["deviceClass", "scale", "relatedDocuments"],
      changes: {
        deviceClass: { before: "", after: "class-1" },
        scale: { before: "", after: "millions" },
        relatedDocuments: { before: [DRAFT], after: [DRAFT, "rfc9019"] },
      },
      version: 3,
    });
    expect(payload("edited").changes).not.toHaveProperty("title");
    expect(payload("discussion-started")).toMatchObject({
      before: "submitted",
      after: "in-discussion",
      note: "Discuss at IETF 125.",
    });
    expect(payload("charter-item-set")).toMatchObject({
      before: "onboarding",
      after: "firmware-update",
    });
    expect(payload("chair-assigned")).toMatchObject({
      before: null,
      after: iotopsChair.personId,
      chairName: iotopsChair.name,
    });
    expect(payload("recommendation-recorded")).toMatchObject({
      before: "in-discussion",
      after: "recommended",
      recommendation: SUIT_RECOMMENDATION,
      previous: null,
      summary: "Existing WG: SUIT",
      version: 6,
    });
    expect(payload("ad-approved")).toMatchObject({
      before: "ad-review",
      after: "dispatched",
      rationale: "Right venue.",
      targetGroup: "suit",
      version: 8,
    });
    expect(payload("acknowledged")).toMatchObject({
      before: "dispatched",
      after: "accepted",
      targetGroup: "suit",
      note: "Adopting as a milestone.",
      version: 9,
    });
  });

  it("lets an edit in submitted state through without claiming to answer an info request", async () => {
    const id = await file(t.db, cast.alice);
    await editIssue(t.db, cast.alice, {
      issueId: id,
      expectedVersion: 1,
      fields: intake({ title: "Firmware rollback fails on class 1 devices" }),
    });
    const [, edited] = await issueEvents(t.db, id);
    expect(edited).toMatchObject({ type: "edited", actorCapacity: "submitter" });
    expect(edited!.payload).toMatchObject({
      before: "submitted",
      after: "submitted",
      answersInfoRequest: false,
      changedFields: ["title"],
    });
    expect((await issueRow(t.db, id)).title).toBe("Firmware rollback fails on class 1 devices");
  });

  it("records an AD return with the comment and sends the issue back to the chairs", async () => {
    const id = await file(t.db, cast.alice, { title: "Rollback telemetry for fleet operators" });
    await driveTo(t.db, cast, id, "ad-review");
    const before = await issueRow(t.db, id);
    const r = await transitionIssue(t.db, cast.opsAd, {
      issueId: id,
      expectedVersion: before.version,
      command: { type: "return", comment: "Ask SUIT on the list first." },
    });
    expect(r).toEqual({ id, state: "returned", version: before.version + 1 });
    const row = await issueRow(t.db, id);
    expect(row.state).toBe("returned");
    expect(row.dispatchedAt).toBeNull();
    // The recommendation is kept so the chairs can revise it.
    expect(row.recommendation).toEqual(SUIT_RECOMMENDATION);
    const last = (await issueEvents(t.db, id)).at(-1)!;
    expect(last).toMatchObject({
      type: "ad-returned",
      actorId: cast.opsAd.personId,
      actorCapacity: "ad/ops",
    });
    expect(last.payload).toMatchObject({
      before: "ad-review",
      after: "returned",
      comment: "Ask SUIT on the list first.",
      version: before.version + 1,
    });
    // Nothing was recorded as dispatched.
    expect(
      await t.db.select().from(dispatchedRevisions).where(eq(dispatchedRevisions.issueId, id)),
    ).toEqual([]);
    // The issue page shows the AD's comment in a banner, to whoever may see the issue.
    const page = await getIssue(t.db, cast.alice, id);
    expect(page.returnNote).toMatchObject({
      kind: "ad-returned",
      text: "Ask SUIT on the list first.",
      by: "Erin Ops AD",
    });
    // Once the chairs move on, the banner goes.
    await transitionIssue(t.db, cast.iotopsChair, {
      issueId: id,
      expectedVersion: before.version + 1,
      command: { type: "start-discussion" },
    });
    expect((await getIssue(t.db, cast.alice, id)).returnNote).toBeNull();
  });

  it("records a comment with its author on the timeline", async () => {
    const id = await file(t.db, cast.alice, { title: "Comment target" });
    const { id: commentId } = await commentOnIssue(t.db, cast.bob, {
      issueId: id,
      body: "We see this in the field too.",
    });
    const [c] = await t.db
      .select()
      .from(issueComments)
      .where(and(eq(issueComments.issueId, id), eq(issueComments.id, commentId)));
    expect(c).toMatchObject({ authorId: cast.bob.personId, body: "We see this in the field too." });
    const last = (await issueEvents(t.db, id)).at(-1)!;
    expect(last).toMatchObject({
      type: "commented",
      actorId: cast.bob.personId,
      actorCapacity: "participant",
    });
    expect(last.payload).toMatchObject({ commentId, excerpt: "We see this in the field too." });
  });

  it("refuses a command that is illegal in the current state with INVALID_TRANSITION, changing nothing", async () => {
    const id = await file(t.db, cast.alice, { title: "Premature approval" });
    const before = await dbState(t.db);
    await expectDomainError(
      act(t.db, cast.opsAd, id, { type: "approve", rationale: "Too early." }),
      "INVALID_TRANSITION",
      /Cannot approve an issue in state/,
    );
    await expectDomainError(
      act(t.db, cast.iotopsChair, id, { type: "request-review" }),
      "INVALID_TRANSITION",
    );
    expect(await dbState(t.db)).toEqual(before);
  });

  describe("stale versions", () => {
    it("refuses the second of two changes made from the same version with CONFLICT", async () => {
      const id = await file(t.db, cast.alice, { title: "Two chairs, one issue" });
      const seenByBoth = (await issueRow(t.db, id)).version;

      await transitionIssue(t.db, cast.iotopsChair, {
        issueId: id,
        expectedVersion: seenByBoth,
        command: { type: "request-info", message: "Which bootloaders?" },
      });
      const afterFirst = await dbState(t.db);

      const err = await expectDomainError(
        transitionIssue(t.db, cast.iotopsChair2, {
          issueId: id,
          expectedVersion: seenByBoth,
          command: { type: "start-discussion" },
        }),
        "CONFLICT",
        /changed by someone else/,
      );
      expect(err.details).toMatchObject({
        current: { state: "needs-info", version: seenByBoth + 1 },
      });
      // Only the first change is there.
      expect(await dbState(t.db)).toEqual(afterFirst);
      const row = await issueRow(t.db, id);
      expect(row).toMatchObject({
        state: "needs-info",
        version: seenByBoth + 1,
        infoRequest: "Which bootloaders?",
      });
      expect((await issueEvents(t.db, id)).map((e) => [e.type, e.actorId])).toEqual([
        ["filed", cast.alice.personId],
        ["info-requested", cast.iotopsChair.personId],
      ]);

      // The same holds for triage and edits.
      await expectDomainError(
        triageIssue(t.db, cast.iotopsChair2, {
          issueId: id,
          expectedVersion: seenByBoth,
          charterItem: "remediation",
        }),
        "CONFLICT",
        /changed by someone else/,
      );
      await expectDomainError(
        editIssue(t.db, cast.alice, {
          issueId: id,
          expectedVersion: seenByBoth,
          fields: intake({ title: "Overwritten title" }),
        }),
        "CONFLICT",
        /changed by someone else/,
      );
      expect(await dbState(t.db)).toEqual(afterFirst);
    });

    it("lets exactly one of two concurrent changes from the same version through", async () => {
      const id = await file(t.db, cast.alice, { title: "Concurrent triage" });
      const results = await Promise.allSettled([
        transitionIssue(t.db, cast.iotopsChair, {
          issueId: id,
          expectedVersion: 1,
          command: { type: "request-info", message: "Scale?" },
        }),
        transitionIssue(t.db, cast.iotopsChair2, {
          issueId: id,
          expectedVersion: 1,
          command: { type: "start-discussion" },
        }),
      ]);
      const ok = results.filter((x) => x.status === "fulfilled");
      const failed = results.filter((x) => x.status === "rejected");
      expect(ok).toHaveLength(1);
      expect(failed).toHaveLength(1);
      expect((failed[0] as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
      const row = await issueRow(t.db, id);
      expect(row.version).toBe(2);
      const evs = await issueEvents(t.db, id);
      expect(evs).toHaveLength(2);
      expect(evs[1]!.payload).toMatchObject({ after: row.state, version: 2 });
    });
  });

  describe("through the tRPC router", () => {
    it("turns malformed input into BAD_REQUEST before any service runs", async () => {
      const id = await file(t.db, cast.alice, { title: "Router input checks" });
      const before = await dbState(t.db);
      const chair = callerFor(t.db, t.mode, cast.iotopsChair);
      const bad = [
        chair.issue.transition({
          issueId: id,
          expectedVersion: 1,
          // @ts-expect-error: not a command
          command: { type: "teleport" },
        }),
        chair.issue.transition({
          issueId: id,
          expectedVersion: 1,
          command: { type: "request-info", message: "   " },
        }),
        chair.issue.transition({
          issueId: -1,
          expectedVersion: 1,
          command: { type: "start-discussion" },
        }),
        chair.issue.transition({
          issueId: id,
          expectedVersion: 1,
          command: {
            type: "recommend",
            recommendation: {
              // @ts-expect-error: not an outcome kind
              outcome: { kind: "somewhere-else" },
              rationale: "x",
            },
          },
        }),
        chair.issue.comment({ issueId: id, body: "" }),
        chair.issue.triage({ issueId: id, expectedVersion: 1 }),
      ];
      for (const p of bad) {
        await expect(p).rejects.toBeInstanceOf(TRPCError);
        await expect(p).rejects.toMatchObject({ code: "BAD_REQUEST" });
      }
      expect(await dbState(t.db)).toEqual(before);
    });

    it("maps refusals to FORBIDDEN, UNAUTHORIZED, CONFLICT and UNPROCESSABLE_CONTENT", async () => {
      const id = await file(t.db, cast.alice, { title: "Router refusals" });
      const before = await dbState(t.db);
      const asBob = callerFor(t.db, t.mode, cast.bob);
      await expect(
        asBob.issue.transition({
          issueId: id,
          expectedVersion: 1,
          command: { type: "start-discussion" },
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      const anon = callerFor(t.db, t.mode, null);
      await expect(anon.issue.comment({ issueId: id, body: "hello" })).rejects.toMatchObject({
        code: "UNAUTHORIZED",
      });
      await expect(anon.issue.file(intake())).rejects.toMatchObject({ code: "UNAUTHORIZED" });
      const chair = callerFor(t.db, t.mode, cast.iotopsChair);
      await expect(
        chair.issue.transition({
          issueId: id,
          expectedVersion: 7,
          command: { type: "start-discussion" },
        }),
      ).rejects.toMatchObject({ code: "CONFLICT" });
      await expect(
        chair.issue.transition({
          issueId: id,
          expectedVersion: 1,
          command: { type: "request-review" },
        }),
      ).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
      expect(await dbState(t.db)).toEqual(before);

      // And an allowed call goes through.
      const r = await chair.issue.transition({
        issueId: id,
        expectedVersion: 1,
        command: { type: "start-discussion" },
      });
      expect(r).toEqual({ id, state: "in-discussion", version: 2 });
      expect((await issueRow(t.db, id)).state).toBe("in-discussion");
    });
  });
});
