import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { CHARTER_ITEMS } from "~/server/domain/catalog";
import { SEED_CATALOG } from "~/db/seed/group-catalog";
import { createRoutingEngine, type RoutingEngine } from "~/server/domain/routing";
import { callerFor, expectDomainError } from "~/server/testing/calls";
import { routingEngine } from "../routing/engine";
import { importDocuments } from "./import-documents";
import {
  allDocumentEvents,
  API_FIXTURE,
  DOC,
  documentEvents,
  documentRow,
  documentTables,
  FIXTURE_TITLES,
  makeDocumentCast,
  MALFORMED_FIXTURE,
  revisionsOf,
  stateMap,
  type DocumentCast,
} from "./test-fixtures";

let t: TestDatabase;
let cast: DocumentCast;
/** Built before any import, so imports reach it through `teachRouting`. */
let engineBeforeImport: RoutingEngine;

const SKIPPED_CHARTER = {
  name: "charter-ietf-iotops",
  reason:
    'object 8 (charter-ietf-iotops): document type "charter" is not imported (only drafts and RFCs)',
};
const UNKNOWN_STATE_WARNING =
  "object 7 (draft-ietf-iotops-firmware-inventory): state pk 9999 not in our vocabulary (another axis?); ignored";

const jsonl = (...records: Record<string, unknown>[]) =>
  records.map((r) => JSON.stringify(r)).join("\n") + "\n";

// The tests in this file build on each other: one database, imports in order.
describe(`document import on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    cast = await makeDocumentCast(t.db);
    engineBeforeImport = await routingEngine(t.db);
  });
  afterAll(async () => t?.destroy());

  it("imports the Datatracker fixture: documents, states on each axis, revisions and events", async () => {
    expect(await documentTables(t.db)).toMatchObject({
      documents: [],
      states: [],
      revisions: [],
    });

    const report = await importDocuments(t.db, cast.secretariat, API_FIXTURE);
    expect(report).toEqual({
      format: "datatracker-api",
      created: 7,
      updated: 0,
      unchanged: 0,
      skipped: [SKIPPED_CHARTER],
      warnings: [UNKNOWN_STATE_WARNING],
    });

    const tables = await documentTables(t.db);
    expect(
      tables.documents.map((d) => ({
        name: d.name,
        rev: d.rev,
        group: d.groupAcronym,
        stream: d.stream,
        level: d.intendedStdLevel,
        ad: d.ad,
        shepherd: d.shepherd,
        tags: d.tags,
        version: d.version,
      })),
    ).toEqual([
      {
        name: DOC.sbom,
        rev: "02",
        group: "iotops",
        stream: "ietf",
        level: null,
        ad: null,
        shepherd: null,
        tags: [],
        version: 1,
      },
      {
        name: DOC.inventory,
        rev: "01",
        group: "iotops",
        stream: "ietf",
        level: "bcp",
        ad: null,
        shepherd: null,
        tags: ["need-aut", "need-rev"],
        version: 1,
      },
      {
        name: DOC.mudRats,
        rev: "03",
        group: "iotops",
        stream: "ietf",
        level: "inf",
        ad: "100002",
        shepherd: null,
        tags: [],
        version: 1,
      },
      {
        name: DOC.comparison,
        rev: "07",
        group: "iotops",
        stream: "ietf",
        level: "inf",
        ad: "100002",
        shepherd: "iotops-shepherd@example.com",
        tags: ["rev-wglc", "w-review"],
        version: 1,
      },
      {
        name: DOC.suitArchitecture,
        rev: "16",
        group: "suit",
        stream: "ietf",
        level: "inf",
        ad: "100001",
        shepherd: "suit-chairs@example.com",
        tags: ["app-min"],
        version: 1,
      },
      {
        name: DOC.suitManifest,
        rev: "25",
        group: "suit",
        stream: "ietf",
        level: "ps",
        ad: "100001",
        shepherd: "suit-shepherd@example.com",
        tags: [],
        version: 1,
      },
      {
        name: DOC.sensorNaming,
        rev: "00",
        group: null,
        stream: null,
        level: null,
        ad: null,
        shepherd: null,
        tags: [],
        version: 1,
      },
    ]);
    expect((await documentRow(t.db, DOC.sbom)).title).toBe(FIXTURE_TITLES.sbom);

    expect(tables.states.map((s) => [s.documentName, s.stateType, s.slug])).toEqual([
      [DOC.sbom, "draft", "active"],
      [DOC.sbom, "draft-stream-ietf", "c-adopt"],
      [DOC.inventory, "draft", "expired"],
      [DOC.inventory, "draft-stream-ietf", "parked"],
      [DOC.mudRats, "draft", "active"],
      [DOC.mudRats, "draft-iesg", "idexists"],
      [DOC.mudRats, "draft-stream-ietf", "wg-doc"],
      [DOC.comparison, "draft", "active"],
      [DOC.comparison, "draft-iesg", "idexists"],
      [DOC.comparison, "draft-stream-ietf", "chair-w"],
      [DOC.suitArchitecture, "draft", "rfc"],
      [DOC.suitArchitecture, "draft-iesg", "pub"],
      [DOC.suitManifest, "draft", "active"],
      [DOC.suitManifest, "draft-iesg", "goaheadw"],
      [DOC.suitManifest, "draft-stream-ietf", "sub-pub"],
      [DOC.sensorNaming, "draft", "active"],
    ]);

    expect(tables.revisions.map((r) => [r.documentName, r.rev, r.date])).toEqual([
      [DOC.sbom, "02", "2025-04-28"],
      [DOC.inventory, "01", "2024-01-29"],
      [DOC.mudRats, "03", "2025-06-01"],
      [DOC.comparison, "07", "2025-06-03"],
      [DOC.suitArchitecture, "16", "2021-04-30"],
      [DOC.suitManifest, "25", "2025-05-19"],
      [DOC.sensorNaming, "00", "2025-03-14"],
    ]);

    // One `imported` event per document and one `state-changed` event per state set.
    const evs = await allDocumentEvents(t.db);
    expect(evs).toHaveLength(7 + 16);
    for (const e of evs) {
      expect(e).toMatchObject({ actorId: cast.secretariat.personId, actorCapacity: "secretariat" });
    }
    const imported = evs.filter((e) => e.type === "imported");
    expect(imported.map((e) => e.subjectKey).sort()).toEqual(Object.values(DOC).sort());
    expect(imported.find((e) => e.subjectKey === DOC.mudRats)).toMatchObject({
      groupAcronym: "iotops",
      payload: { rev: "03", title: FIXTURE_TITLES.mudRats, format: "datatracker-api" },
    });
    expect(imported.find((e) => e.subjectKey === DOC.sensorNaming)!.groupAcronym).toBeNull();
    const stateEvents = evs.filter((e) => e.type === "state-changed");
    expect(stateEvents).toHaveLength(16);
    expect(
      (await documentEvents(t.db, DOC.suitManifest))
        .filter((e) => e.type === "state-changed")
        .map((e) => e.payload)
        .sort((a, b) => String(a.stateType).localeCompare(String(b.stateType))),
    ).toEqual([
      { stateType: "draft", before: null, after: "active", comment: "Set by import" },
      { stateType: "draft-iesg", before: null, after: "goaheadw", comment: "Set by import" },
      { stateType: "draft-stream-ietf", before: null, after: "sub-pub", comment: "Set by import" },
    ]);
  });

  it("teaches the routing engine built before the import (incremental path)", async () => {
    // Same engine object: the import taught it; nothing rebuilt it from the database.
    const engine = await routingEngine(t.db);
    expect(engine).toBe(engineBeforeImport);
    // Six of the seven drafts have a group; the individual draft without one is not taught.
    expect(engine.size()).toBe(6);

    const result = engine.route({ title: FIXTURE_TITLES.sbom });
    const top = result.candidates[0]!;
    expect(top.wg).toBe("iotops");
    expect(top.similarDocuments[0]).toBe(DOC.sbom);

    const mud = engine.route({ title: FIXTURE_TITLES.mudRats }).candidates[0]!;
    expect(mud.wg).toBe("iotops");
    expect(mud.similarDocuments).toContain(DOC.mudRats);

    // Sanity: the group profiles alone do not route these titles to IOTOPS, so the
    // result above comes from the imported documents.
    const bare = createRoutingEngine({
      groups: SEED_CATALOG.groups,
      charterItems: CHARTER_ITEMS,
      documents: [],
    });
    expect(bare.route({ title: FIXTURE_TITLES.sbom }).candidates[0]!.wg).not.toBe("iotops");
    expect(bare.route({ title: FIXTURE_TITLES.mudRats }).candidates[0]!.wg).not.toBe("iotops");
  });

  it("re-importing the same file changes no row and reports everything unchanged", async () => {
    const before = await documentTables(t.db);
    const report = await importDocuments(t.db, "command-line", API_FIXTURE);
    expect(report).toEqual({
      format: "datatracker-api",
      created: 0,
      updated: 0,
      unchanged: 7,
      skipped: [SKIPPED_CHARTER],
      warnings: [UNKNOWN_STATE_WARNING],
    });
    // Full rows, including updated_at and version, and no new events.
    expect(await documentTables(t.db)).toEqual(before);
    expect((await routingEngine(t.db)).size()).toBe(6);
  });

  it("a JSON Lines import after the API import keeps the revs, states and tags the API set", async () => {
    const before = await documentTables(t.db);
    const mudBefore = await documentRow(t.db, DOC.mudRats);
    const comparisonBefore = await documentRow(t.db, DOC.comparison);
    const NEW = "draft-smith-iotops-onboarding-report";
    const text = jsonl(
      // Existing: new title, no abstract (the known abstract must stay).
      { id: DOC.mudRats, title: "Remote Attestation for MUD Policies", wg: "iotops" },
      // Existing: same title, new abstract (tags, rev and states must stay).
      {
        id: DOC.comparison,
        title: FIXTURE_TITLES.comparison,
        abstract: "Message sizes of DTLS, EDHOC and OSCORE compared.",
        wg: "iotops",
      },
      // Existing, nothing new.
      { id: DOC.suitManifest, title: FIXTURE_TITLES.suitManifest, abstract: "" },
      // New, with its revision in the id.
      {
        id: `${NEW}-00`,
        title: "Onboarding Thousands of Sensors: a Field Report",
        abstract: "Lessons from bringing a large sensor fleet online.",
        wg: "iotops",
      },
    );
    const report = await importDocuments(t.db, "command-line", text);
    expect(report).toEqual({
      format: "jsonl",
      created: 1,
      updated: 2,
      unchanged: 1,
      skipped: [],
      warnings: [],
    });

    const after = await documentTables(t.db);
    // States: untouched (the new document has none).
    expect(after.states).toEqual(before.states);
    // Revisions: only the new document's -00 was added.
    const today = new Date().toISOString().slice(0, 10);
    expect(after.revisions).toEqual(
      [...before.revisions, { documentName: NEW, rev: "00", date: today }].sort((a, b) =>
        a.documentName < b.documentName ? -1 : a.documentName > b.documentName ? 1 : 0,
      ),
    );

    const mud = await documentRow(t.db, DOC.mudRats);
    expect(mud).toEqual({
      ...mudBefore,
      title: "Remote Attestation for MUD Policies",
      // The stored search text follows the new title ("Policies" is searchable now).
      searchText: expect.stringMatching(/'polici':[0-9]+A/),
      updatedAt: mud.updatedAt,
      version: 2,
    });
    const comparison = await documentRow(t.db, DOC.comparison);
    expect(comparison).toEqual({
      ...comparisonBefore,
      abstract: "Message sizes of DTLS, EDHOC and OSCORE compared.",
      // The stored search text follows the new abstract.
      searchText: expect.stringMatching(/'edhoc':[0-9]+B/),
      updatedAt: comparison.updatedAt,
      version: 2,
    });
    expect(comparison.tags).toEqual(["rev-wglc", "w-review"]);
    expect(comparison.rev).toBe("07");
    expect(await stateMap(t.db, DOC.comparison)).toEqual({
      draft: "active",
      "draft-stream-ietf": "chair-w",
      "draft-iesg": "idexists",
    });
    expect(await documentRow(t.db, DOC.suitManifest)).toEqual(
      before.documents.find((d) => d.name === DOC.suitManifest),
    );
    expect(await documentRow(t.db, NEW)).toMatchObject({
      rev: "00",
      groupAcronym: "iotops",
      stream: null,
      tags: [],
      ad: null,
      version: 1,
    });
    expect(await revisionsOf(t.db, NEW)).toEqual([{ rev: "00", date: today }]);

    // Three new events: two updates (listing only what changed) and one import.
    const added = after.events.slice(before.events.length);
    expect(added.map((e) => [e.subjectKey, e.type, e.actorId, e.actorCapacity])).toEqual([
      [DOC.mudRats, "updated-by-import", null, "command-line"],
      [DOC.comparison, "updated-by-import", null, "command-line"],
      [NEW, "imported", null, "command-line"],
    ]);
    expect(added[0]!.payload).toEqual({
      changed: {
        title: { before: FIXTURE_TITLES.mudRats, after: "Remote Attestation for MUD Policies" },
      },
    });
    expect(added[1]!.payload).toEqual({
      changed: {
        abstract: {
          before: comparisonBefore.abstract,
          after: "Message sizes of DTLS, EDHOC and OSCORE compared.",
        },
      },
    });
    expect(added[2]!.payload).toEqual({
      rev: "00",
      title: "Onboarding Thousands of Sensors: a Field Report",
      format: "jsonl",
    });
    // The new document reached the routing engine too.
    expect((await routingEngine(t.db)).size()).toBe(7);
  });

  it("rejects the malformed API fixture as a whole, listing every failing object", async () => {
    const before = await documentTables(t.db);
    const err = await expectDomainError(
      importDocuments(t.db, cast.secretariat, MALFORMED_FIXTURE),
      "VALIDATION",
      /^The import file was rejected: 9 problems\. object 2 \(draft-ietf-iotops-mud-rats\)/,
    );
    expect(err.details).toEqual({
      format: "datatracker-api",
      errorCount: 9,
      truncated: false,
      errors: [
        'object 2 (draft-ietf-iotops-mud-rats): "rev" must be two digits, got "7"',
        'object 3 (Draft-Doe-IoT-Onboarding): "name": "Draft-Doe-IoT-Onboarding" has uppercase letters; Internet-Draft names are lowercase.',
        'object 4 (draft-ietf-iotops-security-protocol-comparison): "states" has two IETF WG states: "wg-doc" and "wg-lc" (/api/v1/doc/state/41/)',
        'object 5 (draft-ietf-suit-architecture): "stream" must be a /api/v1/name/streamname/<key>/ URI, got "/api/v1/person/person/12/"',
        'object 5 (draft-ietf-suit-architecture): "intended_std_level" "maybe" is not a known intended standards level',
        'object 5 (draft-ietf-suit-architecture): "time" must be an ISO 8601 date-time, got "last Tuesday"',
        'object 6 (draft-ietf-iotops-firmware-inventory): "title" is missing',
        "object 7 (draft-ietf-suit-manifest): duplicate of object 1",
        'object 8: expected a document object, got "not a document"',
      ],
    });
    // Not even the valid first object was written.
    expect(await documentTables(t.db)).toEqual(before);
  });

  it("rejects JSON Lines with one bad line in the middle, naming the line, and writes nothing", async () => {
    const before = await documentTables(t.db);
    const good1 = { id: "draft-smith-iotops-good-one", title: "A Good First Line", wg: "iotops" };
    const good3 = { id: "draft-smith-iotops-good-three", title: "A Good Third Line", wg: "iotops" };

    // Line 2 is not JSON at all.
    const broken =
      JSON.stringify(good1) +
      '\n{"id": "draft-smith-iotops-cut-off", "title": "Cut off\n' +
      JSON.stringify(good3) +
      "\n";
    const e1 = await expectDomainError(
      importDocuments(t.db, cast.secretariat, broken),
      "VALIDATION",
      /1 problem\. line 2: invalid JSON/,
    );
    expect(e1.details).toMatchObject({ format: "jsonl", errorCount: 1, truncated: false });
    expect(e1.details!.errors).toEqual([expect.stringMatching(/^line 2: invalid JSON \(/)]);
    expect(await documentTables(t.db)).toEqual(before);

    // Line 2 is JSON, but its record has no title.
    const untitled = jsonl(good1, { id: "draft-smith-iotops-untitled", wg: "iotops" }, good3);
    const e2 = await expectDomainError(
      importDocuments(t.db, "command-line", untitled),
      "VALIDATION",
    );
    expect(e2.details).toEqual({
      format: "jsonl",
      errorCount: 1,
      truncated: false,
      errors: ['line 2 (draft-smith-iotops-untitled): "title" is missing'],
    });
    expect(await documentTables(t.db)).toEqual(before);
    expect((await routingEngine(t.db)).size()).toBe(7);
  });

  it("refuses a non-secretariat person (FORBIDDEN) and an anonymous caller (UNAUTHENTICATED)", async () => {
    const before = await documentTables(t.db);
    const extra = jsonl({ id: "draft-smith-iotops-sneaky", title: "Should Not Appear" });
    for (const who of [cast.iotopsChair, cast.opsAd, cast.alice]) {
      await expectDomainError(
        importDocuments(t.db, who, extra),
        "FORBIDDEN",
        /Only the secretariat/,
      );
    }
    await expectDomainError(importDocuments(t.db, null, extra), "UNAUTHENTICATED");
    // The same through the API.
    await expect(
      callerFor(t.db, t.mode, cast.bob).document.import({ text: extra }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      callerFor(t.db, t.mode, null).document.import({ text: extra }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await documentTables(t.db)).toEqual(before);
  });
  it("a JSON Lines line naming an older revision does not move rev backwards", async () => {
    expect((await documentRow(t.db, DOC.inventory)).rev).toBe("01");
    await importDocuments(
      t.db,
      "command-line",
      jsonl({ id: `${DOC.inventory}-00`, title: "Firmware Inventory for Device Fleets" }),
    );
    expect((await documentRow(t.db, DOC.inventory)).rev).toBe("01");
  });
});
