import { describe, expect, it } from "vitest";
import { DomainError } from "~/server/domain/errors";
import {
  DRAFT_NAME_MAX_LENGTH,
  compareRevisions,
  groupFromDraftName,
  isRevision,
  nextRevision,
  normalizeRfcName,
  parseDocumentRef,
  rfcNumber,
  validateDocumentName,
  validateDraftName,
} from "./names";

const longest = `draft-${"a".repeat(DRAFT_NAME_MAX_LENGTH - "draft-".length - 2)}-b`;

describe("validateDraftName", () => {
  it.each([
    "draft-ietf-suit-manifest",
    "draft-ietf-6tisch-minimal-security",
    "draft-doe-iotops-sbom-discovery",
    "draft-ietf-lamps-rfc5280-clarifications",
    longest,
  ])("accepts %s", (name) => {
    expect(validateDraftName(name)).toEqual({ ok: true, value: name });
  });

  it.each([
    ["", /empty/],
    ["ietf-suit-manifest", /start with "draft-"/],
    ["Draft-IETF-suit-manifest", /uppercase/],
    [
      "draft-ietf-suit-manifest-25",
      /ends in a revision number; the name is "draft-ietf-suit-manifest" and the revision "25"/,
    ],
    ["draft-ietf-suit-manifest.txt", /file name/],
    ["draft-ietf-suit_manifest", /lowercase ASCII letters, digits and hyphens/],
    ["draft-ietf--suit", /two hyphens in a row/],
    ["draft-ietf-suit-", /ends with a hyphen/],
    ["draft-6lo-foo", /must start with a letter/],
    ["draft-foo", /at least three/],
    [`${longest}x`, new RegExp(`at most ${DRAFT_NAME_MAX_LENGTH} characters`)],
    [" draft-ietf-suit-manifest", /spaces/],
  ])("rejects %j", (name, message) => {
    const r = validateDraftName(name);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("VALIDATION");
    expect(r.error.message).toMatch(message);
  });
});

describe("RFC names", () => {
  it.each([
    ["RFC 9019", "rfc9019"],
    ["rfc9019", "rfc9019"],
    ["RFC-9019", "rfc9019"],
    ["  rfc 791 ", "rfc791"],
    ["rfc0791", "rfc791"],
  ])("normalises %j to %s", (input, name) => {
    expect(normalizeRfcName(input)).toEqual({ ok: true, value: name });
    expect(rfcNumber(name)).toBe(Number(name.slice(3)));
  });

  it.each(["RFC", "rfc0", "rfc 9019a", "request for comments 1", "rfc123456"])(
    "rejects %j",
    (input) => {
      const r = normalizeRfcName(input);
      expect(!r.ok && r.error.code).toBe("VALIDATION");
    },
  );

  it("validateDocumentName tells drafts and RFCs apart", () => {
    expect(validateDocumentName("RFC 9019")).toEqual({
      ok: true,
      value: { kind: "rfc", name: "rfc9019" },
    });
    expect(validateDocumentName("draft-ietf-suit-manifest")).toEqual({
      ok: true,
      value: { kind: "draft", name: "draft-ietf-suit-manifest" },
    });
    expect(validateDocumentName("draft-ietf-suit-manifest-25").ok).toBe(false);
    expect(rfcNumber("draft-ietf-suit-manifest")).toBeNull();
  });
});

describe("parseDocumentRef", () => {
  it.each([
    ["draft-ietf-suit-manifest-25", { kind: "draft", name: "draft-ietf-suit-manifest", rev: "25" }],
    ["draft-ietf-suit-manifest", { kind: "draft", name: "draft-ietf-suit-manifest", rev: null }],
    [
      "draft-ietf-suit-manifest-25.txt",
      { kind: "draft", name: "draft-ietf-suit-manifest", rev: "25" },
    ],
    [
      " Draft-IETF-SUIT-Manifest-03 ",
      { kind: "draft", name: "draft-ietf-suit-manifest", rev: "03" },
    ],
    ["RFC 9019", { kind: "rfc", name: "rfc9019", rev: null }],
    ["rfc9019", { kind: "rfc", name: "rfc9019", rev: null }],
    [
      "https://datatracker.ietf.org/doc/draft-ietf-suit-manifest/",
      { kind: "draft", name: "draft-ietf-suit-manifest", rev: null },
    ],
    [
      "https://datatracker.ietf.org/doc/draft-ietf-suit-manifest/25/",
      { kind: "draft", name: "draft-ietf-suit-manifest", rev: "25" },
    ],
    [
      "https://www.ietf.org/archive/id/draft-ietf-suit-manifest-25.html",
      { kind: "draft", name: "draft-ietf-suit-manifest", rev: "25" },
    ],
    ["https://www.rfc-editor.org/rfc/rfc9019.html", { kind: "rfc", name: "rfc9019", rev: null }],
  ])("parses %j", (input, expected) => {
    expect(parseDocumentRef(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["", /empty/],
    ["suit-manifest-25", /start with "draft-"/],
    ["draft-ietf-suit manifest-02", /lowercase ASCII letters, digits and hyphens/],
    ["draft-foo-07", /at least three/],
    ["RFC nine", /not an RFC reference/],
  ])("rejects %j", (input, message) => {
    const r = parseDocumentRef(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("VALIDATION");
    expect(r.error.message).toMatch(message);
  });
});

describe("revisions", () => {
  const all = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));

  it.each(all.slice(0, 99).map((rev, i) => [rev, all[i + 1]]))(
    "nextRevision(%s) is %s",
    (rev, next) => {
      expect(nextRevision(rev)).toBe(next);
      expect(compareRevisions(rev, next as string)).toBeLessThan(0);
      expect(compareRevisions(next as string, rev)).toBeGreaterThan(0);
    },
  );

  it("starts at 00 and stops at 99", () => {
    expect(nextRevision(null)).toBe("00");
    expect(() => nextRevision("99")).toThrow(DomainError);
    expect(() => nextRevision("99")).toThrow(/last one/);
  });

  it.each(["7", "100", "a1", "", " 07", "-1"])("treats %j as malformed", (rev) => {
    expect(isRevision(rev)).toBe(false);
    expect(() => nextRevision(rev)).toThrow(/two digits/);
    expect(() => compareRevisions(rev, "00")).toThrow(DomainError);
  });

  it("sorts revisions with null first", () => {
    expect(["10", null, "02", "00", "09"].sort(compareRevisions)).toEqual([
      null,
      "00",
      "02",
      "09",
      "10",
    ]);
    expect(compareRevisions("05", "05")).toBe(0);
  });
});

describe("groupFromDraftName", () => {
  it.each([
    ["draft-ietf-suit-manifest", "suit"],
    ["draft-ietf-iotops-mud-rats", "iotops"],
    ["draft-ietf-6tisch-minimal-security", "6tisch"],
    ["draft-irtf-t2trg-iot-edge", "t2trg"],
    ["draft-doe-iotops-sbom-discovery", null],
    ["draft-iab-iot-principles", null],
    ["rfc9019", null],
    ["draft-ietf-", null],
  ])("%s -> %s", (name, group) => {
    expect(groupFromDraftName(name)).toBe(group);
  });
});
