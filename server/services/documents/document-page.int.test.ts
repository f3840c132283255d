import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, documentReplacements } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { makePerson } from "~/server/services/people/test-fixtures";
import { getDocument } from "./find-documents";
import { addTrackedDocument } from "./test-fixtures";

let t: TestDatabase;

describe(`the document page's header and lineage on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t?.destroy());

  it("names the responsible AD instead of showing a raw Datatracker person id", async () => {
    await addTrackedDocument(t.db, {
      name: "draft-ietf-suit-header-ad",
      title: "Header AD",
      group: "suit",
      ad: "100002",
    });
    const before = await getDocument(t.db, null, "draft-ietf-suit-header-ad");
    expect(before.responsibleAd).toEqual({
      name: "an area director not yet known here (Datatracker person 100002)",
      known: false,
    });
    const ad = await makePerson(t.db, "Deb Cooley", [["ad", "sec"]]);
    await t.db
      .insert(accounts)
      .values({ personId: ad.personId, provider: "datatracker", providerAccountId: "100002" });
    const after = await getDocument(t.db, null, "draft-ietf-suit-header-ad");
    expect(after.responsibleAd).toEqual({ name: "Deb Cooley", known: true });
  });

  it("names the AD recorded by email, and keeps a recorded name", async () => {
    await makePerson(t.db, "Erin Email AD", [["ad", "ops"]]);
    await addTrackedDocument(t.db, {
      name: "draft-ietf-opsawg-by-email",
      title: "By email",
      ad: "Erin.Email.AD@example.org",
    });
    expect((await getDocument(t.db, null, "draft-ietf-opsawg-by-email")).responsibleAd).toEqual({
      name: "Erin Email AD",
      known: true,
    });
    await addTrackedDocument(t.db, {
      name: "draft-ietf-opsawg-by-name",
      title: "By name",
      ad: "Warren Kumari",
    });
    expect((await getDocument(t.db, null, "draft-ietf-opsawg-by-name")).responsibleAd).toEqual({
      name: "Warren Kumari",
      known: true,
    });
  });

  it("links a replaced draft to the Datatracker when it is not tracked here", async () => {
    await addTrackedDocument(t.db, { name: "draft-ietf-opsawg-mud-rats", title: "Adopted" });
    await addTrackedDocument(t.db, { name: "draft-lear-iotops-tracked", title: "Tracked" });
    await t.db.insert(documentReplacements).values([
      { source: "draft-ietf-opsawg-mud-rats", target: "draft-lear-iotops-mud-rats" },
      { source: "draft-ietf-opsawg-mud-rats", target: "draft-lear-iotops-tracked" },
    ]);
    const doc = await getDocument(t.db, null, "draft-ietf-opsawg-mud-rats");
    expect([...doc.replaces].sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      {
        name: "draft-lear-iotops-mud-rats",
        tracked: false,
        href: "https://datatracker.ietf.org/doc/draft-lear-iotops-mud-rats/",
      },
      {
        name: "draft-lear-iotops-tracked",
        tracked: true,
        href: "/documents/draft-lear-iotops-tracked",
      },
    ]);
  });
});
