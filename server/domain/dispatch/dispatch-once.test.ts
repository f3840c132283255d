import { describe, expect, it } from "vitest";
import {
  checkDispatchOnce,
  looksLikeDraftName,
  type DispatchedRevision,
  type DispatchOnceBlock,
  type LinkedDocument,
} from "./dispatch-once";

const FOO = "draft-ietf-suit-foo";
const BAR = "draft-smith-iotops-bar";

type Case = {
  name: string;
  linked: LinkedDocument[];
  dispatched: DispatchedRevision[];
  /** null = allowed; otherwise the exact blocks expected. */
  blocked: DispatchOnceBlock[] | null;
};

const CASES: Case[] = [
  { name: "nothing linked, nothing dispatched", linked: [], dispatched: [], blocked: null },
  {
    name: "draft never dispatched",
    linked: [{ name: FOO, rev: "03" }],
    dispatched: [],
    blocked: null,
  },
  {
    name: "another draft was dispatched",
    linked: [{ name: FOO, rev: "03" }],
    dispatched: [{ name: BAR, rev: "03", issueNumber: 12 }],
    blocked: null,
  },
  {
    name: "same revision dispatched by another issue",
    linked: [{ name: FOO, rev: "03" }],
    dispatched: [{ name: FOO, rev: "03", issueNumber: 12 }],
    blocked: [{ name: FOO, linkedRev: "03", dispatchedRev: "03", issueNumber: 12 }],
  },
  {
    name: "same revision dispatched by this issue",
    linked: [{ name: FOO, rev: "03" }],
    dispatched: [{ name: FOO, rev: "03", issueNumber: 7 }],
    blocked: [{ name: FOO, linkedRev: "03", dispatchedRev: "03", issueNumber: 7 }],
  },
  {
    name: "older revision linked than dispatched",
    linked: [{ name: FOO, rev: "02" }],
    dispatched: [{ name: FOO, rev: "03", issueNumber: 12 }],
    blocked: [{ name: FOO, linkedRev: "02", dispatchedRev: "03", issueNumber: 12 }],
  },
  {
    name: "newer revision linked clears it",
    linked: [{ name: FOO, rev: "04" }],
    dispatched: [{ name: FOO, rev: "03", issueNumber: 12 }],
    blocked: null,
  },
  {
    name: "newer than one dispatch but not the latest",
    linked: [{ name: FOO, rev: "05" }],
    dispatched: [
      { name: FOO, rev: "03", issueNumber: 12 },
      { name: FOO, rev: "06", issueNumber: 15 },
    ],
    blocked: [{ name: FOO, linkedRev: "05", dispatchedRev: "06", issueNumber: 15 }],
  },
  {
    name: "newer than every dispatch",
    linked: [{ name: FOO, rev: "07" }],
    dispatched: [
      { name: FOO, rev: "06", issueNumber: 15 },
      { name: FOO, rev: "03", issueNumber: 12 },
    ],
    blocked: null,
  },
  {
    name: "revisions compare as numbers, not strings",
    linked: [{ name: FOO, rev: "10" }],
    dispatched: [{ name: FOO, rev: "09", issueNumber: 12 }],
    blocked: null,
  },
  {
    name: "names compare case-insensitively",
    linked: [{ name: " Draft-IETF-SUIT-Foo ", rev: "03" }],
    dispatched: [{ name: FOO, rev: "03", issueNumber: 12 }],
    blocked: [{ name: FOO, linkedRev: "03", dispatchedRev: "03", issueNumber: 12 }],
  },
  {
    name: "RFCs do not count",
    linked: [{ name: "rfc9019", rev: null }],
    dispatched: [{ name: "rfc9019", rev: "00", issueNumber: 12 }],
    blocked: null,
  },
  {
    name: "draft without revision, never dispatched",
    linked: [{ name: FOO, rev: null }],
    dispatched: [],
    blocked: null,
  },
  {
    name: "draft without revision, dispatched before",
    linked: [{ name: FOO, rev: null }],
    dispatched: [{ name: FOO, rev: "03", issueNumber: 12 }],
    blocked: [{ name: FOO, linkedRev: null, dispatchedRev: "03", issueNumber: 12 }],
  },
  {
    name: "one draft fine, one blocked",
    linked: [
      { name: FOO, rev: "04" },
      { name: BAR, rev: "01" },
      { name: "rfc8520", rev: null },
    ],
    dispatched: [
      { name: FOO, rev: "03", issueNumber: 12 },
      { name: BAR, rev: "01", issueNumber: 20 },
    ],
    blocked: [{ name: BAR, linkedRev: "01", dispatchedRev: "01", issueNumber: 20 }],
  },
  {
    name: "two drafts blocked",
    linked: [
      { name: FOO, rev: "03" },
      { name: BAR, rev: "01" },
    ],
    dispatched: [
      { name: FOO, rev: "03", issueNumber: 12 },
      { name: BAR, rev: "01", issueNumber: 20 },
    ],
    blocked: [
      { name: FOO, linkedRev: "03", dispatchedRev: "03", issueNumber: 12 },
      { name: BAR, linkedRev: "01", dispatchedRev: "01", issueNumber: 20 },
    ],
  },
  {
    name: "the same draft linked twice is reported once",
    linked: [
      { name: FOO, rev: "03" },
      { name: FOO, rev: "03" },
    ],
    dispatched: [{ name: FOO, rev: "03", issueNumber: 12 }],
    blocked: [{ name: FOO, linkedRev: "03", dispatchedRev: "03", issueNumber: 12 }],
  },
];

describe("checkDispatchOnce", () => {
  it.each(CASES)("$name", ({ linked, dispatched, blocked }) => {
    const result = checkDispatchOnce(linked, dispatched);
    if (blocked === null) {
      expect(result).toEqual({ ok: true, value: undefined });
      return;
    }
    if (result.ok) throw new Error("expected a refusal");
    expect(result.error.code).toBe("CONFLICT");
    expect(result.error.details).toEqual({ blocked });
    for (const b of blocked) {
      expect(result.error.message).toContain(b.name);
      expect(result.error.message).toContain(`-${b.dispatchedRev}`);
      expect(result.error.message).toContain(`issue #${b.issueNumber}`);
      expect(result.error.message).toContain("newer revision");
    }
  });

  it.each([
    [
      "same revision",
      [{ name: FOO, rev: "03" }],
      "draft-ietf-suit-foo-03 was already dispatched by issue #12. A draft is dispatched only once per revision: link a newer revision of draft-ietf-suit-foo (-04 or later) to dispatch it again.",
    ],
    [
      "older revision",
      [{ name: FOO, rev: "01" }],
      "This issue links draft-ietf-suit-foo-01, but a later revision -03 was already dispatched by issue #12.",
    ],
    [
      "no revision",
      [{ name: FOO, rev: null }],
      "draft-ietf-suit-foo is linked without a revision, and revision -03 was already dispatched by issue #12.",
    ],
  ])("explains in plain words: %s", (_name, linked, sentence) => {
    const result = checkDispatchOnce(linked, [{ name: FOO, rev: "03", issueNumber: 12 }]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(sentence);
  });

  it.each([
    ["linked revision is not a number", [{ name: FOO, rev: "latest" }], []],
    [
      "dispatched revision is not a number",
      [{ name: FOO, rev: "03" }],
      [{ name: FOO, rev: "x", issueNumber: 1 }],
    ],
  ])("%s → VALIDATION", (_name, linked, dispatched) => {
    const result = checkDispatchOnce(linked, dispatched);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe("VALIDATION");
  });
});

describe("looksLikeDraftName", () => {
  it.each([
    ["draft-ietf-suit-manifest", true],
    ["Draft-Smith-Foo", true],
    ["rfc9019", false],
    ["RFC 8520", false],
    ["draft-", false],
    ["bcp67", false],
  ])("%s → %s", (name, expected) => {
    expect(looksLikeDraftName(name)).toBe(expected);
  });
});
