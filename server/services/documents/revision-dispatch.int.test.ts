import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dispatchedRevisions, documentAuthors } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import {
  act,
  dbState,
  driveTo,
  file,
  issueRow,
  SUIT_RECOMMENDATION,
} from "../issues/test-fixtures";
import { expectDomainError } from "~/server/testing/calls";
import { postNewRevision } from "./change-document";
import {
  DOC,
  documentEvents,
  documentRow,
  documentTables,
  importFixture,
  makeDocumentCast,
  revisionsOf,
  stateMap,
  type DocumentCast,
} from "./test-fixtures";

let t: TestDatabase;
let cast: DocumentCast;

const MUD = DOC.mudRats; // imported at rev 03, WG state wg-doc
const INVENTORY = DOC.inventory; // imported at rev 01, I-D state expired

async function dispatchedOf(name: string) {
  const rows = await t.db
    .select({
      rev: dispatchedRevisions.rev,
      issueId: dispatchedRevisions.issueId,
    })
    .from(dispatchedRevisions)
    .where(eq(dispatchedRevisions.documentName, name))
    .orderBy(asc(dispatchedRevisions.rev), asc(dispatchedRevisions.issueId));
  return rows;
}

/** Everything a refused call must leave alone: issues, links, dispatches and documents. */
async function everything() {
  return { issues: await dbState(t.db), documents: await documentTables(t.db) };
}

describe(`new revisions and the dispatch-once rule on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    cast = await makeDocumentCast(t.db);
    await importFixture(t.db);
    await t.db.insert(documentAuthors).values([
      { documentName: MUD, name: cast.alice.name, email: cast.alice.email, position: 0 },
      { documentName: INVENTORY, name: cast.bob.name, email: cast.bob.email, position: 0 },
    ]);
  });
  afterAll(async () => t?.destroy());

  it("a dispatched -03 blocks re-dispatch until the author posts -04", async () => {
    const { alice, bob, iotopsChair, suitChair, opsAd } = cast;
    expect(await documentRow(t.db, MUD)).toMatchObject({ rev: "03", version: 1 });

    // Dispatch an issue that links the draft at -03.
    const id = await file(t.db, alice, {
      title: "Attestation-gated MUD policies for constrained devices",
      relatedDocuments: [MUD],
    });
    await driveTo(t.db, cast, id, "dispatched");
    expect((await issueRow(t.db, id)).state).toBe("dispatched");
    expect(await dispatchedOf(MUD)).toEqual([{ rev: "03", issueId: id }]);

    // The target group declines: back to the IOTOPS chairs.
    expect(
      await act(t.db, suitChair, id, { type: "decline", reason: "Not SUIT work." }),
    ).toMatchObject({
      state: "returned",
    });

    // Recommending it again for the same revision is refused.
    let before = await everything();
    const err = await expectDomainError(
      act(t.db, iotopsChair, id, { type: "recommend", recommendation: SUIT_RECOMMENDATION }),
      "CONFLICT",
      new RegExp(`${MUD}-03 was already dispatched by issue #${id}\\.`),
    );
    expect(err.details).toEqual({
      blocked: [{ name: MUD, linkedRev: "03", dispatchedRev: "03", issueNumber: id }],
    });
    expect(await everything()).toEqual(before);

    // So is another issue linking the same revision.
    const other = await file(t.db, bob, {
      title: "Another take on MUD and attestation",
      relatedDocuments: [MUD],
    });
    await driveTo(t.db, cast, other, "in-discussion");
    before = await everything();
    await expectDomainError(
      act(t.db, iotopsChair, other, { type: "recommend", recommendation: SUIT_RECOMMENDATION }),
      "CONFLICT",
      new RegExp(`already dispatched by issue #${id}`),
    );
    expect(await everything()).toEqual(before);

    // Only an author (or the secretariat) may post the next revision.
    for (const who of [bob, iotopsChair, opsAd]) {
      const e = await expectDomainError(
        postNewRevision(t.db, who, { name: MUD, expectedVersion: 1 }),
        "FORBIDDEN",
        /Only the document's authors can post a new revision/,
      );
      expect(e.details).toEqual({ action: "document.new-revision" });
    }
    await expectDomainError(
      postNewRevision(t.db, null, { name: MUD, expectedVersion: 1 }),
      "UNAUTHENTICATED",
    );
    expect(await everything()).toEqual(before);

    // The author posts -04.
    expect(
      await postNewRevision(t.db, alice, { name: MUD, expectedVersion: 1, date: "2025-07-07" }),
    ).toEqual({ rev: "04", version: 2 });
    expect(await documentRow(t.db, MUD)).toMatchObject({ rev: "04", version: 2 });
    expect(await revisionsOf(t.db, MUD)).toEqual([
      { rev: "03", date: "2025-06-01" },
      { rev: "04", date: "2025-07-07" },
    ]);
    expect(await stateMap(t.db, MUD)).toEqual({
      draft: "active",
      "draft-stream-ietf": "wg-doc",
      "draft-iesg": "idexists",
    });
    const last = (await documentEvents(t.db, MUD)).at(-1)!;
    expect(last).toMatchObject({
      type: "new-revision",
      actorId: alice.personId,
      actorCapacity: "author",
      groupAcronym: "iotops",
    });
    expect(last.payload).toEqual({
      before: "03",
      after: "04",
      date: "2025-07-07",
      reactivated: false,
      version: 2,
    });

    // Now the recommendation goes through, and the approval records -04 as dispatched.
    expect(
      await act(t.db, iotopsChair, id, { type: "recommend", recommendation: SUIT_RECOMMENDATION }),
    ).toMatchObject({ state: "recommended" });
    await act(t.db, iotopsChair, id, { type: "request-review" });
    expect(
      await act(t.db, opsAd, id, { type: "approve", rationale: "Revised since." }),
    ).toMatchObject({ state: "dispatched" });
    expect(await dispatchedOf(MUD)).toEqual([
      { rev: "03", issueId: id },
      { rev: "04", issueId: id },
    ]);

    // And -04 is now what blocks the other issue.
    const again = await expectDomainError(
      act(t.db, iotopsChair, other, { type: "recommend", recommendation: SUIT_RECOMMENDATION }),
      "CONFLICT",
    );
    expect(again.details).toEqual({
      blocked: [{ name: MUD, linkedRev: "04", dispatchedRev: "04", issueNumber: id }],
    });
  });

  it("a new revision revives an expired draft; the secretariat may post one too", async () => {
    expect(await stateMap(t.db, INVENTORY)).toEqual({
      draft: "expired",
      "draft-stream-ietf": "parked",
    });
    // An author of another document is not an author of this one.
    await expectDomainError(
      postNewRevision(t.db, cast.alice, { name: INVENTORY, expectedVersion: 1 }),
      "FORBIDDEN",
    );

    const today = new Date().toISOString().slice(0, 10);
    expect(await postNewRevision(t.db, cast.bob, { name: INVENTORY, expectedVersion: 1 })).toEqual({
      rev: "02",
      version: 2,
    });
    expect(await stateMap(t.db, INVENTORY)).toEqual({
      draft: "active",
      "draft-stream-ietf": "parked",
    });
    expect(
      await postNewRevision(t.db, cast.secretariat, {
        name: INVENTORY,
        expectedVersion: 2,
        date: "2025-08-01",
      }),
    ).toEqual({ rev: "03", version: 3 });
    expect(await revisionsOf(t.db, INVENTORY)).toEqual([
      { rev: "01", date: "2024-01-29" },
      { rev: "02", date: today },
      { rev: "03", date: "2025-08-01" },
    ]);
    const evs = (await documentEvents(t.db, INVENTORY)).filter((e) => e.type === "new-revision");
    expect(evs.map((e) => [e.actorId, e.actorCapacity, e.payload])).toEqual([
      [
        cast.bob.personId,
        "author",
        { before: "01", after: "02", date: today, reactivated: true, version: 2 },
      ],
      [
        cast.secretariat.personId,
        "secretariat",
        { before: "02", after: "03", date: "2025-08-01", reactivated: false, version: 3 },
      ],
    ]);
  });

  it("refuses a revision posted from a stale version with CONFLICT, changing nothing", async () => {
    const before = await everything();
    const err = await expectDomainError(
      postNewRevision(t.db, cast.alice, { name: MUD, expectedVersion: 1 }),
      "CONFLICT",
      /changed by someone else/,
    );
    expect(err.details).toMatchObject({ current: { version: 2 } });
    await expectDomainError(
      postNewRevision(t.db, cast.alice, {
        name: "draft-ietf-iotops-not-tracked",
        expectedVersion: 1,
      }),
      "NOT_FOUND",
    );
    expect(await everything()).toEqual(before);
    expect((await documentRow(t.db, MUD)).rev).toBe("04");
  });
});
