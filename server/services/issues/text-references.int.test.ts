import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { commentOnIssue } from "./comment-issue";
import { getIssue } from "./get-issue";
import { addDocument, file, LONG_PROBLEM, makeCast, type Cast } from "./test-fixtures";

let t: TestDatabase;
let cast: Cast;

describe(`references in issue text on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    cast = await makeCast(t.db);
    await addDocument(t.db, {
      name: "draft-ietf-suit-manifest",
      rev: "25",
      title: "A manifest",
      groupAcronym: "suit",
    });
  });
  afterAll(async () => t?.destroy());

  it("resolves documents, groups and only the issues the reader may see", async () => {
    const secret = await file(t.db, cast.alice, {
      title: "Debug port left open on shipped units",
      confidential: true,
    });
    const open = await file(t.db, cast.alice, { title: "Public manifest question" });
    const missing = 2_000_000;
    const id = await file(t.db, cast.alice, {
      title: "Onboarding with manifests",
      problemStatement: `${LONG_PROBLEM} See #${open}, draft-ietf-suit-manifest-25, RFC 8995 and SUIT, not ANMIA.`,
    });
    await commentOnIssue(t.db, cast.alice, {
      issueId: id,
      body: `Related: #${secret} and #${missing}; draft-lear-iotops-mud-rats.`,
    });

    const outsider = await getIssue(t.db, cast.bob, id);
    expect([...outsider.references.issues].sort((a, b) => a - b)).toEqual([open]);
    expect(outsider.references.documents).toEqual(["draft-ietf-suit-manifest"]);
    expect(outsider.references.groups).toEqual(["suit"]);
    const anonymous = await getIssue(t.db, null, id);
    expect(anonymous.references.issues).toEqual([open]);

    // The confidential issue's submitter and the IOTOPS chairs may see it, so it links for them.
    for (const reader of [cast.alice, cast.iotopsChair]) {
      const view = await getIssue(t.db, reader, id);
      expect([...view.references.issues].sort((a, b) => a - b)).toEqual(
        [open, secret].sort((a, b) => a - b),
      );
    }
  });
});
