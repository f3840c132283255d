import { describe, expect, it } from "vitest";
import { documentDatatrackerUrl, mapDocument, mapState, type DocumentContext } from "./documents";

const ctx: DocumentContext = {
  groupAcronymsByPk: { 2291: "iotops" },
  stateByPk: (pk) =>
    ({
      1: { type: "draft", slug: "active" },
      38: { type: "draft-stream-ietf", slug: "wg-doc" },
      9001: { type: "draft-rfceditor", slug: "edit" },
    })[pk],
};

const base = {
  name: "draft-ietf-iotops-alpha",
  rev: "03",
  type: "/api/v1/name/doctypename/draft/",
  title: "  Alpha   draft ",
  abstract: "About alpha.",
  group: "/api/v1/group/group/2291/",
  stream: "/api/v1/name/streamname/ietf/",
  intended_std_level: "/api/v1/name/intendedstdlevelname/inf/",
  ad: "/api/v1/person/person/100102/",
  shepherd: "/api/v1/person/email/dave@example.org/",
  states: ["/api/v1/doc/state/1/", "/api/v1/doc/state/38/", "/api/v1/doc/state/9001/"],
  tags: [],
  time: "2026-01-05T19:00:00.000000",
  resource_uri: "/api/v1/doc/document/draft-ietf-iotops-alpha/",
};

describe("mapDocument", () => {
  it("reads the import's fields and the states on every axis", () => {
    expect(mapDocument(base, ctx)).toEqual({
      kind: "document",
      warnings: [],
      value: {
        name: "draft-ietf-iotops-alpha",
        rev: "03",
        title: "Alpha draft",
        abstract: "About alpha.",
        group: "iotops",
        stream: "ietf",
        intendedStdLevel: "inf",
        states: { draft: "active", "draft-stream-ietf": "wg-doc", "draft-rfceditor": "edit" },
        tags: [],
        ad: "100102",
        shepherd: "dave@example.org",
        time: "2026-01-05T19:00:00.000Z",
      },
    });
  });

  it.each<[string, Record<string, unknown>, ReturnType<typeof mapDocument>]>([
    [
      "unknown state ids are asked for",
      { states: ["/api/v1/doc/state/77/", "/api/v1/doc/state/78/", "/api/v1/doc/state/77/"] },
      { kind: "needs-states", pks: [77, 78] },
    ],
    [
      "a charter is not synced",
      { name: "charter-ietf-iotops", type: "/api/v1/name/doctypename/charter/", states: [] },
      { kind: "skip", reason: 'document type "charter" is not imported (only drafts and RFCs)' },
    ],
    [
      "a bad revision",
      { rev: "3" },
      { kind: "error", problem: '"rev" must be two digits, got "3"' },
    ],
    [
      "states not a list",
      { states: "active" },
      { kind: "error", problem: '"states" must be an array' },
    ],
    [
      "a state that is not a URI",
      { states: ["active"] },
      { kind: "error", problem: '"states[0]" must be a /api/v1/doc/state/<id>/ URI' },
    ],
    [
      "two states on one axis",
      {
        states: ["/api/v1/doc/state/1/", { type: "/api/v1/doc/statetype/draft/", slug: "expired" }],
      },
      { kind: "error", problem: '"states" has two draft states: "active" and "expired"' },
    ],
    ["no time", { time: null }, { kind: "error", problem: '"time" is missing' }],
    [
      "not an object",
      { name: 5 },
      { kind: "error", problem: '"name" must be a non-empty string, got number 5' },
    ],
  ])("%s", (_what, over, expected) => {
    expect(mapDocument({ ...base, ...over }, ctx)).toEqual(expected);
  });
});

describe("mapState", () => {
  const state = {
    id: 9001,
    type: "/api/v1/doc/statetype/draft-rfceditor/",
    slug: "edit",
    name: "EDIT",
    order: 3,
    used: true,
    desc: " Being edited. ",
    next_states: ["/api/v1/doc/state/9002/"],
    resource_uri: "/api/v1/doc/state/9001/",
  };
  it("maps a state of the vocabulary", () => {
    expect(mapState(state)).toEqual({
      ok: true,
      value: {
        datatrackerId: 9001,
        type: "draft-rfceditor",
        slug: "edit",
        name: "EDIT",
        order: 3,
        used: true,
        nextStateIds: [9002],
        description: "Being edited.",
      },
    });
  });
  it.each<[string, Record<string, unknown>, string]>([
    [
      "type as a slug",
      { type: "draft-rfceditor" },
      '"type" must be a /api/v1/doc/statetype/<slug>/ URI',
    ],
    ["a slug with spaces", { slug: "being edited" }, '"slug" must be a state slug'],
    ["no name", { name: "" }, '"name" must be a non-empty string'],
    [
      "next states not URIs",
      { next_states: ["edit"] },
      '"next_states" must hold /api/v1/doc/state/<id>/ URIs',
    ],
  ])("refuses %s", (_what, over, problem) => {
    expect(mapState({ ...state, ...over })).toEqual({ ok: false, problem });
  });
});

it("links a document to its Datatracker page", () => {
  expect(documentDatatrackerUrl("rfc9019")).toBe("https://datatracker.ietf.org/doc/rfc9019/");
});
