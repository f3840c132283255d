import { describe, expect, it } from "vitest";
import { groupDatatrackerUrl, mapGroup, summaryFromDescription } from "./groups";

const base = {
  id: 2291,
  acronym: "iotops",
  name: "IOT Operations",
  type: "/api/v1/name/grouptypename/wg/",
  state: "/api/v1/name/groupstatename/active/",
  parent: "/api/v1/group/group/1001/",
  description: "Operations of IoT devices.\n\nMore.",
  list_email: "iotops@ietf.example",
  list_archive: "https://mailarchive.ietf.example/browse/iotops/",
  charter: "/api/v1/doc/document/charter-ietf-iotops/",
  time: "2026-01-05T09:00:00",
  resource_uri: "/api/v1/group/group/2291/",
};

describe("mapGroup", () => {
  it("maps a working group", () => {
    expect(mapGroup(base)).toEqual({
      ok: true,
      value: {
        datatrackerId: 2291,
        acronym: "iotops",
        name: "IOT Operations",
        type: "wg",
        state: "active",
        parentId: 1001,
        description: "Operations of IoT devices.\n\nMore.",
        listEmail: "iotops@ietf.example",
        listArchive: "https://mailarchive.ietf.example/browse/iotops/",
        charter: "charter-ietf-iotops",
        time: "2026-01-05T09:00:00.000Z",
      },
    });
  });

  it.each<
    [
      string,
      Record<string, unknown>,
      {
        datatrackerId?: number;
        parentId?: number | null;
        charter?: string | null;
        listEmail?: string | null;
        acronym?: string;
      },
    ]
  >([
    ["id from the resource URI", { id: undefined }, { datatrackerId: 2291 }],
    [
      "an area without parent or charter",
      { type: "/api/v1/name/grouptypename/area/", parent: null, charter: null },
      { parentId: null, charter: null },
    ],
    ["an empty list address is none", { list_email: "" }, { listEmail: null }],
    ["acronym lower-cased", { acronym: "IOTOPS" }, { acronym: "iotops" }],
  ])("%s", (_what, over, expected) => {
    const m = mapGroup({ ...base, ...over });
    expect(m.ok && m.value).toMatchObject(expected);
  });

  it.each<[string, unknown, string]>([
    ["not an object", "iotops", "expected a group object"],
    [
      "no id",
      { ...base, id: undefined, resource_uri: undefined },
      '"id" must be a positive integer',
    ],
    ["bad acronym", { ...base, acronym: "iot ops" }, '"acronym" must be a group acronym'],
    ["empty name", { ...base, name: " " }, '"name" must be a non-empty string'],
    [
      "type as a slug",
      { ...base, type: "wg" },
      '"type" must be a /api/v1/name/grouptypename/<slug>/ URI',
    ],
    [
      "a type not synced",
      { ...base, type: "/api/v1/name/grouptypename/program/" },
      'group type "program" is not synced',
    ],
    [
      "bad state",
      { ...base, state: 3 },
      '"state" must be a /api/v1/name/groupstatename/<slug>/ URI',
    ],
    [
      "parent by acronym",
      { ...base, parent: "ops" },
      '"parent" must be a /api/v1/group/group/<id>/ URI or null',
    ],
    [
      "charter of the wrong kind",
      { ...base, charter: "/api/v1/group/group/1/" },
      '"charter" must be a /api/v1/doc/document/<name>/ URI or null',
    ],
    ["no time", { ...base, time: null }, '"time" must be an ISO 8601 date-time'],
    ["description as a number", { ...base, description: 7 }, '"description" must be a string'],
  ])("refuses %s", (_what, o, problem) => {
    expect(mapGroup(o)).toEqual({ ok: false, problem });
  });
});

describe("summaryFromDescription", () => {
  it.each<[string, string, string]>([
    ["First paragraph.\n\nSecond.", "G", "First paragraph."],
    ["  Spread\n over   lines.\n\nx", "G", "Spread over lines."],
    ["", "Group Name", "Group Name"],
    [`${"word ".repeat(200)}`, "G", `${"word ".repeat(118)}word…`],
  ])("%j", (description, name, summary) => {
    expect(summaryFromDescription(description, name)).toBe(summary);
  });
});

describe("groupDatatrackerUrl", () => {
  it.each<[string, string, string]>([
    ["iotops", "wg", "https://datatracker.ietf.org/wg/iotops/about/"],
    ["t2trg", "rg", "https://datatracker.ietf.org/rg/t2trg/about/"],
    ["iotdir", "dir", "https://datatracker.ietf.org/group/iotdir/about/"],
  ])("%s (%s)", (acronym, type, url) => {
    expect(groupDatatrackerUrl({ acronym, type })).toBe(url);
  });
});
