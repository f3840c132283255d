import { describe, expect, it } from "vitest";
import { linkSegments, resolvedContext, scanReferences, type ReferenceContext } from "./references";
import { remarkAutolink } from "./remark-autolink";

const DT = "https://datatracker.ietf.org/doc";
const CTX: ReferenceContext = {
  issues: [12],
  documents: ["rfc9019", "draft-ietf-suit-manifest"],
  groups: ["suit", "anima"],
};
const ctx = resolvedContext(CTX);

describe("scanReferences", () => {
  it("finds each kind once, canonically", () => {
    expect(
      scanReferences([
        "See RFC 8995 and rfc8995, draft-ietf-suit-manifest-25, #12 and #12, SUIT and ANIMA.",
        "Also #4294967296 (too big), RFC 0 and rfc123456 (no such RFCs).",
      ]),
    ).toEqual({
      issues: [12],
      documents: ["rfc8995", "draft-ietf-suit-manifest"],
      groups: ["suit", "anima"],
    });
  });

  it("is bounded", () => {
    const many = Array.from({ length: 2000 }, (_, i) => `#${i + 1}`).join(" ");
    expect(scanReferences([many], 100).issues).toHaveLength(100);
  });
});

describe("linkSegments", () => {
  it.each([
    [
      "a visible issue",
      "See #12.",
      [{ text: "See " }, { text: "#12", href: "/issues/12" }, { text: "." }],
    ],
    ["an issue the reader may not see stays plain", "See #13.", [{ text: "See #13." }]],
    ["a tracked RFC", "RFC 9019", [{ text: "RFC 9019", href: "/documents/rfc9019" }]],
    ["an untracked RFC", "rfc8995", [{ text: "rfc8995", href: `${DT}/rfc8995/` }]],
    [
      "a tracked draft with its revision",
      "draft-ietf-suit-manifest-25 ok",
      [
        { text: "draft-ietf-suit-manifest-25", href: "/documents/draft-ietf-suit-manifest" },
        { text: " ok" },
      ],
    ],
    [
      "an untracked draft",
      "(draft-lear-iotops-mud-rats)",
      [
        { text: "(" },
        { text: "draft-lear-iotops-mud-rats", href: `${DT}/draft-lear-iotops-mud-rats/` },
        { text: ")" },
      ],
    ],
    [
      "a known group in capitals",
      "Ask SUIT",
      [{ text: "Ask " }, { text: "SUIT", href: "/groups/suit" }],
    ],
    ["a group word in lowercase stays plain", "a suit and tie", [{ text: "a suit and tie" }]],
    ["an unknown acronym stays plain", "Ask ANMIA", [{ text: "Ask ANMIA" }]],
    [
      "inside a word or path stays plain",
      "x#12 a/RFC9019 SUITE",
      [{ text: "x#12 a/RFC9019 SUITE" }],
    ],
    ["a malformed draft stays plain", "draft-a--b", [{ text: "draft-a--b" }]],
    [
      "toString is not a group",
      "toString __proto__ TOSTRING",
      [{ text: "toString __proto__ TOSTRING" }],
    ],
    ["empty text", "", [{ text: "" }]],
  ] as const)("%s", (_name, text, want) => {
    expect(linkSegments(text, ctx)).toEqual(want);
  });
});

describe("remarkAutolink", () => {
  const text = (value: string) => ({ type: "text", value });
  // "See #12 and `#12` and [#12](https://example.org) in **SUIT**." as remark parses it.
  const tree = () => ({
    type: "root",
    children: [
      {
        type: "paragraph",
        children: [
          text("See #12 and "),
          { type: "inlineCode", value: "#12" },
          text(" and "),
          { type: "link", url: "https://example.org", children: [text("#12")] },
          text(" in "),
          { type: "strong", children: [text("SUIT")] },
          text("."),
        ],
      },
      { type: "code", value: "#12 SUIT" },
    ],
  });

  it("links references in text, not in code or existing links", () => {
    const t = tree();
    remarkAutolink(CTX)(t);
    expect(t.children[0]!.children).toEqual([
      text("See "),
      { type: "link", url: "/issues/12", children: [text("#12")] },
      text(" and "),
      { type: "inlineCode", value: "#12" },
      text(" and "),
      { type: "link", url: "https://example.org", children: [text("#12")] },
      text(" in "),
      {
        type: "strong",
        children: [{ type: "link", url: "/groups/suit", children: [text("SUIT")] }],
      },
      text("."),
    ]);
    expect(t.children[1]).toEqual({ type: "code", value: "#12 SUIT" });
  });

  it("leaves a reference to an issue the reader may not see as plain text", () => {
    const t = tree();
    remarkAutolink({ ...CTX, issues: [] })(t);
    expect(JSON.stringify(t)).not.toContain("/issues/12");
    expect(t.children[0]!.children?.[0]).toEqual(text("See #12 and "));
  });
});
