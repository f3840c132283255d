import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { linkDocument } from "./link-document";
import {
  addDocument,
  dbState,
  expectDomainError,
  file,
  issueRow,
  linkedNames,
  makeCast,
  type Cast,
} from "./test-fixtures";

let t: TestDatabase;
let cast: Cast;
const DRAFT = "draft-example-linking-topic";

describe(`linking documents and issues on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    cast = await makeCast(t.db);
    await addDocument(t.db, {
      name: DRAFT,
      rev: "02",
      title: "Linking topic",
      groupAcronym: "iotops",
    });
  });
  afterAll(async () => t?.destroy());

  it("links from the document's side (no issue version) and records it on both histories", async () => {
    const id = await file(t.db, cast.alice);
    const before = await issueRow(t.db, id);
    await linkDocument(t.db, cast.iotopsChair, { issueId: id, document: DRAFT, unlink: false });
    expect(await linkedNames(t.db, id)).toContain(DRAFT);
    expect((await issueRow(t.db, id)).version).toBe(before.version + 1);
    const docEvents = await t.db
      .select()
      .from(events)
      .where(and(eq(events.subjectType, "document"), eq(events.subjectKey, DRAFT)));
    expect(docEvents.map((e) => [e.type, e.payload.issue])).toContainEqual(["issue-linked", id]);
  });

  it("still checks the version when the caller gives one", async () => {
    const id = await file(t.db, cast.alice);
    await expectDomainError(
      linkDocument(t.db, cast.iotopsChair, {
        issueId: id,
        expectedVersion: 99,
        document: DRAFT,
        unlink: false,
      }),
      "CONFLICT",
    );
  });

  it("refuses people who may not link, and malformed names, changing nothing", async () => {
    const id = await file(t.db, cast.alice);
    const before = await dbState(t.db);
    await expectDomainError(
      linkDocument(t.db, cast.bob, { issueId: id, document: DRAFT, unlink: false }),
      "FORBIDDEN",
    );
    await expectDomainError(
      linkDocument(t.db, cast.suitChair, { issueId: id, document: DRAFT, unlink: false }),
      "FORBIDDEN",
    );
    await expectDomainError(
      linkDocument(t.db, null, { issueId: id, document: DRAFT, unlink: false }),
      "UNAUTHENTICATED",
    );
    await expectDomainError(
      linkDocument(t.db, cast.iotopsChair, {
        issueId: id,
        document: "draft-Nobody_Bad name",
        unlink: false,
      }),
      "VALIDATION",
    );
    expect(await dbState(t.db)).toEqual(before);
  });

  it("links a well-formed draft the tracker does not know yet", async () => {
    const id = await file(t.db, cast.alice);
    await linkDocument(t.db, cast.iotopsChair, {
      issueId: id,
      document: "draft-nobody-unknown-thing-04",
      unlink: false,
    });
    expect(await linkedNames(t.db, id)).toContain("draft-nobody-unknown-thing");
  });
});
