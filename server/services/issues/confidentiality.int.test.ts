import { TRPCError } from "@trpc/server";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issues } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import type { RecommendationInput } from "~/server/domain/dispatch/outcomes";
import { ISSUE_STATES } from "~/server/domain/dispatch/states";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { commentOnIssue } from "./comment-issue";
import { countIssuesByState, findIssues } from "./find-issues";
import { getIssue } from "./get-issue";
import { dispatchReport } from "./report";
import { findGroupWork } from "./group-work";
import { findPossibleDuplicates } from "./suggest";
import {
  act,
  callerFor,
  dbState,
  driveTo,
  expectDomainError,
  file,
  issueRow,
  makeCast,
  SUIT_RECOMMENDATION,
  type Cast,
} from "./test-fixtures";

let t: TestDatabase;
let cast: Cast;
/** Alice's confidential issue, in discussion. */
let secret: number;
/** Bob's public issue on a similar topic, submitted. */
let open: number;
/** Dispatched issues: one confidential (to TEEP), one public (to SUIT). */
let secretDispatched: number;
let openDispatched: number;

const SECRET_TITLE = "Zebrafish bootloader key leak in smart locks";
const TEEP: RecommendationInput = {
  outcome: {
    kind: "existing-wg",
    targetGroup: "teep",
    charterItem: "security-privacy",
    needsRecharter: false,
  },
  rationale: "TEEP handles trusted application keys.",
};

/** UTC day strings around today, so the report range surely holds today's dispatches. */
function dayOffset(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe(`confidential issues on ${testDbKind()}`, () => {
  let viewers: [string, MaybeActor][];
  let outsiders: [string, MaybeActor][];

  beforeAll(async () => {
    t = await createTestDatabase();
    cast = await makeCast(t.db);
    secret = await file(t.db, cast.alice, {
      title: SECRET_TITLE,
      problemStatement: "A zebrafish-class vulnerability: the bootloader key leaks over JTAG.",
      confidential: true,
    });
    await act(t.db, cast.iotopsChair, secret, { type: "start-discussion" });
    open = await file(t.db, cast.bob, {
      title: "Zebrafish bootloader key rotation for smart locks",
      problemStatement: "Rotating zebrafish bootloader keys across a fleet of smart locks.",
    });
    secretDispatched = await file(t.db, cast.alice, {
      title: "Confidential TEEP key provisioning gap",
      confidential: true,
    });
    await driveTo(t.db, cast, secretDispatched, "dispatched", TEEP);
    openDispatched = await file(t.db, cast.bob, { title: "Public firmware rollback practice" });
    await driveTo(t.db, cast, openDispatched, "dispatched");

    viewers = [
      ["the submitter", cast.alice],
      ["an IOTOPS chair", cast.iotopsChair],
      ["an OPS AD", cast.opsAd],
      ["the secretariat", cast.secretariat],
    ];
    outsiders = [
      ["an anonymous visitor", null],
      ["another contributor", cast.bob],
      ["a SUIT chair", cast.suitChair],
      ["an INT AD", cast.intAd],
    ];
  });
  afterAll(async () => t?.destroy());

  it("has the set-up it assumes", async () => {
    expect(await issueRow(t.db, secret)).toMatchObject({
      confidential: true,
      state: "in-discussion",
      area: "ops",
    });
    expect(await issueRow(t.db, open)).toMatchObject({ confidential: false, state: "submitted" });
    expect(await issueRow(t.db, secretDispatched)).toMatchObject({
      confidential: true,
      state: "dispatched",
    });
    expect(await issueRow(t.db, openDispatched)).toMatchObject({
      confidential: false,
      state: "dispatched",
    });
  });

  /** Per-state counts straight from the table, for all issues or public ones only. */
  async function tableCounts(publicOnly: boolean) {
    const rows = await t.db
      .select({ state: issues.state, n: count() })
      .from(issues)
      .where(publicOnly ? eq(issues.confidential, false) : undefined)
      .groupBy(issues.state);
    const out: Record<string, number> = Object.fromEntries(ISSUE_STATES.map((s) => [s, 0]));
    for (const r of rows) out[r.state] = Number(r.n);
    return out;
  }

  describe("services", () => {
    it("lists, searches and counts confidential issues for those entitled to see them", async () => {
      const all = await tableCounts(false);
      for (const [who, actor] of viewers) {
        const list = (await findIssues(t.db, actor, { limit: 100 })).items.map((i) => i.id);
        expect(list, who).toEqual(
          expect.arrayContaining([secret, open, secretDispatched, openDispatched]),
        );
        const found = (await findIssues(t.db, actor, { q: "zebrafish" })).items.map((i) => i.id);
        expect(found.sort(), who).toEqual([secret, open].sort());
        expect(
          (await countIssuesByState(t.db, actor, { q: "zebrafish" })).byState,
          who,
        ).toMatchObject({
          submitted: 1,
          "in-discussion": 1,
        });
        expect((await countIssuesByState(t.db, actor, {})).byState, who).toEqual(all);
        const dups = (await findPossibleDuplicates(t.db, actor, { title: SECRET_TITLE })).map(
          (d) => d.id,
        );
        expect(dups, who).toContain(secret);
        const page = await getIssue(t.db, actor, secret);
        expect(page.issue, who).toMatchObject({
          id: secret,
          title: SECRET_TITLE,
          confidential: true,
        });
      }
    });

    it("hides them from everyone else in every list, search and count", async () => {
      const publicCounts = await tableCounts(true);
      for (const [who, actor] of outsiders) {
        const list = (await findIssues(t.db, actor, { limit: 100 })).items;
        expect(
          list.map((i) => i.id),
          who,
        ).toContain(open);
        expect(
          list.map((i) => i.id),
          who,
        ).not.toContain(secret);
        expect(
          list.map((i) => i.id),
          who,
        ).not.toContain(secretDispatched);
        expect(
          list.every((i) => !i.confidential),
          who,
        ).toBe(true);

        const found = (await findIssues(t.db, actor, { q: "zebrafish" })).items.map((i) => i.id);
        expect(found, who).toEqual([open]);
        const byState = (
          await findIssues(t.db, actor, { states: ["in-discussion", "dispatched"], limit: 100 })
        ).items.map((i) => i.id);
        expect(byState, who).toEqual([openDispatched]);

        expect(
          (await countIssuesByState(t.db, actor, { q: "zebrafish" })).byState,
          who,
        ).toMatchObject({
          submitted: 1,
          "in-discussion": 0,
        });
        expect((await countIssuesByState(t.db, actor, {})).byState, who).toEqual(publicCounts);

        const dups = (await findPossibleDuplicates(t.db, actor, { title: SECRET_TITLE })).map(
          (d) => d.id,
        );
        expect(dups, who).not.toContain(secret);
        expect(dups, who).toContain(open);
      }
    });

    it("answers NOT_FOUND for a confidential issue exactly as for a missing one", async () => {
      const missing = 999_999;
      for (const [who, actor] of outsiders) {
        const hidden = await expectDomainError(getIssue(t.db, actor, secret), "NOT_FOUND");
        const none = await expectDomainError(getIssue(t.db, actor, missing), "NOT_FOUND");
        expect(hidden.message, who).toBe(`There is no issue #${secret}.`);
        expect(none.message, who).toBe(`There is no issue #${missing}.`);
      }
    });

    it("does not let outsiders comment on or act on a confidential issue", async () => {
      const before = await dbState(t.db);
      await expectDomainError(
        commentOnIssue(t.db, cast.bob, { issueId: secret, body: "Peek" }),
        "NOT_FOUND",
      );
      await expectDomainError(
        act(t.db, cast.intAd, secretDispatched, { type: "decline", reason: "x" }),
        "NOT_FOUND",
      );
      await expectDomainError(
        act(t.db, cast.suitChair, secret, { type: "start-discussion" }),
        "NOT_FOUND",
      );
      expect(await dbState(t.db)).toEqual(before);
    });

    it("does not leak a confidential duplicate's title onto the public original's timeline", async () => {
      const original = await file(t.db, cast.bob, {
        title: "Public original about lock firmware",
      });
      const hiddenTitle = "Okapi lock firmware exploit, embargoed";
      const dup = await file(t.db, cast.alice, { title: hiddenTitle, confidential: true });
      await act(t.db, cast.iotopsChair, dup, {
        type: "close",
        reason: "duplicate",
        duplicateOf: original,
      });
      expect((await issueRow(t.db, dup)).state).toBe("closed");
      for (const [who, actor] of outsiders) {
        const page = await getIssue(t.db, actor, original);
        expect(JSON.stringify(page.timeline), who).not.toContain(hiddenTitle);
      }
    });

    it("never counts confidential issues in the dispatch report", async () => {
      const range = { from: dayOffset(-1), to: dayOffset(1) };
      const report = await dispatchReport(t.db, range);
      expect(report.total).toBe(1);
      expect(report.byDestination).toEqual([{ destination: "suit", kind: "existing-wg", n: 1 }]);
      expect(report.byCharterItem).toEqual([
        { charterItem: (await issueRow(t.db, openDispatched)).charterItem ?? "unassigned", n: 1 },
      ]);
      // The default range (the last year up to today) says the same.
      const byDefault = await dispatchReport(t.db, {});
      expect(byDefault.total).toBe(1);
      expect(byDefault.byDestination).toEqual(report.byDestination);
    });
  });

  describe("through the tRPC router", () => {
    it("issue.list, issue.counts, issue.duplicates and issue.get hide confidential issues from outsiders", async () => {
      const publicCounts = await tableCounts(true);
      for (const [who, actor] of outsiders) {
        const api = callerFor(t.db, t.mode, actor);
        const list = await api.issue.list({ limit: 100 });
        expect(
          list.items.map((i) => i.id),
          who,
        ).not.toContain(secret);
        expect(
          list.items.map((i) => i.id),
          who,
        ).toContain(open);
        const searched = await api.issue.list({ q: "zebrafish" });
        expect(
          searched.items.map((i) => i.id),
          who,
        ).toEqual([open]);
        expect((await api.issue.counts({})).byState, who).toEqual(publicCounts);
        expect((await api.issue.counts({ q: "zebrafish" })).byState, who).toMatchObject({
          "in-discussion": 0,
        });
        const dups = await api.issue.duplicates({ title: SECRET_TITLE });
        expect(
          dups.map((d) => d.id),
          who,
        ).not.toContain(secret);
        const err = await api.issue.get({ id: secret }).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err, who).toBeInstanceOf(TRPCError);
        expect(err, who).toMatchObject({ code: "NOT_FOUND" });
      }
    });

    it("issue.list, issue.counts and issue.get show them to those entitled", async () => {
      const all = await tableCounts(false);
      for (const [who, actor] of viewers) {
        const api = callerFor(t.db, t.mode, actor);
        const searched = await api.issue.list({ q: "zebrafish" });
        expect(searched.items.map((i) => i.id).sort(), who).toEqual([secret, open].sort());
        expect((await api.issue.counts({})).byState, who).toEqual(all);
        expect((await api.issue.get({ id: secret })).issue.id, who).toBe(secret);
      }
    });

    it("issue.report never counts confidential issues, even for the secretariat", async () => {
      const range = { from: dayOffset(-1), to: dayOffset(1) };
      for (const actor of [cast.secretariat, cast.iotopsChair, null]) {
        const report = await callerFor(t.db, t.mode, actor).issue.report(range);
        expect(report.total).toBe(1);
        expect(report.byDestination).toEqual([{ destination: "suit", kind: "existing-wg", n: 1 }]);
      }
    });
  });
  describe("the receiving group's chairs", () => {
    // Runs last: it adds a confidential issue that the SUIT chair may then see.
    it("see a confidential issue from the moment it is dispatched to them, and can acknowledge it", async () => {
      const handOff = await file(t.db, cast.alice, {
        title: "Confidential manifest signing gap in door locks",
        confidential: true,
      });
      await driveTo(t.db, cast, handOff, "ad-review", SUIT_RECOMMENDATION);
      // Under review it is still none of SUIT's business.
      await expectDomainError(getIssue(t.db, cast.suitChair, handOff), "NOT_FOUND");
      expect(
        (await findGroupWork(t.db, cast.suitChair, "suit")).awaiting.map((r) => r.id),
      ).not.toContain(handOff);

      await act(t.db, cast.opsAd, handOff, { type: "approve", rationale: "Agreed." });
      const work = await findGroupWork(t.db, cast.suitChair, "suit");
      expect(work.awaiting.map((r) => r.id)).toContain(handOff);
      const listed = await findIssues(t.db, cast.suitChair, { states: ["dispatched"], limit: 100 });
      expect(listed.items.map((i) => i.id)).toContain(handOff);
      const page = await getIssue(t.db, cast.suitChair, handOff);
      expect(page.issue).toMatchObject({ id: handOff, confidential: true });
      expect(page.permissions.commands).toContain("acknowledge");

      // Other groups' chairs and the public still see nothing.
      for (const [who, actor] of [
        ["an anonymous visitor", null],
        ["another contributor", cast.bob],
        ["an INT AD", cast.intAd],
      ] as const) {
        await expectDomainError(getIssue(t.db, actor, handOff), "NOT_FOUND");
        expect(
          (await findGroupWork(t.db, actor, "suit")).awaiting.map((r) => r.id),
          who,
        ).not.toContain(handOff);
      }

      await act(t.db, cast.suitChair, handOff, { type: "acknowledge" });
      expect((await issueRow(t.db, handOff)).state).toBe("accepted");
      expect(
        (await findGroupWork(t.db, cast.suitChair, "suit")).accepted.map((r) => r.id),
      ).toContain(handOff);
      expect((await getIssue(t.db, cast.suitChair, handOff)).issue.state).toBe("accepted");
    });
  });
});
