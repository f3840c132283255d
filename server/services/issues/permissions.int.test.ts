import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { commentOnIssue } from "./comment-issue";
import { editIssue } from "./edit-issue";
import {
  act,
  dbState,
  driveTo,
  expectDomainError,
  file,
  intake,
  issueRow,
  makeCast,
  SUIT_RECOMMENDATION,
  type Cast,
} from "./test-fixtures";
import { bulkTriage, triageIssue } from "./triage-issue";

let t: TestDatabase;
let cast: Cast;
/** One issue per state the refusals are tried in. */
let submitted: number;
let inDiscussion: number;
let adReview: number;
let dispatched: number;

describe(`issue permissions on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    cast = await makeCast(t.db);
    submitted = await file(t.db, cast.alice, { title: "Submitted issue" });
    inDiscussion = await file(t.db, cast.alice, { title: "Issue in discussion" });
    await driveTo(t.db, cast, inDiscussion, "in-discussion");
    adReview = await file(t.db, cast.alice, { title: "Issue in AD review" });
    await driveTo(t.db, cast, adReview, "ad-review");
    dispatched = await file(t.db, cast.alice, { title: "Dispatched issue" });
    await driveTo(t.db, cast, dispatched, "dispatched");
  });
  afterAll(async () => t?.destroy());

  /** Run `attempt`, expect the refusal, and check that nothing in the database moved. */
  async function refused(
    attempt: () => Promise<unknown>,
    code: "FORBIDDEN" | "UNAUTHENTICATED",
    message?: RegExp,
  ) {
    const before = await dbState(t.db);
    await expectDomainError(attempt(), code, message);
    expect(await dbState(t.db)).toEqual(before);
  }

  it("has the issues in the states the tests assume", async () => {
    expect((await issueRow(t.db, submitted)).state).toBe("submitted");
    expect((await issueRow(t.db, inDiscussion)).state).toBe("in-discussion");
    expect((await issueRow(t.db, adReview)).state).toBe("ad-review");
    expect((await issueRow(t.db, dispatched)).state).toBe("dispatched");
  });

  it("does not let a contributor triage, discuss or recommend, even on their own issue", async () => {
    for (const who of [cast.bob, cast.alice]) {
      await refused(
        () =>
          triageIssue(t.db, who, {
            issueId: submitted,
            expectedVersion: 1,
            charterItem: "remediation",
          }),
        "FORBIDDEN",
        /IOTOPS chairs/,
      );
      await refused(
        () =>
          triageIssue(t.db, who, {
            issueId: submitted,
            expectedVersion: 1,
            responsibleChairId: who.personId,
          }),
        "FORBIDDEN",
      );
      await refused(() => act(t.db, who, submitted, { type: "start-discussion" }), "FORBIDDEN");
      await refused(
        () => act(t.db, who, submitted, { type: "request-info", message: "?" }),
        "FORBIDDEN",
      );
      await refused(
        () =>
          act(t.db, who, inDiscussion, { type: "recommend", recommendation: SUIT_RECOMMENDATION }),
        "FORBIDDEN",
        /IOTOPS chairs/,
      );
      await refused(
        () =>
          bulkTriage(t.db, who, {
            issues: [{ id: submitted, version: 1 }],
            startDiscussion: true,
          }),
        "FORBIDDEN",
      );
    }
  });

  it("does not let a SUIT chair recommend or triage", async () => {
    await refused(
      () =>
        act(t.db, cast.suitChair, inDiscussion, {
          type: "recommend",
          recommendation: SUIT_RECOMMENDATION,
        }),
      "FORBIDDEN",
      /IOTOPS chairs/,
    );
    await refused(
      () => act(t.db, cast.suitChair, submitted, { type: "start-discussion" }),
      "FORBIDDEN",
    );
  });

  it("does not let an IOTOPS chair approve or return in the AD's place", async () => {
    await refused(
      () => act(t.db, cast.iotopsChair, adReview, { type: "approve", rationale: "Self-approved." }),
      "FORBIDDEN",
      /area directors of the OPS area/,
    );
    await refused(
      () => act(t.db, cast.iotopsChair, adReview, { type: "return", comment: "No." }),
      "FORBIDDEN",
    );
  });

  it("does not let an AD of another area approve an OPS issue", async () => {
    expect((await issueRow(t.db, adReview)).area).toBe("ops");
    await refused(
      () => act(t.db, cast.intAd, adReview, { type: "approve", rationale: "Looks fine." }),
      "FORBIDDEN",
      /OPS area/,
    );
    await refused(
      () => act(t.db, cast.intAd, adReview, { type: "return", comment: "Not mine." }),
      "FORBIDDEN",
    );
  });

  it("does not let anyone but the target group's chairs acknowledge dispatched work", async () => {
    for (const who of [cast.iotopsChair, cast.opsAd, cast.alice]) {
      await refused(() => act(t.db, who, dispatched, { type: "acknowledge" }), "FORBIDDEN", /SUIT/);
      await refused(
        () => act(t.db, who, dispatched, { type: "decline", reason: "No." }),
        "FORBIDDEN",
      );
    }
  });

  it("does not let an anonymous visitor comment or change anything", async () => {
    await refused(
      () => commentOnIssue(t.db, null, { issueId: submitted, body: "drive-by" }),
      "UNAUTHENTICATED",
    );
    await refused(
      () => act(t.db, null, submitted, { type: "start-discussion" }),
      "UNAUTHENTICATED",
    );
    await refused(
      () =>
        triageIssue(t.db, null, {
          issueId: submitted,
          expectedVersion: 1,
          charterItem: "remediation",
        }),
      "UNAUTHENTICATED",
    );
    await refused(
      () =>
        editIssue(t.db, null, {
          issueId: submitted,
          expectedVersion: 1,
          fields: intake({ title: "Vandalised" }),
        }),
      "UNAUTHENTICATED",
    );
  });

  it("does not let the submitter edit once the issue is triaged", async () => {
    const row = await issueRow(t.db, inDiscussion);
    await refused(
      () =>
        editIssue(t.db, cast.alice, {
          issueId: inDiscussion,
          expectedVersion: row.version,
          fields: intake({ title: "Changed after triage" }),
        }),
      "FORBIDDEN",
      /triaged/,
    );
    expect((await issueRow(t.db, inDiscussion)).title).toBe("Issue in discussion");
  });

  it("does not let another contributor edit someone else's issue", async () => {
    await refused(
      () =>
        editIssue(t.db, cast.bob, {
          issueId: submitted,
          expectedVersion: 1,
          fields: intake({ title: "Hijacked" }),
        }),
      "FORBIDDEN",
      /Only the submitter/,
    );
  });

  it("still lets the right people act (the refusals above are about roles, not broken issues)", async () => {
    const r = await act(t.db, cast.opsAd, adReview, { type: "return", comment: "Revise." });
    expect(r.state).toBe("returned");
    const s = await act(t.db, cast.suitChair, dispatched, {
      type: "decline",
      reason: "Out of charter.",
    });
    expect(s.state).toBe("returned");
    await commentOnIssue(t.db, cast.bob, { issueId: submitted, body: "+1" });
  });
});
