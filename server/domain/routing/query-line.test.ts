import { describe, expect, it } from "vitest";

import { CHARTER_ITEMS } from "~/server/domain/catalog";
import { TEST_CATALOG as SEED_CATALOG } from "~/server/domain/catalog/test-catalog";

import { createRoutingEngine } from "./engine";
import { parseCorpusLine, parseQueryLine, toErrorLine, toOutputLine } from "./query-line";

describe("parseQueryLine", () => {
  it.each([
    ['{"id":"1","title":"MUD for cameras"}', { id: "1", query: { title: "MUD for cameras" } }],
    [
      '{"id":"2","title":" T ","abstract":"A.","body":"B."}',
      { id: "2", query: { title: "T", text: "A.\n\nB." } },
    ],
    ['{"id":"3","title":"T","abstract":null,"body":""}', { id: "3", query: { title: "T" } }],
    ['{"id":"4","title":"T","extra":42}', { id: "4", query: { title: "T" } }],
  ])("accepts %s", (line, expected) => {
    expect(parseQueryLine(line)).toEqual({ kind: "ok", value: expected });
  });

  it.each(["", "   ", "\t"])("treats %j as blank", (line) => {
    expect(parseQueryLine(line)).toEqual({ kind: "blank" });
  });

  it.each([
    ["{not json", /invalid JSON/],
    ["[1,2]", /JSON object/],
    ["42", /JSON object/],
    ['{"title":"T"}', /"id" is required/],
    ['{"id":"1"}', /"title" is required/],
    ['{"id":"1","title":"  "}', /"title" must not be empty/],
    ['{"id":7,"title":"T"}', /"id" must be a string/],
    ['{"id":"1","title":"T","body":5}', /"body" must be a string/],
  ])("rejects %s", (line, message) => {
    const r = parseQueryLine(line);
    expect(r.kind).toBe("error");
    expect(r.kind === "error" ? r.error : "").toMatch(message);
  });
});

describe("parseCorpusLine", () => {
  it("reads a corpus line, lowercasing the group and keeping a valid charter item", () => {
    const r = parseCorpusLine(
      '{"id":"draft-x","title":"X","abstract":"Y","wg":"SUIT","charter_item":"firmware-update","year":2020}',
    );
    expect(r).toEqual({
      kind: "ok",
      value: {
        name: "draft-x",
        title: "X",
        abstract: "Y",
        group: "suit",
        source: "corpus",
        charterItem: "firmware-update",
      },
    });
  });

  it("drops an unknown charter item label", () => {
    const r = parseCorpusLine('{"id":"d","title":"X","wg":"core","charter_item":"bogus"}');
    expect(r.kind === "ok" && r.value.charterItem).toBe(undefined);
  });

  it.each(['{"id":"d","title":"X"}', '{"id":"d","wg":"core"}', "nope"])("rejects %s", (line) => {
    expect(parseCorpusLine(line).kind).toBe("error");
  });
});

describe("output lines", () => {
  it("keeps only the documented fields", () => {
    const engine = createRoutingEngine({
      groups: SEED_CATALOG.groups,
      charterItems: CHARTER_ITEMS,
    });
    const result = engine.route({ title: "SUIT manifest" });
    const line = toOutputLine("issue-1", result);
    expect(Object.keys(line).sort()).toEqual(["candidates", "charterItem", "id"]);
    expect(Object.keys(line.charterItem).sort()).toEqual(["id", "score"]);
    expect(line.candidates.length).toBe(result.candidates.length);
    for (const c of line.candidates)
      expect(Object.keys(c).sort()).toEqual(["reasons", "score", "wg"]);
    expect(line.candidates[0]?.wg).toBe(result.candidates[0]?.wg);
    expect(toErrorLine(3, "bad")).toEqual({ line: 3, error: "bad" });
  });
});
