import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueDrafts } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { assessReadiness } from "~/server/domain/dispatch/readiness";
import { getIssueDraft, saveIssueDraft } from "./drafts";
import { fileIssue } from "./file-issue";
import { getIssue } from "./get-issue";
import { findIssues } from "./find-issues";
import { findPossibleDuplicates, suggestRouting } from "./suggest";
import {
  addDocument,
  dbState,
  expectDomainError,
  intake,
  issueEvents,
  issueRow,
  linkedNames,
  LONG_PROBLEM,
  makeCast,
  type Cast,
} from "./test-fixtures";

let t: TestDatabase;
let cast: Cast;

const DRAFT = "draft-ietf-suit-rollback-practice";

describe(`issue intake on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    cast = await makeCast(t.db);
    await addDocument(t.db, {
      name: DRAFT,
      rev: "02",
      title: "Operational practice for firmware rollback",
      groupAcronym: "suit",
    });
  });
  afterAll(async () => t?.destroy());

  it("stores a filed issue as submitted, with readiness, routing suggestion, documents and a filed event, and drops the filer's autosave", async () => {
    await saveIssueDraft(t.db, cast.alice, { title: "Firmware rollb", problemStatement: "half" });
    await saveIssueDraft(t.db, cast.bob, { title: "Bob's own draft" });
    expect(await getIssueDraft(t.db, cast.alice)).not.toBeNull();

    const fields = intake({
      desiredOutcome: "A BCP on staged firmware rollouts and rollback.",
      overlapNotes: "RFC 9019 describes the architecture but not rollback operations.",
      interestedPeople: "Ann Operator, Ben Vendor",
      implementers: "Acme IoT",
      slidesUrl: "https://example.org/slides.pdf",
      deviceClass: "class-1",
      scale: "millions",
      relatedDocuments: `${DRAFT}, RFC 9019`,
    });
    const { id } = await fileIssue(t.db, cast.alice, fields);

    const row = await issueRow(t.db, id);
    expect(row).toMatchObject({
      state: "submitted",
      title: fields.title,
      problemStatement: LONG_PROBLEM,
      deviceClass: "class-1",
      scale: "millions",
      submitterId: cast.alice.personId,
      confidential: false,
      version: 1,
      responsibleChairId: null,
      recommendation: null,
      dispatchedAt: null,
    });
    // Every readiness requirement is met by these fields (see readiness.ts).
    expect(row.readiness).toBe(6);
    expect(row.readiness).toBe(
      assessReadiness({ ...fields, relatedDocuments: fields.relatedDocuments }).score,
    );

    // The suggestion kept on the issue is what the routing engine says for this text.
    const routed = await suggestRouting(t.db, {
      title: fields.title,
      text: `${fields.problemStatement}\n\n${fields.desiredOutcome}`,
      limit: 8,
    });
    expect(routed).not.toBeNull();
    const topGroup = routed!.candidates.find((c) => c.kind !== "outcome");
    expect(row.suggestedGroup).toBe(topGroup?.wg ?? null);
    expect(row.suggestedCharterItem).toBe(routed!.charterItem.id);
    // A firmware-rollback problem is SUIT's, under the firmware-update charter item.
    expect(row.suggestedGroup).toBe("suit");
    expect(row.suggestedCharterItem).toBe("firmware-update");
    expect(row.charterItem).toBe("firmware-update");
    expect(row.suggestion).toEqual(
      JSON.parse(
        JSON.stringify({
          charterItem: routed!.charterItem,
          candidates: routed!.candidates.slice(0, 5),
        }),
      ),
    );

    expect(await linkedNames(t.db, id)).toEqual([DRAFT, "rfc9019"]);

    const evs = await issueEvents(t.db, id);
    expect(evs).toHaveLength(1);
    expect(evs[0]).toMatchObject({
      type: "filed",
      actorId: cast.alice.personId,
      actorCapacity: "participant",
      groupAcronym: "iotops",
    });
    expect(evs[0]!.payload).toMatchObject({
      before: null,
      after: "submitted",
      title: fields.title,
      relatedDocuments: [DRAFT, "rfc9019"],
      confidential: false,
      suggestedGroup: "suit",
    });

    // Alice's autosave is gone; Bob's is untouched.
    expect(await getIssueDraft(t.db, cast.alice)).toBeNull();
    const left = await t.db.select().from(issueDrafts);
    expect(left.map((d) => d.personId)).toEqual([cast.bob.personId]);
    expect(left[0]!.data).toEqual({ title: "Bob's own draft" });
  });

  it("lists an issue with its top three candidates and their first two reasons, taken from the stored suggestion", async () => {
    const { id } = await fileIssue(
      t.db,
      cast.alice,
      intake({ title: "Rollback of firmware images after a failed staged update" }),
    );
    const stored = (await issueRow(t.db, id)).suggestion as {
      candidates: { wg: string; kind: string; score: number; reasons: string[] }[];
    };
    expect(stored.candidates.length).toBeGreaterThan(3);
    expect(stored.candidates.some((c) => c.reasons.length > 2)).toBe(true);

    const page = await findIssues(t.db, cast.alice, { limit: 100 });
    const listed = page.items.find((i) => i.id === id);
    expect(listed).toBeDefined();
    expect(listed!.topCandidates).toEqual(
      stored.candidates.slice(0, 3).map((c) => ({
        wg: c.wg,
        kind: c.kind,
        score: c.score,
        reasons: c.reasons.slice(0, 2),
      })),
    );
    // The full record (similar documents, the charter item's reasons) is not in lists.
    expect(Object.keys(listed!)).not.toContain("suggestion");
  });

  it("keeps the contributor's own charter item choice beside the suggestion", async () => {
    const { id } = await fileIssue(t.db, cast.bob, intake({ charterItem: "onboarding" }));
    const row = await issueRow(t.db, id);
    expect(row.charterItem).toBe("onboarding");
    expect(row.suggestedCharterItem).toBe("firmware-update");
    expect((await issueEvents(t.db, id))[0]!.payload).toMatchObject({
      charterItem: "onboarding",
      chosenCharterItem: "onboarding",
      suggestedCharterItem: "firmware-update",
    });
  });

  it("accepts a well-formed draft the tracker does not know yet, and readiness agrees", async () => {
    const unknown = "draft-ietf-anima-constrained-voucher";
    const fields = intake({
      title: "Vouchers for constrained devices",
      relatedDocuments: [unknown],
    });
    const { id } = await fileIssue(t.db, cast.alice, fields);
    expect(await linkedNames(t.db, id)).toEqual([unknown]);
    const view = await getIssue(t.db, cast.alice, id);
    expect(view.documents).toEqual([
      expect.objectContaining({ name: unknown, known: false, title: null }),
    ]);
    // The draft counts for readiness exactly as the form counted it.
    const item = view.readiness.items.find((i) => i.id === "internet-draft");
    expect(item?.met).toBe(true);
    expect(view.readiness.score).toBe(assessReadiness(fields).score);
  });

  it("refuses anonymous filing and autosaving", async () => {
    const before = await dbState(t.db);
    await expectDomainError(fileIssue(t.db, null, intake()), "UNAUTHENTICATED");
    await expectDomainError(saveIssueDraft(t.db, null, { title: "x" }), "UNAUTHENTICATED");
    expect(await dbState(t.db)).toEqual(before);
  });

  it("finds a near-identical title as a possible duplicate, but not an unrelated one", async () => {
    const { id } = await fileIssue(
      t.db,
      cast.bob,
      intake({ title: "Certificate renewal for LoRaWAN gateways behind NAT" }),
    );
    const unrelated = await fileIssue(
      t.db,
      cast.bob,
      intake({ title: "Smart thermostat onboarding with BRSKI vouchers" }),
    );

    const hits = await findPossibleDuplicates(t.db, cast.alice, {
      title: "Certificate renewal of LoRaWAN gateways behind a NAT",
    });
    expect(hits.map((h) => h.id)).toContain(id);
    expect(hits.map((h) => h.id)).not.toContain(unrelated.id);
    const hit = hits.find((h) => h.id === id)!;
    expect(hit.title).toBe("Certificate renewal for LoRaWAN gateways behind NAT");
    expect(hit.similarity).toBeGreaterThanOrEqual(0.5);

    // Excluding the issue itself (as its own page does) leaves it out.
    const self = await findPossibleDuplicates(t.db, cast.alice, {
      title: "Certificate renewal for LoRaWAN gateways behind NAT",
      excludeId: id,
    });
    expect(self.map((h) => h.id)).not.toContain(id);

    const none = await findPossibleDuplicates(t.db, cast.alice, {
      title: "Quarantine of compromised industrial sensors",
    });
    expect(none.map((h) => h.id)).not.toContain(id);
    expect(none.map((h) => h.id)).not.toContain(unrelated.id);
  });
});
