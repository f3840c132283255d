/**
 * A confidential issue's number must not reach anyone who may not see the issue,
 * through any of the channels where it used to: the dispatch-once message on a
 * public issue linking the same draft, bulk triage's answers, a draft's public
 * history, and a public issue closed as its duplicate. And a hidden issue is
 * answered exactly like a missing one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { DomainError } from "~/server/domain/errors";
import type { Actor, MaybeActor } from "~/server/domain/permissions/actor";
import { getDocument } from "../documents/find-documents";
import {
  DOC,
  importFixture,
  makeDocumentCast,
  type DocumentCast,
} from "../documents/test-fixtures";
import { groupFeed, issueFeed } from "../notifications/feeds";
import { editIssue } from "./edit-issue";
import { getIssue } from "./get-issue";
import { linkDocument } from "./link-document";
import {
  act,
  dbState,
  driveTo,
  expectDomainError,
  file,
  intake,
  issueRow,
  makePerson,
} from "./test-fixtures";
import { bulkTriage } from "./triage-issue";

let t: TestDatabase;
let cast: DocumentCast;
/** Chairs a group the confidential issue was not dispatched to. */
let animaChair: Actor;
/** Confidential, dispatched, links MUD at -03. */
let secret: number;
/** Public, in discussion, links MUD at -03 too. */
let open: number;
/** Public, linked to the inventory draft, then made confidential by its submitter. */
let hiddenLater: number;

/**
 * Who may not see `secret` (filed by Alice, OPS area, dispatched to SUIT): everyone but its
 * submitter, the IOTOPS chairs, OPS ADs, the secretariat and the SUIT chairs, who receive it.
 */
function outsiders(): [string, MaybeActor][] {
  return [
    ["anonymous", null],
    ["contributor", cast.bob],
    ["ANIMA chair", animaChair],
    ["INT AD", cast.intAd],
  ];
}

/** Everything a caught error tells its caller. */
async function answer(p: Promise<unknown>) {
  try {
    await p;
    return { ok: true };
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return { code: e.code, message: e.message, details: e.details ?? null };
  }
}

describe(`confidential issue numbers on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    cast = await makeDocumentCast(t.db);
    animaChair = await makePerson(t.db, "Nina Anima Chair", [["chair", "anima"]]);
    await importFixture(t.db);
    secret = await file(t.db, cast.alice, {
      title: "Quietly broken attestation in fielded devices",
      relatedDocuments: [DOC.mudRats],
      confidential: true,
    });
    await driveTo(t.db, cast, secret, "dispatched");
    open = await file(t.db, cast.bob, {
      title: "Public look at MUD and attestation",
      relatedDocuments: [DOC.mudRats],
    });
    await driveTo(t.db, cast, open, "in-discussion");
    hiddenLater = await file(t.db, cast.alice, { title: "Firmware inventory at scale" });
    await linkDocument(t.db, cast.iotopsChair, {
      issueId: hiddenLater,
      document: DOC.inventory,
      unlink: false,
    });
    const row = await issueRow(t.db, hiddenLater);
    await editIssue(t.db, cast.alice, {
      issueId: hiddenLater,
      expectedVersion: row.version,
      fields: intake({
        title: row.title,
        relatedDocuments: [DOC.inventory],
        confidential: true,
      }),
    });
  });
  afterAll(async () => t?.destroy());

  it("has the set-up it assumes", async () => {
    expect(await issueRow(t.db, secret)).toMatchObject({ confidential: true, state: "dispatched" });
    expect(await issueRow(t.db, open)).toMatchObject({ confidential: false });
    expect(await issueRow(t.db, hiddenLater)).toMatchObject({ confidential: true });
  });

  describe("the dispatch-once message on a public issue linking the same draft", () => {
    it.each(["anonymous", "contributor", "ANIMA chair", "INT AD"])(
      "names no issue number for %s",
      async (who) => {
        const actor = outsiders().find(([w]) => w === who)![1];
        const page = await getIssue(t.db, actor, open);
        expect(page.dispatchBlock).toContain("was already dispatched by another issue");
        expect(page.dispatchBlock).not.toContain(`#${secret}`);
      },
    );

    it("names the issue for those who may see it", async () => {
      for (const who of [cast.iotopsChair, cast.opsAd, cast.secretariat, cast.suitChair]) {
        const page = await getIssue(t.db, who, open);
        expect(page.dispatchBlock).toContain(`already dispatched by issue #${secret}`);
      }
    });
  });

  describe("bulk triage", () => {
    it.each(["contributor", "ANIMA chair", "INT AD"])(
      "answers %s the same for a confidential issue and a missing one",
      async (who) => {
        const actor = outsiders().find(([w]) => w === who)![1];
        const missing = 2_000_000_000;
        const before = await dbState(t.db);
        const onSecret = await answer(
          bulkTriage(t.db, actor, { issues: [{ id: secret, version: 1 }], startDiscussion: true }),
        );
        const onMissing = await answer(
          bulkTriage(t.db, actor, { issues: [{ id: missing, version: 1 }], startDiscussion: true }),
        );
        expect(onSecret).toEqual({
          code: "NOT_FOUND",
          message: `Issues not found: #${secret}.`,
          details: null,
        });
        expect(onMissing).toEqual({
          code: "NOT_FOUND",
          message: `Issues not found: #${missing}.`,
          details: null,
        });
        expect(await dbState(t.db)).toEqual(before);
      },
    );

    it("answers an anonymous caller the same way too", async () => {
      const onSecret = await answer(
        bulkTriage(t.db, null, { issues: [{ id: secret, version: 1 }], startDiscussion: true }),
      );
      expect(onSecret).toMatchObject({
        code: "NOT_FOUND",
        message: `Issues not found: #${secret}.`,
      });
    });
  });

  describe("a draft's public history", () => {
    it.each(["anonymous", "contributor", "ANIMA chair", "INT AD"])(
      "keeps no trace, for %s, of a link from an issue made confidential since",
      async (who) => {
        const actor = outsiders().find(([w]) => w === who)![1];
        const doc = await getDocument(t.db, actor, DOC.inventory);
        const text = JSON.stringify(doc);
        expect(text).not.toContain(`"issue":${hiddenLater}`);
        expect(doc.history.map((e) => e.type)).not.toContain("issue-linked");
      },
    );

    it("still shows the link to those who may see the issue", async () => {
      const doc = await getDocument(t.db, cast.iotopsChair, DOC.inventory);
      expect(
        doc.history.some((e) => e.type === "issue-linked" && e.payload.issue === hiddenLater),
      ).toBe(true);
    });
  });

  describe("closing a public issue as a duplicate of a confidential one", () => {
    it("is refused, so the number is never published", async () => {
      const dup = await file(t.db, cast.bob, { title: "Another public one" });
      const before = await dbState(t.db);
      await expectDomainError(
        act(t.db, cast.iotopsChair, dup, {
          type: "close",
          reason: "duplicate",
          duplicateOf: secret,
        }),
        "VALIDATION",
        /cannot be closed as its duplicate/,
      );
      expect(await dbState(t.db)).toEqual(before);
    });

    it("is hidden from outsiders when the original became confidential after the close", async () => {
      const original = await file(t.db, cast.alice, { title: "Original, public for now" });
      const dup = await file(t.db, cast.bob, { title: "Public duplicate of it" });
      await act(t.db, cast.iotopsChair, dup, {
        type: "close",
        reason: "duplicate",
        duplicateOf: original,
      });
      const row = await issueRow(t.db, original);
      await editIssue(t.db, cast.alice, {
        issueId: original,
        expectedVersion: row.version,
        fields: intake({ title: row.title, confidential: true }),
      });
      for (const [who, actor] of outsiders()) {
        const page = await getIssue(t.db, actor, dup);
        expect(page.issue.duplicateOf, who).toBeNull();
        expect(JSON.stringify(page.timeline), who).not.toContain(`"duplicateOf":${original}`);
      }
      expect(await issueFeed(t.db, dup)).not.toContain(`#${original}`);
      expect(await groupFeed(t.db, "iotops")).not.toContain(`duplicate of #${original}`);
      const insider = await getIssue(t.db, cast.iotopsChair, dup);
      expect(insider.issue.duplicateOf).toBe(original);
    });
  });

  it("answers a lookup of a hidden issue exactly as one of a missing issue", async () => {
    for (const [who, actor] of outsiders()) {
      const hidden = await answer(getIssue(t.db, actor, secret));
      const missing = await answer(getIssue(t.db, actor, 1_999_999_999));
      expect(hidden, who).toEqual({
        code: "NOT_FOUND",
        message: `There is no issue #${secret}.`,
        details: null,
      });
      expect(missing, who).toEqual({
        code: "NOT_FOUND",
        message: "There is no issue #1999999999.",
        details: null,
      });
    }
  });
});
