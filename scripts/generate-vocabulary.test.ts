import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderVocabulary, SOURCE_PATH, TARGET_PATH } from "./generate-vocabulary";

const TINY = {
  meta: { source_commit: "0123456789abcdef0123456789abcdef01234567" },
  state_types: [
    { slug: "draft", label: "State" },
    { slug: "draft-iana-review", label: "IANA Review state" },
  ],
  states: {
    draft: [
      {
        slug: "active",
        name: "Active",
        order: 1,
        next_states: ["expired"],
        used: true,
        datatracker_pk: 1,
      },
      { slug: "expired", name: "Expired", used: false },
    ],
  },
  doc_tags: [
    {
      slug: "w-dep",
      name: "Waiting for Dependency",
      order: 0,
      used: true,
      rfc6174_wg_annotation_tag: true,
    },
  ],
  intended_std_levels: [{ slug: "ps", name: "Proposed Standard", order: 1, used: true }],
  group_states: [{ slug: "bof", name: "BOF", used: true }],
  meeting_important_dates: [
    { slug: "opensched", name: "Scheduling Opens", default_offset_days: -89, used: true },
  ],
};

const NO_MEANINGS = { states: {}, groupStates: {} };

describe("generate-vocabulary", () => {
  it("the committed vocabulary-data.ts is what the script generates from ../shared", async () => {
    const source: unknown = JSON.parse(readFileSync(SOURCE_PATH, "utf8"));
    expect(readFileSync(TARGET_PATH, "utf8")).toBe(await renderVocabulary(source));
  }, 30_000);

  it("renames fields, fills what the source leaves out and merges meanings", async () => {
    const text = await renderVocabulary(TINY, {
      states: { draft: { expired: "No longer current." } },
      groupStates: { bof: "A birds-of-a-feather session." },
    });
    expect(text).toContain(
      'export const SOURCE_COMMIT = "0123456789abcdef0123456789abcdef01234567";',
    );
    expect(text).toMatch(
      /slug: "active",\s+name: "Active",\s+order: 1,\s+nextStates: \["expired"\],\s+used: true,\s+datatrackerPk: 1,\s+\}/,
    );
    expect(text).toMatch(
      /slug: "expired",\s+name: "Expired",\s+order: null,\s+nextStates: \[\],\s+used: false,\s+datatrackerPk: null,\s+meaning: "No longer current.",/,
    );
    expect(text).toContain('"draft-iana-review": [],');
    expect(text).toMatch(/iesgSubstateTag: false,\s+rfc6174WgAnnotationTag: true,/);
    expect(text).toMatch(/defaultOffsetDays: -89,/);
    expect(text).toMatch(
      /slug: "bof",\s+name: "BOF",\s+used: true,\s+meaning: "A birds-of-a-feather session.",/,
    );
  });

  it.each([
    [
      "a meaning for an unknown state",
      { states: { draft: { gone: "?" } }, groupStates: {} },
      /unknown draft state slugs: gone/,
    ],
    [
      "a meaning for an unknown state type",
      { states: { nope: { a: "?" } }, groupStates: {} },
      /undeclared state types: nope/,
    ],
    [
      "a meaning for an unknown group state",
      { states: {}, groupStates: { gone: "?" } },
      /unknown group state slugs: gone/,
    ],
  ])("refuses %s", async (_what, meanings, message) => {
    await expect(renderVocabulary(TINY, meanings)).rejects.toThrow(message);
  });

  it.each([
    ["states of an undeclared type", { ...TINY, states: { ...TINY.states, bogus: [] } }],
    [
      "a malformed slug",
      { ...TINY, group_states: [{ slug: "Not A Slug", name: "x", used: true }] },
    ],
    ["no state types", { ...TINY, state_types: [] }],
    ["a missing commit", { ...TINY, meta: {} }],
  ])("refuses a source with %s", async (_what, source) => {
    await expect(renderVocabulary(source, NO_MEANINGS)).rejects.toThrow();
  });
});
