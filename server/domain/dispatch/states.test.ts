import { describe, expect, it } from "vitest";
import {
  CLOSED_REASON_LABELS,
  CLOSED_REASONS,
  ISSUE_STATE_LABELS,
  ISSUE_STATE_MEANINGS,
  ISSUE_STATES,
  isIssueState,
} from "./states";

describe("issue states", () => {
  it("lists the nine states in workflow order", () => {
    expect(ISSUE_STATES).toEqual([
      "submitted",
      "needs-info",
      "in-discussion",
      "recommended",
      "ad-review",
      "dispatched",
      "accepted",
      "returned",
      "closed",
    ]);
  });

  it.each(ISSUE_STATES)("%s has a label and a meaning", (state) => {
    expect(ISSUE_STATE_LABELS[state]).toMatch(/\w/);
    expect(ISSUE_STATE_MEANINGS[state]).toMatch(/\w/);
  });

  it.each([
    ["submitted", true],
    ["closed", true],
    ["open", false],
    ["", false],
    [null, false],
    [3, false],
  ])("isIssueState(%o) → %s", (value, expected) => {
    expect(isIssueState(value)).toBe(expected);
  });

  it("has the three closed reasons, each labelled", () => {
    expect([...CLOSED_REASONS].sort()).toEqual(["duplicate", "out-of-scope", "withdrawn"]);
    for (const r of CLOSED_REASONS) expect(CLOSED_REASON_LABELS[r]).toMatch(/\w/);
  });
});
