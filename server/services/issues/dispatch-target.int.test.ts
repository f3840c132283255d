import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groups, issues } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import type { RecommendationInput } from "~/server/domain/dispatch/outcomes";
import { getIssue } from "./get-issue";
import { findGroupWork } from "./group-work";
import { dispatchReport } from "./report";
import {
  act,
  callerFor,
  dbState,
  driveTo,
  expectDomainError,
  file,
  installEventRefusal,
  issueEvents,
  issueRow,
  makeCast,
  refuseEvents,
  SUIT_RECOMMENDATION,
  type Cast,
} from "./test-fixtures";
import { recommendForReview } from "./transition-issue";

let t: TestDatabase;
let cast: Cast;

const toGroup = (targetGroup: string): RecommendationInput => ({
  outcome: { kind: "existing-wg", targetGroup, charterItem: "onboarding", needsRecharter: false },
  rationale: "The group has the expertise.",
});

function today(offset = 0) {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

describe(`where dispatched work may go, on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    cast = await makeCast(t.db);
    await installEventRefusal(t.db);
  });
  afterAll(async () => t?.destroy());

  it("refuses a recommendation to a group that does not exist, naming the field", async () => {
    const id = await file(t.db, cast.alice, { title: "Voucher renewal for constrained devices" });
    await driveTo(t.db, cast, id, "in-discussion");
    const before = await dbState(t.db);
    const err = await expectDomainError(
      act(t.db, cast.iotopsChair, id, { type: "recommend", recommendation: toGroup("anmia") }),
      "VALIDATION",
    );
    expect(err.details).toEqual({
      fieldErrors: {
        "recommendation.outcome.targetGroup": [
          "There is no group called ANMIA. Choose a group from the list.",
        ],
      },
    });
    expect(await dbState(t.db)).toEqual(before);
  });

  it("refuses a concluded group and a research group as an existing WG", async () => {
    const id = await file(t.db, cast.alice, { title: "Lightweight implementation guidance" });
    await driveTo(t.db, cast, id, "in-discussion");
    await expectDomainError(
      act(t.db, cast.iotopsChair, id, { type: "recommend", recommendation: toGroup("lwig") }),
      "VALIDATION",
      /LWIG is not an active group/,
    );
    await expectDomainError(
      act(t.db, cast.iotopsChair, id, { type: "recommend", recommendation: toGroup("t2trg") }),
      "VALIDATION",
      /T2TRG is not a working group/,
    );
    await expectDomainError(
      act(t.db, cast.iotopsChair, id, {
        type: "recommend",
        recommendation: { outcome: { kind: "irtf", researchGroup: "nosuchrg" }, rationale: "x" },
      }),
      "VALIDATION",
      /There is no group called NOSUCHRG/,
    );
    expect((await issueRow(t.db, id)).state).toBe("in-discussion");
  });

  it("answers a mistyped group through the API with a 400 and the field message", async () => {
    const id = await file(t.db, cast.alice, { title: "Mistyped group through the API" });
    await driveTo(t.db, cast, id, "in-discussion");
    const { version } = await issueRow(t.db, id);
    const err = await callerFor(t.db, t.mode, cast.iotopsChair)
      .issue.recommendForReview({
        issueId: id,
        expectedVersion: version,
        recommendation: toGroup("anmia"),
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("refuses to approve work for a group that is not (or no longer) able to receive it", async () => {
    // A recommendation recorded before groups were checked names a mistyped group.
    const legacy = await file(t.db, cast.alice, { title: "Voucher renewal recorded long ago" });
    await driveTo(t.db, cast, legacy, "ad-review");
    const [row] = await t.db.select().from(issues).where(eq(issues.id, legacy));
    await t.db
      .update(issues)
      .set({ recommendation: { ...row!.recommendation!, ...toGroup("anmia") } })
      .where(eq(issues.id, legacy));
    let before = await dbState(t.db);
    const err = await expectDomainError(
      act(t.db, cast.opsAd, legacy, { type: "approve", rationale: "Agreed." }),
      "VALIDATION",
    );
    expect(err.message).toBe(
      "The recommendation cannot be sent on: there is no group called ANMIA. Return it to the chairs to choose another group.",
    );
    expect(await dbState(t.db)).toEqual(before);
    // The AD can still return it.
    await act(t.db, cast.opsAd, legacy, { type: "return", comment: "Which group?" });

    // A group that concludes between the recommendation and the approval.
    const late = await file(t.db, cast.alice, { title: "Voucher renewal for ANIMA devices" });
    await driveTo(t.db, cast, late, "ad-review", toGroup("anima"));
    await t.db.update(groups).set({ state: "conclude" }).where(eq(groups.acronym, "anima"));
    try {
      before = await dbState(t.db);
      await expectDomainError(
        act(t.db, cast.opsAd, late, { type: "approve", rationale: "Agreed." }),
        "VALIDATION",
        /ANIMA is not an active group/,
      );
      expect(await dbState(t.db)).toEqual(before);
      expect((await issueRow(t.db, late)).state).toBe("ad-review");
    } finally {
      await t.db.update(groups).set({ state: "active" }).where(eq(groups.acronym, "anima"));
    }
  });

  it("files the issue under the charter item of the recommendation: issue, group page and report", async () => {
    const id = await file(t.db, cast.alice, {
      title: "Signed firmware manifests for door locks",
      charterItem: "end-of-life",
    });
    expect((await issueRow(t.db, id)).charterItem).toBe("end-of-life");
    await driveTo(t.db, cast, id, "dispatched", {
      ...SUIT_RECOMMENDATION,
      outcome: { ...SUIT_RECOMMENDATION.outcome, charterItem: "security-privacy" },
    });
    expect((await issueRow(t.db, id)).charterItem).toBe("security-privacy");
    expect((await getIssue(t.db, cast.bob, id)).issue.charterItem).toBe("security-privacy");
    const work = await findGroupWork(t.db, null, "suit");
    expect(work.awaiting.find((r) => r.id === id)?.charterItem).toBe("security-privacy");
    const report = await dispatchReport(t.db, { from: today(-1), to: today(1) });
    expect(report.byCharterItem).toContainEqual({ charterItem: "security-privacy", n: 1 });
    const recommended = (await issueEvents(t.db, id)).find(
      (e) => e.type === "recommendation-recorded",
    );
    expect(recommended?.payload).toMatchObject({
      charterItem: { before: "end-of-life", after: "security-privacy" },
    });
  });

  it("records a recommendation and requests review in one command, with both events", async () => {
    const id = await file(t.db, cast.alice, { title: "Onboarding through a new voucher format" });
    await driveTo(t.db, cast, id, "in-discussion");
    const { version } = await issueRow(t.db, id);
    const r = await recommendForReview(t.db, cast.iotopsChair, {
      issueId: id,
      expectedVersion: version,
      recommendation: toGroup("anima"),
      note: "Please look before the interim.",
    });
    expect(r).toEqual({ id, state: "ad-review", version: version + 2 });
    const types = (await issueEvents(t.db, id)).map((e) => e.type);
    expect(types.slice(-2)).toEqual(["recommendation-recorded", "review-requested"]);
  });

  it("leaves nothing behind when the review request fails after the recommendation", async () => {
    const id = await file(t.db, cast.alice, { title: "Rollback of a half-done recommendation" });
    await driveTo(t.db, cast, id, "in-discussion");
    const { version } = await issueRow(t.db, id);
    const before = await dbState(t.db);
    await refuseEvents(t.db, ["review-requested"]);
    try {
      await expect(
        recommendForReview(t.db, cast.iotopsChair, {
          issueId: id,
          expectedVersion: version,
          recommendation: toGroup("anima"),
        }),
      ).rejects.toThrow();
    } finally {
      await refuseEvents(t.db, []);
    }
    expect(await dbState(t.db)).toEqual(before);
    expect((await issueRow(t.db, id)).state).toBe("in-discussion");
  });

  it("refuses the combined command to anyone but the chairs, changing nothing", async () => {
    const id = await file(t.db, cast.alice, { title: "Only chairs recommend" });
    await driveTo(t.db, cast, id, "in-discussion");
    const { version } = await issueRow(t.db, id);
    const before = await dbState(t.db);
    await expectDomainError(
      recommendForReview(t.db, cast.alice, {
        issueId: id,
        expectedVersion: version,
        recommendation: toGroup("anima"),
      }),
      "FORBIDDEN",
    );
    expect(await dbState(t.db)).toEqual(before);
  });
});
