import { describe, expect, it } from "vitest";
import {
  assessReadiness,
  READINESS_ITEM_IDS,
  type ReadinessInput,
  type ReadinessItemId,
} from "./readiness";

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");

/** An intake that meets all six requirements. */
const READY: ReadinessInput = {
  title: "Fleet-scale firmware update discovery",
  problemStatement: words(40),
  desiredOutcome: "A BCP on firmware update discovery.",
  overlapNotes: "SUIT covers the manifest; this covers discovery.",
  relatedDocuments: ["draft-smith-iotops-fw-discovery", "rfc9019"],
  interestedPeople: "Alice Example, Bob Example",
  implementers: "Example Corp",
  slidesUrl: "https://datatracker.ietf.org/meeting/125/materials/slides-125-iotops-fw",
};

const EMPTY: ReadinessInput = {
  title: "",
  problemStatement: "",
  desiredOutcome: "",
  overlapNotes: "",
  relatedDocuments: [],
  interestedPeople: "",
  implementers: "",
  slidesUrl: "",
};

type Row = [name: string, change: Partial<ReadinessInput>, met: boolean, hint?: RegExp];

/** Per requirement: a change to READY and whether that requirement is then met. */
const TABLE: Record<ReadinessItemId, Row[]> = {
  "problem-statement": [
    ["exactly 40 words", { problemStatement: words(40) }, true],
    ["39 words", { problemStatement: words(39) }, false, /has 39 words.*at least 40/],
    ["1 word", { problemStatement: "Firmware" }, false, /has 1 word;/],
    ["empty", { problemStatement: "  " }, false, /at least 40 words/],
    ["punctuation is not words", { problemStatement: `${words(39)} - -- …` }, false, /has 39/],
    ["no desired outcome", { desiredOutcome: " " }, false, /deliverables/],
    ["placeholder outcome", { desiredOutcome: "TBD" }, false, /deliverables/],
    [
      "both missing, both named",
      { problemStatement: "short", desiredOutcome: "" },
      false,
      /has 1 word.*deliverables/,
    ],
  ],
  overlap: [
    ["notes only", { overlapNotes: "Differs from ANIMA BRSKI.", relatedDocuments: [] }, true],
    ["RFC only", { overlapNotes: "", relatedDocuments: ["RFC9019"] }, true],
    ["RFC with space", { overlapNotes: "", relatedDocuments: ["rfc 8520"] }, true],
    ["WG draft only", { overlapNotes: "", relatedDocuments: ["draft-ietf-suit-manifest"] }, true],
    ["RG draft only", { overlapNotes: "", relatedDocuments: ["draft-irtf-t2trg-iot-edge"] }, true],
    [
      "only the proposal's individual draft",
      { overlapNotes: "", relatedDocuments: ["draft-smith-iotops-fw-discovery"] },
      false,
      /overlap/,
    ],
    ["nothing", { overlapNotes: "", relatedDocuments: [] }, false, /RFCs or working-group drafts/],
    ["placeholder notes", { overlapNotes: "none", relatedDocuments: [] }, false],
  ],
  "interested-people": [
    ["one name", { interestedPeople: "Alice Example" }, true],
    ["names on lines", { interestedPeople: "\nAlice\n\nBob\n" }, true],
    ["semicolons", { interestedPeople: ";Alice;" }, true],
    ["empty", { interestedPeople: "" }, false, /at least one person/],
    ["only separators", { interestedPeople: " , ;\n" }, false],
    ["placeholders", { interestedPeople: "n/a, TBD" }, false],
  ],
  implementers: [
    ["one", { implementers: "Example Corp" }, true],
    ["several", { implementers: "A Corp, B Ltd" }, true],
    ["empty", { implementers: "  " }, false, /implement and deploy/],
    ["placeholder", { implementers: "?" }, false],
  ],
  "internet-draft": [
    ["individual draft", { relatedDocuments: ["draft-smith-foo"] }, true],
    ["upper-case draft name", { relatedDocuments: [" Draft-Smith-Foo "] }, true],
    ["RFCs only", { relatedDocuments: ["rfc9019", "rfc8520"] }, false, /draft-/],
    ["none", { relatedDocuments: [] }, false, /Internet-Draft/],
    ["bare prefix", { relatedDocuments: ["draft-"] }, false],
  ],
  slides: [
    ["https", { slidesUrl: "https://example.org/slides.pdf" }, true],
    ["http", { slidesUrl: "http://example.org/s" }, true],
    ["padded", { slidesUrl: "  https://example.org/s  " }, true],
    ["empty", { slidesUrl: "" }, false, /Add a link/],
    ["no scheme", { slidesUrl: "example.org/slides.pdf" }, false, /http:\/\/ or https:\/\//],
    ["ftp", { slidesUrl: "ftp://example.org/slides.pdf" }, false, /https:\/\//],
    ["javascript", { slidesUrl: "javascript:alert(1)" }, false],
    ["scheme only", { slidesUrl: "https://" }, false],
  ],
};

describe("assessReadiness", () => {
  it("the table covers every requirement", () => {
    expect(Object.keys(TABLE).sort()).toEqual([...READINESS_ITEM_IDS].sort());
  });

  it("a complete intake meets all six", () => {
    const r = assessReadiness(READY);
    expect(r).toMatchObject({ score: 6, total: 6, fraction: 1, ready: true });
    expect(r.items.map((i) => i.id)).toEqual([
      "problem-statement",
      "overlap",
      "interested-people",
      "implementers",
      "internet-draft",
      "slides",
    ]);
    for (const item of r.items) {
      expect(item).toMatchObject({ met: true, hint: "" });
      expect(item.label).not.toBe("");
    }
  });

  it("an empty intake meets none, and every item says what is missing", () => {
    const r = assessReadiness(EMPTY);
    expect(r).toMatchObject({ score: 0, total: 6, fraction: 0, ready: false });
    for (const item of r.items) {
      expect(item.met).toBe(false);
      expect(item.hint.length).toBeGreaterThan(10);
    }
  });

  const rows = Object.entries(TABLE).flatMap(([id, list]) =>
    list.map(([name, change, met, hint]) => ({ id, name, change, met, hint })),
  );

  it.each(rows)("$id: $name → met $met", ({ id, change, met, hint }) => {
    const r = assessReadiness({ ...READY, ...change });
    const item = r.items.find((i) => i.id === id);
    expect(item?.met).toBe(met);
    if (met) expect(item?.hint).toBe("");
    else expect(item?.hint).not.toBe("");
    if (hint) expect(item?.hint).toMatch(hint);
    // Only the changed requirement moves, except changes to relatedDocuments,
    // which feed two requirements (overlap and internet-draft).
    const others = r.items.filter((i) => i.id !== id && i.met === false).map((i) => i.id);
    if (!("relatedDocuments" in change)) expect(others).toEqual([]);
    expect(r.score).toBe(r.items.filter((i) => i.met).length);
    expect(r.fraction).toBeCloseTo(r.score / 6);
  });

  it.each([
    [{ slidesUrl: "" }, 5],
    [{ slidesUrl: "", implementers: "" }, 4],
    [{ slidesUrl: "", implementers: "", interestedPeople: "" }, 3],
    [{ relatedDocuments: [] as string[] }, 5], // overlap still met by the notes
    [{ relatedDocuments: [] as string[], overlapNotes: "" }, 4],
  ])("score for %o is %i", (change, score) => {
    const r = assessReadiness({ ...READY, ...change });
    expect(r.score).toBe(score);
    expect(r.fraction).toBeCloseTo(score / 6);
    expect(r.ready).toBe(false);
  });
});
