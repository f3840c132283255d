import { describe, expect, it } from "vitest";
import fixture from "./fixtures/datatracker-documents.json";
import malformed from "./fixtures/datatracker-documents.malformed.json";
import {
  IMPORT_MAX_ERRORS,
  detectImportFormat,
  importErrorsToDomainError,
  parseDatatrackerImport,
  type ImportParseResult,
  type ImportedDocument,
} from "./import-parse";

const fixtureText = JSON.stringify(fixture, null, 2);
const malformedText = JSON.stringify(malformed, null, 2);

function expectOk(r: ImportParseResult) {
  if (!r.ok)
    throw new Error(`expected success, got:\n${r.errors.map((e) => e.message).join("\n")}`);
  return r;
}
function expectFail(r: ImportParseResult) {
  if (r.ok) throw new Error("expected the file to be rejected");
  return r;
}
const byName = (records: ImportedDocument[], name: string) => records.find((d) => d.name === name);

describe("Datatracker API fixture", () => {
  const r = expectOk(parseDatatrackerImport(fixtureText));

  it("detects the API format and imports every draft", () => {
    expect(r.format).toBe("datatracker-api");
    const drafts = fixture.objects.filter((o) => o.type.endsWith("/draft/")).map((o) => o.name);
    expect(r.records.map((d) => d.name)).toEqual(drafts);
  });

  it("normalises foreign keys, states and tags", () => {
    expect(byName(r.records, "draft-ietf-suit-manifest")).toEqual({
      name: "draft-ietf-suit-manifest",
      rev: "25",
      title: "A Manifest Format for Updating Firmware on Constrained Devices",
      abstract: fixture.objects[0]?.abstract,
      group: "suit", // group pk 2051 is unknown offline: taken from the name
      stream: "ietf",
      intendedStdLevel: "ps",
      states: { draft: "active", "draft-stream-ietf": "sub-pub", "draft-iesg": "goaheadw" },
      tags: [],
      ad: "100001",
      shepherd: "suit-shepherd@example.com",
      time: "2025-05-19T14:02:11.000Z",
    });
  });

  it.each([
    // [name, group, stream, states, tags]
    [
      "draft-ietf-iotops-mud-rats",
      "iotops",
      "ietf",
      { draft: "active", "draft-stream-ietf": "wg-doc", "draft-iesg": "idexists" },
      [],
    ],
    [
      "draft-doe-iotops-sbom-discovery",
      "iotops",
      "ietf",
      { draft: "active", "draft-stream-ietf": "c-adopt" },
      [],
    ],
    ["draft-roe-sensor-naming-hints", null, null, { draft: "active" }, []],
    [
      "draft-ietf-suit-architecture",
      "suit",
      "ietf",
      { draft: "rfc", "draft-iesg": "pub" },
      ["app-min"],
    ],
    [
      "draft-ietf-iotops-security-protocol-comparison",
      "iotops",
      "ietf",
      { draft: "active", "draft-stream-ietf": "chair-w", "draft-iesg": "idexists" },
      ["rev-wglc", "w-review"],
    ],
    [
      "draft-ietf-iotops-firmware-inventory",
      "iotops",
      "ietf",
      { draft: "expired", "draft-stream-ietf": "parked" },
      ["need-aut", "need-rev"],
    ],
  ])("%s", (name, group, stream, states, tags) => {
    const d = byName(r.records, name);
    expect(d).toMatchObject({ group, stream, states, tags });
  });

  it("reads a time without a zone as UTC", () => {
    expect(byName(r.records, "draft-roe-sensor-naming-hints")?.time).toBe(
      "2025-03-14T10:00:00.000Z",
    );
  });

  it("skips the charter and warns about the unknown state pk", () => {
    expect(r.skipped.map((s) => s.message)).toEqual([
      'object 8 (charter-ietf-iotops): document type "charter" is not imported (only drafts and RFCs)',
    ]);
    expect(r.warnings.map((w) => w.message)).toEqual([
      "object 7 (draft-ietf-iotops-firmware-inventory): state pk 9999 not in our vocabulary (another axis?); ignored",
    ]);
  });

  it("resolves group pks when a map is given", () => {
    const withMap = expectOk(
      parseDatatrackerImport(fixtureText, {
        groupAcronymsByPk: { 1027: "none", 2051: "suit-renamed" },
      }),
    );
    expect(byName(withMap.records, "draft-ietf-suit-manifest")?.group).toBe("suit-renamed");
    expect(byName(withMap.records, "draft-roe-sensor-naming-hints")?.group).toBeNull();
  });

  it("gives the same result for the original file text and a compact copy", () => {
    expect(parseDatatrackerImport(JSON.stringify(fixture))).toEqual(r);
  });
});

describe("other API shapes", () => {
  const one = fixture.objects[1];

  it("accepts a single document object", () => {
    const r = expectOk(parseDatatrackerImport(JSON.stringify(one)));
    expect(r.records.map((d) => d.name)).toEqual(["draft-ietf-iotops-mud-rats"]);
  });

  it("accepts a bare array, bare slugs and expanded state objects", () => {
    const doc = {
      name: "draft-ietf-iotops-mud-rats",
      rev: "04",
      title: "  Spaced\n   title ",
      type: "draft",
      stream: "ietf",
      intended_std_level: "inf",
      group: "IOTOPS",
      states: [
        { type: "/api/v1/doc/statetype/draft-stream-ietf/", slug: "wg-lc" },
        { type: "draft", slug: "active" },
      ],
      tags: ["need-rev", "need-rev"],
      ad: 42,
    };
    const r = expectOk(parseDatatrackerImport(JSON.stringify([doc])));
    expect(r.records[0]).toMatchObject({
      title: "Spaced title",
      group: "iotops",
      stream: "ietf",
      intendedStdLevel: "inf",
      states: { draft: "active", "draft-stream-ietf": "wg-lc" },
      tags: ["need-rev"],
      ad: "42",
      abstract: "",
    });
  });

  it("accepts an RFC document without a revision", () => {
    const r = expectOk(
      parseDatatrackerImport(
        JSON.stringify({
          name: "rfc9019",
          rev: "",
          title: "An architecture",
          type: "/api/v1/name/doctypename/rfc/",
        }),
      ),
    );
    expect(r.records[0]).toMatchObject({ name: "rfc9019", rev: null, group: null });
  });

  it("warns when the file is one page of a longer list", () => {
    const page = {
      ...fixture,
      meta: { ...fixture.meta, next: "/api/v1/doc/document/?offset=20", total_count: 57 },
    };
    const r = expectOk(parseDatatrackerImport(JSON.stringify(page)));
    expect(r.warnings[0]?.message).toMatch(
      /^file: this is one page of a larger result \(8 of 57 documents\)/,
    );
  });
});

describe("malformed API file", () => {
  const r = expectFail(parseDatatrackerImport(malformedText));

  it("rejects the whole file and lists every problem with object index and name", () => {
    expect(r.format).toBe("datatracker-api");
    expect(r.errors.map((e) => e.message)).toEqual([
      'object 2 (draft-ietf-iotops-mud-rats): "rev" must be two digits, got "7"',
      'object 3 (Draft-Doe-IoT-Onboarding): "name": "Draft-Doe-IoT-Onboarding" has uppercase letters; Internet-Draft names are lowercase.',
      'object 4 (draft-ietf-iotops-security-protocol-comparison): "states" has two IETF WG states: "wg-doc" and "wg-lc" (/api/v1/doc/state/41/)',
      'object 5 (draft-ietf-suit-architecture): "stream" must be a /api/v1/name/streamname/<key>/ URI, got "/api/v1/person/person/12/"',
      'object 5 (draft-ietf-suit-architecture): "intended_std_level" "maybe" is not a known intended standards level',
      'object 5 (draft-ietf-suit-architecture): "time" must be an ISO 8601 date-time, got "last Tuesday"',
      'object 6 (draft-ietf-iotops-firmware-inventory): "title" is missing',
      "object 7 (draft-ietf-suit-manifest): duplicate of object 1",
      'object 8: expected a document object, got "not a document"',
    ]);
    expect(r.errorCount).toBe(9);
    expect(r.truncated).toBe(false);
    expect(r.errors[0]).toMatchObject({
      index: 2,
      line: null,
      name: "draft-ietf-iotops-mud-rats",
      problem: '"rev" must be two digits, got "7"',
    });
  });

  it("caps the error list", () => {
    const many = {
      objects: Array.from({ length: 30 }, (_, i) => ({
        name: `draft-x-y-z${i}`,
        rev: "1",
        title: "t",
      })),
    };
    const capped = expectFail(parseDatatrackerImport(JSON.stringify(many)));
    expect(capped.errors).toHaveLength(IMPORT_MAX_ERRORS);
    expect(capped.errorCount).toBe(30);
    expect(capped.truncated).toBe(true);
    expect(
      expectFail(parseDatatrackerImport(JSON.stringify(many), { maxErrors: 3 })).errors,
    ).toHaveLength(3);
  });

  it("converts to a VALIDATION DomainError for services", () => {
    const e = importErrorsToDomainError(r);
    expect(e.code).toBe("VALIDATION");
    expect(e.message).toMatch(/^The import file was rejected: 9 problems\. object 2/);
    expect(e.details?.errors).toHaveLength(9);
  });

  it.each([
    [{ objects: {} }, 'file: "objects" must be an array, got an object'],
    [{ objects: [] }, "file: the file has no documents"],
    [
      { name: "draft-a-b-c", rev: "00", title: "T", time: "2025-02-30T00:00:00Z" },
      'object 1 (draft-a-b-c): "time" is not a real date: "2025-02-30T00:00:00Z"',
    ],
    [
      { name: "draft-a-b-c", rev: "00", title: "T", shepherd: "/api/v1/group/group/1/" },
      'object 1 (draft-a-b-c): "shepherd" must be a /api/v1/person/email/<key>/ URI, got "/api/v1/group/group/1/"',
    ],
    [
      { name: "draft-a-b-c", rev: "00", title: "T", states: ["/api/v1/doc/state/abc/"] },
      'object 1 (draft-a-b-c): "states[0]" must be a /api/v1/doc/state/<pk>/ URI, got "/api/v1/doc/state/abc/"',
    ],
    [
      {
        name: "draft-a-b-c",
        rev: "00",
        title: "T",
        resource_uri: "/api/v1/doc/document/draft-a-b-d/",
      },
      'object 1 (draft-a-b-c): "resource_uri" names "draft-a-b-d", not "draft-a-b-c"',
    ],
    [
      { name: "rfc9019", rev: "03", title: "T", type: "rfc" },
      'object 1 (rfc9019): "rev" must be empty for an RFC, got "03"',
    ],
    [{ name: "draft-a-b-c", rev: "00", title: "" }, 'object 1 (draft-a-b-c): "title" is empty'],
  ])("reports %j", (doc, message) => {
    expect(
      expectFail(parseDatatrackerImport(JSON.stringify(doc))).errors.map((e) => e.message),
    ).toEqual([message]);
  });

  it("reports the line of a JSON syntax error", () => {
    const broken = fixtureText.replace('"rev": "03",', '"rev": "03"');
    const f = expectFail(parseDatatrackerImport(broken));
    const line = broken.split("\n").findIndex((l) => l.includes('"rev": "03"')) + 2;
    expect(f.errors).toHaveLength(1);
    expect(f.errors[0]?.message).toMatch(new RegExp(`^line ${line}: invalid JSON`));
  });
});

describe("JSON Lines", () => {
  const line = (o: Record<string, unknown>) => JSON.stringify(o);
  const good = [
    line({
      id: "draft-ietf-suit-manifest",
      title: "Manifest",
      abstract: "About manifests.",
      wg: "suit",
      year: 2024,
    }),
    line({ id: "rfc9019", title: "SUIT architecture", abstract: "An architecture.", wg: "suit" }),
    line({
      id: "draft-doe-iotops-sbom-discovery-02",
      title: "SBOM discovery",
      abstract: "Finding SBOMs.",
    }),
    line({ id: "draft-ietf-iotops-mud-rats", title: "MUD and RATS", abstract: "", wg: null }),
  ].join("\n");

  it("parses the corpus format", () => {
    const r = expectOk(parseDatatrackerImport(`${good}\n\n`));
    expect(r.format).toBe("jsonl");
    expect(r.records.map((d) => [d.name, d.rev, d.group])).toEqual([
      ["draft-ietf-suit-manifest", null, "suit"],
      ["rfc9019", null, "suit"],
      ["draft-doe-iotops-sbom-discovery", "02", null],
      ["draft-ietf-iotops-mud-rats", null, "iotops"],
    ]);
    expect(r.records[0]).toMatchObject({
      states: {},
      tags: [],
      stream: null,
      ad: null,
      time: null,
    });
  });

  it("treats a single line as JSON Lines", () => {
    const r = expectOk(parseDatatrackerImport(line({ id: "RFC 9019", title: "T", abstract: "A" })));
    expect(r.format).toBe("jsonl");
    expect(r.records[0]?.name).toBe("rfc9019");
  });

  it("rejects a malformed file with line numbers", () => {
    const text = [
      line({ id: "draft-ietf-suit-manifest", title: "Manifest", abstract: "ok", wg: "suit" }),
      "",
      '{"id": "draft-ietf-suit-report", "title": "Report", ',
      line({ id: "draft-ietf-suit-report", abstract: "no title" }),
      line({ id: "draft_bad", title: "Bad id", abstract: "x" }),
      line({ id: "draft-ietf-suit-manifest", title: "Again", abstract: "dup" }),
      "[1, 2]",
      line({ id: 7, title: "x" }),
      line({ id: "draft-ietf-suit-trust-domains", title: "TD", abstract: 3, wg: "SUIT WG" }),
    ].join("\n");
    const r = expectFail(parseDatatrackerImport(text));
    expect(r.format).toBe("jsonl");
    const messages = r.errors.map((e) => e.message);
    expect(messages[0]).toMatch(/^line 3: invalid JSON/);
    expect(messages.slice(1)).toEqual([
      'line 4 (draft-ietf-suit-report): "title" is missing',
      'line 5: "id": Internet-Draft names start with "draft-"; got "draft_bad".',
      "line 6 (draft-ietf-suit-manifest): duplicate of line 1",
      "line 7: expected a JSON object, got an array",
      'line 8: "id" must be a string, got number 7',
      'line 9 (draft-ietf-suit-trust-domains): "abstract" must be a string, got number 3',
      'line 9 (draft-ietf-suit-trust-domains): "wg" is not a group acronym: "SUIT WG"',
    ]);
    expect(r.errors[0]).toMatchObject({ line: 3, index: null });
  });
});

describe("format detection", () => {
  it.each([
    ["", null],
    ["   \n", null],
    ["id,title\nx,y", null],
    [fixtureText, "datatracker-api"],
    ['{"id": "rfc1", "title": "t"}\n{"id": "rfc2", "title": "u"}', "jsonl"],
    ['{"meta": {}, "objects": [', "datatracker-api"],
  ] as const)("%j -> %s", (text, format) => {
    expect(detectImportFormat(text)).toBe(format);
  });

  it.each([
    ["", "file: the file is empty"],
    ["name,title\n", /^line 1: not JSON/],
    ["\uFEFF", "file: the file is empty"],
  ])("rejects %j", (text, message) => {
    const r = expectFail(parseDatatrackerImport(text));
    expect(r.format).toBeNull();
    expect(r.errors[0]?.message).toMatch(message);
  });
});
