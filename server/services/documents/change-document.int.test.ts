import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentReplacements } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import type { Actor } from "~/server/domain/permissions/actor";
import { callerFor, expectDomainError } from "~/server/testing/calls";
import {
  recordReplacement,
  setDocumentTags,
  transitionDocumentState,
  ZSetDocumentTags,
} from "./change-document";
import { getDocument } from "./find-documents";
import {
  addTrackedDocument,
  DOC,
  documentEvents,
  documentRow,
  documentTables,
  importFixture,
  makeDocumentCast,
  stateMap,
  type DocumentCast,
} from "./test-fixtures";

let t: TestDatabase;
let cast: DocumentCast;

/** SUIT (Security area) draft whose responsible AD is recorded by e-mail: Sam Sec AD. */
const RESPONSIBLE = "draft-ietf-suit-rollback-hints";
/** SUIT draft with no responsible AD recorded. */
const UNASSIGNED = "draft-ietf-suit-unassigned-ad";
/** An individual draft and the WG draft that replaces it. */
const INDIVIDUAL = "draft-someone-iotops-onboarding";
const ADOPTED = "draft-ietf-iotops-onboarding";

async function version(name: string) {
  return (await documentRow(t.db, name)).version;
}

function move(
  actor: Actor | null,
  name: string,
  expectedVersion: number,
  stateType: "draft" | "draft-stream-ietf" | "draft-iesg",
  to: string,
  comment = "",
) {
  return transitionDocumentState(t.db, actor, { name, expectedVersion, stateType, to, comment });
}

describe(`document changes on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    cast = await makeDocumentCast(t.db);
    await importFixture(t.db);
    await addTrackedDocument(t.db, {
      name: RESPONSIBLE,
      title: "Rollback Hints for SUIT Manifests",
      group: "suit",
      rev: "04",
      // Stored in another case than the person's address: the match is case-insensitive.
      ad: "Sam.Sec.AD@Example.org",
      states: { draft: "active", "draft-stream-ietf": "sub-pub", "draft-iesg": "idexists" },
    });
    await addTrackedDocument(t.db, {
      name: UNASSIGNED,
      title: "A SUIT Draft Without an AD",
      group: "suit",
      rev: "01",
      states: { draft: "active" },
    });
    await addTrackedDocument(t.db, {
      name: INDIVIDUAL,
      title: "Onboarding Many Devices at Once",
      group: null,
      rev: "02",
      states: { draft: "active" },
    });
    await addTrackedDocument(t.db, {
      name: ADOPTED,
      title: "Onboarding Many Devices at Once",
      group: "iotops",
      rev: "00",
      states: { draft: "active", "draft-stream-ietf": "wg-doc" },
    });
  });
  afterAll(async () => t?.destroy());

  describe("WG state", () => {
    it("a chair of the document's group moves c-adopt -> wg-doc -> wg-lc, recording each step", async () => {
      const { iotopsChair } = cast;
      expect(await stateMap(t.db, DOC.sbom)).toEqual({
        draft: "active",
        "draft-stream-ietf": "c-adopt",
      });
      expect(await version(DOC.sbom)).toBe(1);

      expect(
        await move(
          iotopsChair,
          DOC.sbom,
          1,
          "draft-stream-ietf",
          "wg-doc",
          "Adoption call passed.",
        ),
      ).toEqual({ version: 2 });
      expect(await stateMap(t.db, DOC.sbom)).toEqual({
        draft: "active",
        "draft-stream-ietf": "wg-doc",
      });
      expect(
        await move(iotopsChair, DOC.sbom, 2, "draft-stream-ietf", "wg-lc", "WGLC until May 2."),
      ).toEqual({ version: 3 });
      expect(await stateMap(t.db, DOC.sbom)).toEqual({
        draft: "active",
        "draft-stream-ietf": "wg-lc",
      });
      expect(await version(DOC.sbom)).toBe(3);

      const steps = (await documentEvents(t.db, DOC.sbom)).filter(
        (e) => e.type === "state-changed" && e.actorId !== null,
      );
      expect(steps.map((e) => [e.actorId, e.actorCapacity, e.groupAcronym, e.payload])).toEqual([
        [
          iotopsChair.personId,
          "chair/iotops",
          "iotops",
          {
            stateType: "draft-stream-ietf",
            owner: "wg-chair",
            before: "c-adopt",
            after: "wg-doc",
            comment: "Adoption call passed.",
            version: 2,
          },
        ],
        [
          iotopsChair.personId,
          "chair/iotops",
          "iotops",
          {
            stateType: "draft-stream-ietf",
            owner: "wg-chair",
            before: "wg-doc",
            after: "wg-lc",
            comment: "WGLC until May 2.",
            version: 3,
          },
        ],
      ]);
    });

    it("refuses an illegal move with INVALID_TRANSITION listing the legal next states, changing nothing", async () => {
      const before = await documentTables(t.db);
      const err = await expectDomainError(
        move(cast.iotopsChair, DOC.sbom, 3, "draft-stream-ietf", "sub-pub"),
        "INVALID_TRANSITION",
        /cannot change from "In WG Last Call" to "Submitted to IESG for Publication"\. Allowed next: "WG Document"/,
      );
      expect(err.details).toEqual({
        stateType: "draft-stream-ietf",
        from: "wg-lc",
        to: "sub-pub",
        legalNext: ["wg-doc", "waiting-for-implementation", "held-by-wg", "chair-w", "writeupw"],
        legalNextNames: [
          "WG Document",
          "Waiting for Implementation",
          "Held by WG",
          "Waiting for WG Chair Go-Ahead",
          "WG Consensus: Waiting for Write-Up",
        ],
      });
      // Staying put is not a move either.
      await expectDomainError(
        move(cast.iotopsChair, DOC.sbom, 3, "draft-stream-ietf", "wg-lc"),
        "INVALID_TRANSITION",
        /already "In WG Last Call"/,
      );
      // An unknown state is a validation error.
      await expectDomainError(
        move(cast.iotopsChair, DOC.sbom, 3, "draft-stream-ietf", "wg-party"),
        "VALIDATION",
      );
      expect(await documentTables(t.db)).toEqual(before);
    });

    it("refuses a contributor, a chair of another group and ADs (FORBIDDEN), and anonymous callers", async () => {
      const before = await documentTables(t.db);
      for (const who of [cast.alice, cast.suitChair, cast.opsAd, cast.secAd]) {
        const err = await expectDomainError(
          move(who, DOC.sbom, 3, "draft-stream-ietf", "chair-w"),
          "FORBIDDEN",
          /Only the chairs of IOTOPS/,
        );
        expect(err.details).toEqual({ action: "document.change-wg-state" });
      }
      await expectDomainError(
        move(null, DOC.sbom, 3, "draft-stream-ietf", "chair-w"),
        "UNAUTHENTICATED",
      );
      expect(await documentTables(t.db)).toEqual(before);
      // An unknown document is NOT_FOUND before any permission question.
      await expectDomainError(
        move(cast.suitChair, "draft-ietf-nope-missing", 1, "draft-stream-ietf", "wg-doc"),
        "NOT_FOUND",
      );
    });

    it("refuses a change made from a stale version with CONFLICT", async () => {
      const before = await documentTables(t.db);
      const err = await expectDomainError(
        move(cast.iotopsChair2, DOC.sbom, 2, "draft-stream-ietf", "chair-w"),
        "CONFLICT",
        /changed by someone else/,
      );
      expect(err.details).toMatchObject({ current: { version: 3 } });
      expect(await documentTables(t.db)).toEqual(before);
      // From the current version the other chair's move goes through.
      expect(await move(cast.iotopsChair2, DOC.sbom, 3, "draft-stream-ietf", "chair-w")).toEqual({
        version: 4,
      });
      expect((await stateMap(t.db, DOC.sbom))["draft-stream-ietf"]).toBe("chair-w");
      expect((await documentEvents(t.db, DOC.sbom)).at(-1)).toMatchObject({
        type: "state-changed",
        actorId: cast.iotopsChair2.personId,
        actorCapacity: "chair/iotops",
      });
    });
  });

  describe("IESG state", () => {
    it("with an AD recorded by e-mail, only that AD (or the secretariat) may move it", async () => {
      const before = await documentTables(t.db);
      for (const who of [cast.secAd2, cast.opsAd, cast.suitChair, cast.alice]) {
        const err = await expectDomainError(
          move(who, RESPONSIBLE, 1, "draft-iesg", "pub-req"),
          "FORBIDDEN",
          /Only the responsible area director or the secretariat/,
        );
        expect(err.details).toEqual({ action: "document.change-iesg-state" });
      }
      await expectDomainError(
        move(null, RESPONSIBLE, 1, "draft-iesg", "pub-req"),
        "UNAUTHENTICATED",
      );
      expect(await documentTables(t.db)).toEqual(before);

      expect(
        await move(cast.secAd, RESPONSIBLE, 1, "draft-iesg", "pub-req", "Shepherd write-up in."),
      ).toEqual({
        version: 2,
      });
      expect(await move(cast.secretariat, RESPONSIBLE, 2, "draft-iesg", "ad-eval")).toEqual({
        version: 3,
      });
      expect(await stateMap(t.db, RESPONSIBLE)).toEqual({
        draft: "active",
        "draft-stream-ietf": "sub-pub",
        "draft-iesg": "ad-eval",
      });
      const evs = await documentEvents(t.db, RESPONSIBLE);
      expect(
        evs.map((e) => [e.type, e.actorId, e.actorCapacity, e.groupAcronym, e.payload]),
      ).toEqual([
        [
          "state-changed",
          cast.secAd.personId,
          "responsible-ad",
          "suit",
          {
            stateType: "draft-iesg",
            owner: "responsible-ad",
            before: "idexists",
            after: "pub-req",
            comment: "Shepherd write-up in.",
            version: 2,
          },
        ],
        [
          "state-changed",
          cast.secretariat.personId,
          "secretariat",
          "suit",
          {
            stateType: "draft-iesg",
            owner: "responsible-ad",
            before: "pub-req",
            after: "ad-eval",
            comment: "",
            version: 3,
          },
        ],
      ]);
      // And the illegal-move check applies to ADs too.
      const err = await expectDomainError(
        move(cast.secAd, RESPONSIBLE, 3, "draft-iesg", "idexists"),
        "INVALID_TRANSITION",
      );
      expect(err.details).toMatchObject({ from: "ad-eval", to: "idexists" });
    });

    it("with no AD recorded, any AD of the group's area (SUIT is in sec) may move it; others may not", async () => {
      const before = await documentTables(t.db);
      for (const who of [cast.opsAd, cast.intAd, cast.suitChair]) {
        await expectDomainError(move(who, UNASSIGNED, 1, "draft-iesg", "pub-req"), "FORBIDDEN");
      }
      expect(await documentTables(t.db)).toEqual(before);

      // Entering the IESG axis: the first state is one of the initial states.
      expect(await move(cast.secAd2, UNASSIGNED, 1, "draft-iesg", "pub-req")).toEqual({
        version: 2,
      });
      expect((await stateMap(t.db, UNASSIGNED))["draft-iesg"]).toBe("pub-req");
      expect((await documentEvents(t.db, UNASSIGNED)).at(-1)).toMatchObject({
        type: "state-changed",
        actorId: cast.secAd2.personId,
        actorCapacity: "ad/sec",
        payload: { stateType: "draft-iesg", before: null, after: "pub-req", version: 2 },
      });
    });

    it("refuses an IESG change made from a stale version with CONFLICT, changing nothing", async () => {
      const before = await documentTables(t.db);
      const err = await expectDomainError(
        move(cast.secAd, RESPONSIBLE, 2, "draft-iesg", "lc-req"),
        "CONFLICT",
      );
      expect(err.details).toMatchObject({ current: { version: 3 } });
      expect(await documentTables(t.db)).toEqual(before);
    });
    it("a document whose AD is recorded (as a Datatracker pk) is not open to every area AD", async () => {
      expect((await documentRow(t.db, DOC.suitManifest)).ad).toBe("100001");
      await expectDomainError(
        move(cast.secAd2, DOC.suitManifest, 1, "draft-iesg", "iesg-eva"),
        "FORBIDDEN",
      );
    });
  });

  describe("tags", () => {
    it("a chair sets and clears tags, each change recorded with what was added and removed", async () => {
      const { iotopsChair } = cast;
      const name = DOC.mudRats;
      expect(await documentRow(t.db, name)).toMatchObject({ tags: [], version: 1 });

      expect(
        await setDocumentTags(t.db, iotopsChair, {
          name,
          expectedVersion: 1,
          tags: ["w-review", "need-sh", "w-review"],
        }),
      ).toEqual({ version: 2 });
      expect(await documentRow(t.db, name)).toMatchObject({
        tags: ["need-sh", "w-review"],
        version: 2,
      });
      expect(
        await setDocumentTags(t.db, iotopsChair, { name, expectedVersion: 2, tags: ["need-sh"] }),
      ).toEqual({ version: 3 });
      expect((await documentRow(t.db, name)).tags).toEqual(["need-sh"]);

      // The same set again is a no-op: no version bump, no event.
      const quiet = await documentTables(t.db);
      expect(
        await setDocumentTags(t.db, iotopsChair, { name, expectedVersion: 3, tags: ["need-sh"] }),
      ).toEqual({ version: 3 });
      expect(await documentTables(t.db)).toEqual(quiet);

      const evs = (await documentEvents(t.db, name)).filter((e) => e.type === "tags-changed");
      expect(evs.map((e) => [e.actorId, e.actorCapacity, e.groupAcronym, e.payload])).toEqual([
        [
          iotopsChair.personId,
          "chair/iotops",
          "iotops",
          {
            before: [],
            after: ["need-sh", "w-review"],
            added: ["need-sh", "w-review"],
            removed: [],
            version: 2,
          },
        ],
        [
          iotopsChair.personId,
          "chair/iotops",
          "iotops",
          {
            before: ["need-sh", "w-review"],
            after: ["need-sh"],
            added: [],
            removed: ["w-review"],
            version: 3,
          },
        ],
      ]);
    });

    it("refuses unknown tag slugs, non-chairs and stale versions, changing nothing", async () => {
      const name = DOC.mudRats;
      const before = await documentTables(t.db);

      const parsed = ZSetDocumentTags.safeParse({
        name,
        expectedVersion: 3,
        tags: ["need-sh", "made-up-tag"],
      });
      expect(parsed.success).toBe(false);
      expect(parsed.error!.issues.map((i) => i.message)).toEqual([
        "Choose tags from the Datatracker's list.",
      ]);
      await expect(
        callerFor(t.db, t.mode, cast.iotopsChair).document.setTags({
          name,
          expectedVersion: 3,
          tags: ["need-sh", "made-up-tag"],
        }),
      ).rejects.toMatchObject({ code: "BAD_REQUEST" });

      for (const who of [cast.suitChair, cast.opsAd, cast.alice]) {
        await expectDomainError(
          setDocumentTags(t.db, who, { name, expectedVersion: 3, tags: ["iana"] }),
          "FORBIDDEN",
          /Only the chairs of IOTOPS can change this document's WG state and tags/,
        );
      }
      await expectDomainError(
        setDocumentTags(t.db, null, { name, expectedVersion: 3, tags: ["iana"] }),
        "UNAUTHENTICATED",
      );
      await expectDomainError(
        setDocumentTags(t.db, cast.iotopsChair2, { name, expectedVersion: 2, tags: ["iana"] }),
        "CONFLICT",
      );
      expect(await documentTables(t.db)).toEqual(before);

      // A valid call through the API goes through.
      expect(
        await callerFor(t.db, t.mode, cast.iotopsChair).document.setTags({
          name,
          expectedVersion: 3,
          tags: ["need-sh", "iana"],
        }),
      ).toEqual({ version: 4 });
      expect((await documentRow(t.db, name)).tags).toEqual(["iana", "need-sh"]);
    });
  });

  describe("replacement", () => {
    it("records that the WG draft replaces the individual draft, on both documents", async () => {
      const { iotopsChair } = cast;
      expect(
        await recordReplacement(t.db, iotopsChair, {
          name: ADOPTED,
          expectedVersion: 1,
          // A revision suffix is accepted and dropped.
          replaces: `${INDIVIDUAL}-02`,
        }),
      ).toEqual({ version: 2 });

      expect(await t.db.select().from(documentReplacements)).toEqual([
        { source: ADOPTED, target: INDIVIDUAL },
      ]);
      expect(await stateMap(t.db, INDIVIDUAL)).toEqual({ draft: "repl" });
      expect(await stateMap(t.db, ADOPTED)).toEqual({
        draft: "active",
        "draft-stream-ietf": "wg-doc",
      });
      expect(await version(ADOPTED)).toBe(2);
      expect(await version(INDIVIDUAL)).toBe(2);

      const src = await documentEvents(t.db, ADOPTED);
      expect(
        src.map((e) => [e.type, e.actorId, e.actorCapacity, e.groupAcronym, e.payload]),
      ).toEqual([
        [
          "replaces-recorded",
          iotopsChair.personId,
          "chair/iotops",
          "iotops",
          { replaces: INDIVIDUAL, version: 2 },
        ],
      ]);
      const tgt = await documentEvents(t.db, INDIVIDUAL);
      expect(tgt.map((e) => [e.type, e.actorId, e.actorCapacity, e.payload])).toEqual([
        [
          "replaced-by",
          iotopsChair.personId,
          "chair/iotops",
          { replacedBy: ADOPTED, stateType: "draft", before: "active", after: "repl" },
        ],
      ]);

      const adopted = await getDocument(t.db, null, ADOPTED);
      expect(adopted.replaces).toEqual([
        { name: INDIVIDUAL, tracked: true, href: `/documents/${INDIVIDUAL}` },
      ]);
      expect(adopted.replacedBy).toEqual([]);
      const individual = await getDocument(t.db, null, INDIVIDUAL);
      expect(individual.replaces).toEqual([]);
      expect(individual.replacedBy).toEqual([
        { name: ADOPTED, tracked: true, href: `/documents/${ADOPTED}` },
      ]);
      expect(individual.axes.find((a) => a.stateType === "draft")).toMatchObject({
        slug: "repl",
        name: "Replaced",
      });
      expect(individual.history.map((h) => [h.type, h.actorName])).toEqual([
        ["replaced-by", iotopsChair.name],
      ]);
    });

    it("refuses a repeat (CONFLICT), a self-replacement (VALIDATION) and non-chairs (FORBIDDEN)", async () => {
      const before = await documentTables(t.db);
      await expectDomainError(
        recordReplacement(t.db, cast.iotopsChair, {
          name: ADOPTED,
          expectedVersion: 2,
          replaces: INDIVIDUAL,
        }),
        "CONFLICT",
        /already replaces/,
      );
      await expectDomainError(
        recordReplacement(t.db, cast.iotopsChair, {
          name: ADOPTED,
          expectedVersion: 2,
          replaces: ADOPTED,
        }),
        "VALIDATION",
        /cannot replace itself/,
      );
      await expectDomainError(
        recordReplacement(t.db, cast.iotopsChair, {
          name: ADOPTED,
          expectedVersion: 2,
          replaces: "rfc9019",
        }),
        "VALIDATION",
        /Only an Internet-Draft can be replaced/,
      );
      for (const who of [cast.suitChair, cast.bob, cast.opsAd]) {
        await expectDomainError(
          recordReplacement(t.db, who, {
            name: ADOPTED,
            expectedVersion: 2,
            replaces: "draft-someone-iotops-other",
          }),
          "FORBIDDEN",
        );
      }
      await expectDomainError(
        recordReplacement(t.db, cast.iotopsChair, {
          name: ADOPTED,
          expectedVersion: 1,
          replaces: "draft-someone-iotops-other",
        }),
        "CONFLICT",
        /changed by someone else/,
      );
      expect(await documentTables(t.db)).toEqual(before);
    });
    it("recording a replacement does not turn a published (rfc) draft into Replaced", async () => {
      expect((await stateMap(t.db, DOC.suitArchitecture)).draft).toBe("rfc");
      await recordReplacement(t.db, cast.suitChair, {
        name: DOC.suitManifest,
        expectedVersion: await version(DOC.suitManifest),
        replaces: DOC.suitArchitecture,
      });
      // The replacement is recorded (the lineage shows it)…
      const rows = await t.db
        .select()
        .from(documentReplacements)
        .where(eq(documentReplacements.target, DOC.suitArchitecture));
      expect(rows.map((r) => r.source)).toContain(DOC.suitManifest);
      // …but the published document keeps its state.
      expect((await stateMap(t.db, DOC.suitArchitecture)).draft).toBe("rfc");
    });
  });
});
