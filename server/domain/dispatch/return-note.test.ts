import { describe, expect, it } from "vitest";
import { latestReturnNote } from "./return-note";

const at = (n: number) => new Date(Date.UTC(2026, 11, n));
const ev = (type: string, payload: Record<string, unknown>, n: number, actorName = "Olive AD") => ({
  type,
  payload,
  actorName,
  createdAt: at(n),
});

describe("latestReturnNote", () => {
  const returned = ev("ad-returned", { comment: "Ask ANIMA first." }, 3);
  const declined = ev("declined", { reason: "Out of our charter." }, 5, "Sam Chair");

  it.each([
    ["not returned", "ad-review", [returned], null],
    ["returned, no return event", "returned", [ev("info-requested", { message: "x" }, 1)], null],
    [
      "returned by the AD",
      "returned",
      [ev("review-requested", {}, 2), returned],
      { kind: "ad-returned", text: "Ask ANIMA first.", by: "Olive AD", at: at(3) },
    ],
    [
      "the latest return wins",
      "returned",
      [returned, ev("approved", {}, 4), declined],
      { kind: "declined", text: "Out of our charter.", by: "Sam Chair", at: at(5) },
    ],
    [
      "a malformed payload gives empty text, not a crash",
      "returned",
      [ev("ad-returned", { comment: 42 }, 6)],
      { kind: "ad-returned", text: "", by: "Olive AD", at: at(6) },
    ],
  ] as const)("%s", (_name, state, events, want) => {
    expect(latestReturnNote(state, events)).toEqual(want);
  });
});
