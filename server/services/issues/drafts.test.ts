import { describe, expect, it } from "vitest";
import { ZIssueDraft } from "./drafts";

describe("ZIssueDraft: an autosaved draft has a sane maximum size", () => {
  it.each<[string, Record<string, unknown>, boolean]>([
    ["an empty draft", {}, true],
    [
      "a half-written form",
      { title: "Onboarding fails", problemStatement: "x".repeat(20_000), confidential: true },
      true,
    ],
    [
      "a whole form at every field's limit",
      {
        title: "t".repeat(200),
        problemStatement: "p".repeat(20_000),
        desiredOutcome: "d".repeat(5_000),
        overlapNotes: "o".repeat(5_000),
        interestedPeople: "i".repeat(2_000),
        implementers: "m".repeat(2_000),
      },
      true,
    ],
    [
      "three fields of 25,000 characters (75,000 in all)",
      { a: "x".repeat(25_000), b: "x".repeat(25_000), c: "x".repeat(25_000) },
      false,
    ],
    ["a 10 MB field", { problemStatement: "x".repeat(10_000_000) }, false],
    ["41 fields", Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`f${i}`, "x"])), false],
    ["40 fields", Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}`, "x"])), true],
  ])("%s", (_name, draft, accepted) => {
    expect(ZIssueDraft.safeParse(draft).success).toBe(accepted);
  });
});
