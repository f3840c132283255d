import { describe, expect, it } from "vitest";
import { MINIMUMS, ZIssueFields } from "./fields";

const PROBLEM = "Constrained devices lose their firmware manifest after a rollback.";
const TITLE = "Firmware rollback loses manifests";

describe("issue fields: minimum lengths", () => {
  it.each([
    ["an empty title", { title: "  " }, "title", "Give the issue a title."],
    ["a one-word title", { title: "IoT" }, "title", /at least 8 characters/],
    ["a title one short", { title: "x".repeat(MINIMUMS.title - 1) }, "title", /at least 8/],
    ["an empty problem", { problemStatement: "" }, "problemStatement", "Describe the problem."],
    ["a one-word problem", { problemStatement: "help" }, "problemStatement", /at least 20/],
    [
      "a problem one short (spaces trimmed)",
      { problemStatement: `  ${"p".repeat(MINIMUMS.problemStatement - 1)}  ` },
      "problemStatement",
      /at least 20 characters/,
    ],
  ])("refuses %s with one clear message", (_name, over, field, message) => {
    const r = ZIssueFields.safeParse({ title: TITLE, problemStatement: PROBLEM, ...over });
    expect(r.success).toBe(false);
    const issues = r.error!.issues.filter((i) => i.path[0] === field);
    expect(issues).toHaveLength(1);
    if (typeof message === "string") expect(issues[0]!.message).toBe(message);
    else expect(issues[0]!.message).toMatch(message);
  });

  it.each([
    ["the shortest title", { title: "x".repeat(MINIMUMS.title) }],
    ["the shortest problem", { problemStatement: "p".repeat(MINIMUMS.problemStatement) }],
  ])("accepts %s", (_name, over) => {
    expect(
      ZIssueFields.safeParse({ title: TITLE, problemStatement: PROBLEM, ...over }).success,
    ).toBe(true);
  });
});
