import { describe, expect, it } from "vitest";
import {
  exactReference,
  formatCappedCount,
  formatCount,
  HIGHLIGHT_START as S,
  HIGHLIGHT_STOP as E,
  mayBeMisspelt,
  queryWords,
  snippetParts,
  tsqueryText,
} from "./query";

describe("queryWords", () => {
  it.each([
    ["BRSKY vouchr", ["brsky", "vouchr"]],
    ["  firmware   update firmware ", ["firmware", "update"]],
    ["draft-ietf-anima-voucher", ["draft", "ietf", "anima", "voucher"]],
    ["a & b | !c ( ) : * ' <-> \\", []],
    ["ab & cd | !ef", ["ab", "cd", "ef"]],
    ["Ünïcode QUARANTÄNE", ["ünïcode", "quarantäne"]],
    ["", []],
    ["!!! ??? ...", []],
    ["toString __proto__ constructor", ["tostring", "proto", "constructor"]],
    [
      "one two three four five six seven eight nine ten",
      ["one", "two", "three", "four", "five", "six", "seven", "eight"],
    ],
  ])("%j → %j", (q, words) => {
    expect(queryWords(q)).toEqual(words);
  });

  it("cuts very long words", () => {
    expect(queryWords("x".repeat(500))).toEqual(["x".repeat(40)]);
  });
});

describe("mayBeMisspelt", () => {
  it.each([
    ["brsky", true],
    ["iot", false],
    ["8995", false],
    ["rfc8995", true],
  ])("%s → %s", (w, ok) => expect(mayBeMisspelt(w)).toBe(ok));
});

describe("exactReference", () => {
  it.each([
    ["#42", { kind: "issue", id: 42 }],
    ["# 7", { kind: "issue", id: 7 }],
    ["#2147483647", { kind: "issue", id: 2_147_483_647 }],
    ["#2147483648", null],
    ["#0", null],
    ["#99999999999", null],
    ["RFC 8995", { kind: "document", names: ["rfc8995"] }],
    ["rfc8995", { kind: "document", names: ["rfc8995"] }],
    ["rfc-0793", { kind: "document", names: ["rfc793"] }],
    ["RFC 123456", null],
    ["draft-ietf-anima-voucher", { kind: "document", names: ["draft-ietf-anima-voucher"] }],
    [
      "draft-ietf-anima-voucher-07",
      { kind: "document", names: ["draft-ietf-anima-voucher-07", "draft-ietf-anima-voucher"] },
    ],
    ["draft-", null],
    ["ANIMA", { kind: "group", acronym: "anima" }],
    ["6lo", null],
    ["anima-", null],
    ["firmware update", null],
    ["", null],
    ["<script>", null],
  ])("%j → %j", (q, ref) => {
    expect(exactReference(q)).toEqual(ref);
  });
});

describe("tsqueryText", () => {
  it.each([
    [[], null],
    [[{ word: "firmware", alternatives: [] }], "firmware"],
    [
      [
        { word: "brsky", alternatives: ["brski"] },
        { word: "vouchr", alternatives: ["voucher", "vouchers"] },
      ],
      "(brsky | brski) & (vouchr | voucher | vouchers)",
    ],
    [[{ word: "a", alternatives: ["a", "a"] }], "a"],
    [[{ word: "x", alternatives: ["bad'quote", "ok"] }], "(x | ok)"],
    [[{ word: "it's", alternatives: [] }], null],
  ])("%j → %j", (words, text) => {
    expect(tsqueryText(words)).toBe(text);
  });
});

describe("tsqueryText, any word", () => {
  it("joins every word and alternative with or", () => {
    expect(
      tsqueryText(
        [
          { word: "brsky", alternatives: ["brski"] },
          { word: "vouchr", alternatives: ["voucher"] },
        ],
        "any",
      ),
    ).toBe("brsky | brski | vouchr | voucher");
    expect(tsqueryText([], "any")).toBeNull();
  });
});

describe("snippetParts", () => {
  it.each([
    ["plain", [{ text: "plain", match: false }]],
    [
      `a ${S}brski${E} voucher ${S}x${E}`,
      [
        { text: "a ", match: false },
        { text: "brski", match: true },
        { text: " voucher ", match: false },
        { text: "x", match: true },
      ],
    ],
    [
      `<b>${S}<i>${E}`,
      [
        { text: "<b>", match: false },
        { text: "<i>", match: true },
      ],
    ],
    [`open ${S}never closed`, [{ text: "open never closed", match: false }]],
    [`stray ${E} stop`, [{ text: "stray  stop", match: false }]],
    ["", []],
  ])("%j", (headline, parts) => {
    expect(snippetParts(headline)).toEqual(parts);
  });
});

describe("formatCappedCount", () => {
  it.each([
    [0, "0"],
    [999, "999"],
    [1000, "1,000"],
    [1001, "1,000+"],
  ])("%d → %s", (n, text) => expect(formatCappedCount(n)).toBe(text));
});

describe("formatCount", () => {
  it.each([
    [42, false, "42"],
    [1001, false, "1,000+"],
    [200, true, "200+"],
    [0, true, "0+"],
    [1234, true, "1,234+"],
  ])("%d (at least: %s) → %s", (n, atLeast, text) => expect(formatCount(n, atLeast)).toBe(text));
});
