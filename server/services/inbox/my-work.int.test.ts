/**
 * "My work": what waits for each role, counted with the same queries as the
 * pages the sections link to, and never a confidential item for someone the
 * policy does not entitle.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outbox } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import type { RecommendationInput } from "~/server/domain/dispatch/outcomes";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import {
  act,
  callerFor,
  driveTo,
  file,
  makeCast,
  type Cast,
} from "~/server/services/issues/test-fixtures";
import { triageIssue } from "~/server/services/issues/triage-issue";
import { SHOWN } from "./my-work";

let t: TestDatabase;
let cast: Cast;
const ids: Record<string, number> = {};

const toAnima: RecommendationInput = {
  outcome: {
    kind: "existing-wg",
    targetGroup: "anima",
    charterItem: "onboarding",
    needsRecharter: false,
  },
  rationale: "ANIMA owns bootstrapping.",
};

const api = (a: MaybeActor) => callerFor(t.db, t.mode, a);
async function inbox(a: MaybeActor) {
  return api(a).inbox.myWork();
}
const section = (w: Awaited<ReturnType<typeof inbox>>, key: string) =>
  w.sections.find((s) => s.key === key);
const itemIds = (w: Awaited<ReturnType<typeof inbox>>) =>
  w.sections.flatMap((s) => s.items.map((i) => i.href));

beforeAll(async () => {
  t = await createTestDatabase();
  cast = await makeCast(t.db);
  ids.submitted = await file(t.db, cast.bob, { title: "Waiting for triage" });
  ids.needsInfo = await file(t.db, cast.alice, { title: "Asked a question" });
  await act(t.db, cast.iotopsChair, ids.needsInfo, {
    type: "request-info",
    message: "Which devices are affected?",
  });
  ids.discussion = await file(t.db, cast.alice, { title: "Assigned discussion" });
  await triageIssue(t.db, cast.iotopsChair, {
    issueId: ids.discussion,
    expectedVersion: 1,
    responsibleChairId: cast.iotopsChair.personId,
  });
  await act(t.db, cast.iotopsChair, ids.discussion, { type: "start-discussion" });
  ids.review = await file(t.db, cast.alice, { title: "Awaiting review" });
  await driveTo(t.db, cast, ids.review, "ad-review");
  ids.returned = await file(t.db, cast.alice, { title: "Sent back" });
  await driveTo(t.db, cast, ids.returned, "ad-review");
  await act(t.db, cast.opsAd, ids.returned, { type: "return", comment: "Why not ANIMA?" });
  ids.secret = await file(t.db, cast.alice, { title: "Confidential hand-off", confidential: true });
  await driveTo(t.db, cast, ids.secret, "dispatched");
  ids.unchaired = await file(t.db, cast.bob, { title: "Nobody chairs ANIMA here" });
  await driveTo(t.db, cast, ids.unchaired, "dispatched", toAnima);
  await t.db.insert(outbox).values({
    toAddress: "gone@example.org",
    subject: "Undeliverable notice",
    body: "x",
    messageId: "<failed-1@iotops-dispatch>",
    status: "failed",
    attempts: 8,
  });
});
afterAll(async () => t?.destroy());

describe(`my work on ${testDbKind()}`, () => {
  it("the contributor sees the question on their issue, nothing else", async () => {
    const w = await inbox(cast.alice);
    expect(w.sections.map((s) => s.key)).toEqual(["info-requested"]);
    expect(section(w, "info-requested")!.items.map((i) => i.href)).toEqual([
      `/issues/${ids.needsInfo}`,
    ]);
    expect(w.total).toBe(1);
    // Someone else's question is not Bob's work.
    expect((await inbox(cast.bob)).total).toBe(0);
  });

  it("the IOTOPS chair's counts are the triage queue's counts", async () => {
    const w = await inbox(cast.iotopsChair);
    const chair = api(cast.iotopsChair);
    const all = (await chair.issue.counts({})).byState;
    const mine = (await chair.issue.counts({ responsibleChair: cast.iotopsChair.personId }))
      .byState;
    expect(section(w, "new-submissions")!.count).toBe(all.submitted);
    expect(section(w, "returned")!.count).toBe(all.returned);
    expect(section(w, "my-discussions")!.count).toBe(mine["in-discussion"]);
    expect(section(w, "new-submissions")!.items.map((i) => i.href)).toContain(
      `/issues/${ids.submitted}`,
    );
    expect(section(w, "returned")!.items.map((i) => i.href)).toEqual([`/issues/${ids.returned}`]);
    // The AD's comment is where the chairs pick the issue up.
    expect(section(w, "returned")!.items[0]!.note).toBe("The area director: Why not ANIMA?");
    expect(section(w, "my-discussions")!.items.map((i) => i.href)).toEqual([
      `/issues/${ids.discussion}`,
    ]);
    // The other IOTOPS chair has no discussion assigned.
    expect(section(await inbox(cast.iotopsChair2), "my-discussions")!.count).toBe(0);
    // Every count is backed by a page listing the same items.
    const list = await chair.issue.list({ states: ["submitted"], limit: 100 });
    expect(section(w, "new-submissions")!.count).toBe(list.items.length);
    expect(section(w, "new-submissions")!.count).toBeGreaterThan(0);
  });

  it("the AD's counts are the review page's queue and pipeline", async () => {
    const w = await inbox(cast.opsAd);
    const ad = api(cast.opsAd);
    const queue = await ad.issue.list({
      states: ["ad-review"],
      areas: ["ops"],
      sort: "oldest",
      limit: 100,
    });
    expect(section(w, "awaiting-review")!.count).toBe(queue.items.length);
    expect(section(w, "awaiting-review")!.items.map((i) => i.href)).toEqual([
      `/issues/${ids.review}`,
    ]);
    expect(section(w, "pipeline")!.count).toBe((await ad.document.pipeline()).length);
    // The INT AD reviews nothing of OPS.
    expect(section(await inbox(cast.intAd), "awaiting-review")!.count).toBe(0);
  });

  it("the receiving chair sees the confidential hand-off, as the group page does", async () => {
    const w = await inbox(cast.suitChair);
    const work = await api(cast.suitChair).group.work({ acronym: "suit" });
    const s = section(w, "handoffs-suit")!;
    expect(s.count).toBe(work.awaiting.length);
    expect(s.items.map((i) => i.href)).toEqual([`/issues/${ids.secret}`]);
    expect(s.items[0]!.label).toBe(`#${ids.secret} Confidential hand-off`);
    expect(w.sections.map((x) => x.role)).not.toContain("ad");
  });

  it("never shows the confidential issue to anyone else the policy does not entitle", async () => {
    for (const a of [cast.bob, cast.intAd]) {
      const w = await inbox(a);
      expect(itemIds(w)).not.toContain(`/issues/${ids.secret}`);
      expect(JSON.stringify(w)).not.toContain("Confidential hand-off");
    }
  });

  it("flags work dispatched to a group with no chair to the AD and the secretariat", async () => {
    for (const a of [cast.opsAd, cast.secretariat]) {
      const s = section(await inbox(a), "unchaired")!;
      expect(s.items.map((i) => i.href)).toEqual(["/groups/anima"]);
      expect(s.items[0]!.label).toContain(`#${ids.unchaired}`);
      expect(s.count).toBe(1);
    }
    // SUIT has a chair: its hand-off is not flagged. The INT AD has no OPS work.
    expect(section(await inbox(cast.intAd), "unchaired")!.count).toBe(0);
    expect(section(await inbox(cast.suitChair), "unchaired")).toBeUndefined();
  });

  it("the secretariat sees failed mail as the outbox page does, and says role requests are not recorded", async () => {
    const w = await inbox(cast.secretariat);
    const failed = (await api(cast.secretariat).notification.outbox()).filter(
      (m) => m.status === "failed",
    );
    expect(section(w, "failed-mail")!.count).toBe(failed.length);
    expect(section(w, "failed-mail")!.count).toBe(1);
    expect(section(w, "sync-errors")!.count).toBe(0);
    expect(section(w, "role-requests")!.note).toMatch(/cannot request a role/);
    // No chair or AD queues in the secretariat's own inbox.
    expect(w.sections.map((s) => s.role)).not.toContain("iotops-chair");
  });

  it("the total is the sum of the sections and the header count agrees", async () => {
    for (const a of [cast.alice, cast.iotopsChair, cast.opsAd, cast.suitChair, cast.secretariat]) {
      const w = await inbox(a);
      expect(w.total).toBe(w.sections.reduce((n, s) => n + s.count, 0));
      expect(await api(a).inbox.count()).toBe(w.total);
    }
  });

  it("a count follows the work: acknowledging empties the hand-off section", async () => {
    await act(t.db, cast.suitChair, ids.secret!, { type: "acknowledge" });
    const s = section(await inbox(cast.suitChair), "handoffs-suit")!;
    expect(s.count).toBe(0);
    expect(s.items).toEqual([]);
  });

  it("a section longer than it shows counts every item and lists the oldest first", async () => {
    const before = section(await inbox(cast.iotopsChair), "new-submissions")!;
    expect(before.items.length).toBe(before.count);
    const more: number[] = [];
    for (let i = 0; i <= SHOWN; i++)
      more.push(await file(t.db, cast.bob, { title: `Another sensor fleet waiting, number ${i}` }));
    const after = section(await inbox(cast.iotopsChair), "new-submissions")!;
    const queue = await api(cast.iotopsChair).issue.counts({});
    expect(after.count).toBe(before.count + SHOWN + 1);
    expect(after.count).toBe(queue.byState.submitted);
    expect(after.items).toHaveLength(SHOWN);
    const oldest = await api(cast.iotopsChair).issue.list({
      states: ["submitted"],
      sort: "oldest",
      limit: SHOWN,
    });
    expect(after.items.map((i) => i.href)).toEqual(oldest.items.map((i) => `/issues/${i.id}`));
  });

  it("anonymous callers have no inbox and a zero header count", async () => {
    await expect(inbox(null)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await api(null).inbox.count()).toBe(0);
  });
});
