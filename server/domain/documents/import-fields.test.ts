import { describe, expect, it } from "vitest";
import { NUL_MESSAGE, SURROGATE_MESSAGE } from "../validation/text";
import { optionalTextField, textField } from "./import-fields";

describe("textField (required text of an imported record)", () => {
  it.each([
    ["  Firmware   update\n rollback ", { ok: true, value: "Firmware update rollback" }],
    ["Cafe\u0301", { ok: true, value: "Caf\u00e9" }],
    ["gpj\u202e.exe", { ok: true, value: "gpj.exe" }],
    ["   ", { ok: false, problem: '"title" is empty' }],
    [undefined, { ok: false, problem: '"title" is missing' }],
    [42, { ok: false, problem: '"title" must be a string, got number 42' }],
    ["a\u0000b", { ok: false, problem: `"title": ${NUL_MESSAGE}` }],
    ["a\ud800b", { ok: false, problem: `"title": ${SURROGATE_MESSAGE}` }],
  ])("%j → %j", (input, expected) => {
    expect(textField("title", input)).toEqual(expected);
  });
});

describe("optionalTextField", () => {
  it.each([
    [undefined, { ok: true, value: "" }],
    [null, { ok: true, value: "" }],
    [
      "  An abstract\n\nin two paragraphs. ",
      { ok: true, value: "An abstract\n\nin two paragraphs." },
    ],
    [["x"], { ok: false, problem: '"abstract" must be a string, got an array' }],
    ["\u0000", { ok: false, problem: `"abstract": ${NUL_MESSAGE}` }],
  ])("%j → %j", (input, expected) => {
    expect(optionalTextField("abstract", input)).toEqual(expected);
  });
});
