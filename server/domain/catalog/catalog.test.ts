import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { TEST_CATALOG as SEED_CATALOG } from "~/server/domain/catalog/test-catalog";
import { mergeGroupSources } from "~/scripts/lib/group-seed";

import {
  CHARTER_ITEMS,
  CHARTER_ITEM_IDS,
  isConcluded,
  parseGroupCatalog,
  takesNewWork,
} from "./index";

const groups = SEED_CATALOG.groups;
const byAcronym = new Map(groups.map((g) => [g.acronym, g]));

describe("the shipped group catalog (db/seed/groups.json)", () => {
  it("holds 130 active WGs, 15 active RGs, the IoT directorate and 4 concluded IoT groups", () => {
    const count = (f: (g: (typeof groups)[number]) => boolean) => groups.filter(f).length;
    expect(count((g) => g.type === "wg" && g.state === "active")).toBe(130);
    expect(count((g) => g.type === "rg" && g.state === "active")).toBe(15);
    expect(count((g) => g.type === "dir")).toBe(1);
    expect(
      groups
        .filter(isConcluded)
        .map((g) => g.acronym)
        .sort(),
    ).toEqual(["6lowpan", "6tisch", "lpwan", "lwig"]);
    expect(SEED_CATALOG.areas.map((a) => a.acronym).sort()).toEqual(
      ["art", "gen", "int", "irtf", "ops", "rtg", "sec", "wit"].sort(),
    );
  });

  it.each([
    ["lpwan", ["schc"]],
    ["6lowpan", ["6lo", "roll"]],
    ["6tisch", ["6lo", "roll"]],
    ["lwig", ["iotops", "core"]],
  ])("names the successors of the concluded %s", (acronym, successors) => {
    const g = byAcronym.get(acronym)!;
    expect(g.state).toBe("conclude");
    expect(g.successors).toEqual(successors);
    for (const s of successors) expect(takesNewWork(byAcronym.get(s)!)).toBe(true);
  });

  it("marks the IoT groups and the ten dispatch venues", () => {
    for (const a of ["suit", "core", "anima", "t2trg", "iotops", "6lo", "lpwan"])
      expect(byAcronym.get(a)?.iot).toBe(true);
    for (const a of ["httpbis", "quic", "dnsop"]) expect(byAcronym.get(a)?.iot).toBe(false);
    expect(
      groups
        .filter((g) => g.hasDispatchRole)
        .map((g) => g.acronym)
        .sort(),
    ).toEqual(
      [
        "bmwg",
        "dispatch",
        "dnsop",
        "gendispatch",
        "intarea",
        "iotops",
        "ippm",
        "opsawg",
        "rtgwg",
        "tsvwg",
      ].sort(),
    );
  });

  it("refers only to known areas, charter items and groups", () => {
    const areas = new Set(SEED_CATALOG.areas.map((a) => a.acronym));
    for (const g of groups) {
      expect(areas.has(g.area ?? "")).toBe(true);
      for (const s of g.successors) expect(byAcronym.has(s)).toBe(true);
      if (g.type === "rg") expect(g.area).toBe("irtf");
      expect(g.summary.length).toBeGreaterThan(40);
    }
    expect(CHARTER_ITEMS.map((c) => c.id)).toEqual([...CHARTER_ITEM_IDS]);
  });
});

describe("parseGroupCatalog", () => {
  const minimal = {
    areas: [{ acronym: "int", name: "Internet Area" }],
    groups: [
      {
        acronym: "6lo",
        name: "IPv6 over Networks of Resource-constrained Nodes",
        type: "wg",
        area: "int",
        state: "active",
        summary: "s",
        keywords: ["6LoWPAN"],
        key_rfcs: [8505],
        datatracker_url: "https://datatracker.ietf.org/group/6lo/about/",
      },
    ],
  };

  it("reads a file shaped like ietf-groups.json, with defaults for the fields it lacks", () => {
    const c = parseGroupCatalog(minimal);
    expect(c.groups[0]).toEqual({
      acronym: "6lo",
      name: "IPv6 over Networks of Resource-constrained Nodes",
      type: "wg",
      area: "int",
      state: "active",
      summary: "s",
      keywords: ["6LoWPAN"],
      keyRfcs: ["8505"],
      keyDrafts: [],
      charterItems: [],
      hasDispatchRole: false,
      dispatchScope: null,
      iot: false,
      successors: [],
      datatrackerUrl: "https://datatracker.ietf.org/group/6lo/about/",
    });
    expect(c.areas).toEqual([{ acronym: "int", name: "Internet Area", state: "active" }]);
  });

  it("reads the older spelling 'concluded' as the Datatracker slug 'conclude'", () => {
    const c = parseGroupCatalog({
      ...minimal,
      groups: [{ ...minimal.groups[0], state: "concluded" }],
    });
    expect(c.groups[0]?.state).toBe("conclude");
  });

  it.each([
    ["not an object", 42, /Malformed group catalog/],
    ["no groups", { areas: [], groups: [] }, /groups/],
    ["unknown type", { ...minimal, groups: [{ ...minimal.groups[0], type: "club" }] }, /type/],
    ["bad acronym", { ...minimal, groups: [{ ...minimal.groups[0], acronym: "a b" }] }, /acronym/],
    ["bad RFC", { ...minimal, groups: [{ ...minimal.groups[0], key_rfcs: ["x"] }] }, /key_rfcs/],
    [
      "duplicate",
      { ...minimal, groups: [minimal.groups[0], minimal.groups[0]] },
      /6lo is listed twice/,
    ],
  ])("rejects a catalog with %s", (_name, json, message) => {
    expect(() => parseGroupCatalog(json)).toThrow(message);
  });
});

const SHARED = path.resolve(process.cwd(), "../shared/data");
const present =
  existsSync(path.join(SHARED, "ietf-groups.json")) &&
  existsSync(path.join(SHARED, "working-groups.json"));
if (!present) console.warn(`[catalog] source comparison skipped: ${SHARED} not found`);

/** Word 6-grams of a text, to detect copied sentences. */
function shingles(text: string, n = 6): Set<string> {
  const w = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + n <= w.length; i++) out.add(w.slice(i, i + n).join(" "));
  return out;
}

describe.skipIf(!present)("the shipped catalog against its sources", () => {
  const read = (f: string): unknown => JSON.parse(readFileSync(path.join(SHARED, f), "utf8"));
  const summaries = JSON.parse(
    readFileSync(path.resolve(process.cwd(), "scripts/data/iot-group-summaries.json"), "utf8"),
  ) as Record<string, string>;

  it("is what scripts/build-group-seed.ts builds from them", () => {
    const built = mergeGroupSources(
      read("ietf-groups.json"),
      read("working-groups.json"),
      summaries,
    );
    const shipped = JSON.parse(
      readFileSync(path.resolve(process.cwd(), "db/seed/groups.json"), "utf8"),
    ) as unknown;
    expect(shipped).toEqual(built);
  });

  it("carries no sentence of the IoT source's summaries or of the corpus abstracts", () => {
    const iot = read("working-groups.json") as { groups: { summary: string }[] };
    const theirs = new Set<string>();
    for (const g of iot.groups) for (const s of shingles(g.summary)) theirs.add(s);
    const corpus = path.join(SHARED, "wg-corpus.jsonl");
    if (existsSync(corpus))
      for (const line of readFileSync(corpus, "utf8").split("\n").filter(Boolean))
        for (const s of shingles((JSON.parse(line) as { abstract?: string }).abstract ?? ""))
          theirs.add(s);
    for (const g of groups) {
      const copied = [...shingles(g.summary)].filter((s) => theirs.has(s));
      expect({ group: g.acronym, copied }).toEqual({ group: g.acronym, copied: [] });
    }
  });
});
