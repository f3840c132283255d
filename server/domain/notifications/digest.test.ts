import { describe, expect, it } from "vitest";
import {
  closedPeriod,
  DAY_MINUTES,
  digestSubject,
  digestText,
  groupDigest,
  type DigestItem,
} from "./digest";

const at = (iso: string) => new Date(iso);
const item = (subject: string, path: string, iso: string): DigestItem => ({
  subject,
  path,
  createdAt: at(iso),
});

describe("digest periods", () => {
  it.each([
    ["2026-12-04T09:30:00Z", DAY_MINUTES, "2026-12-03T00:00:00.000Z", "2026-12-04T00:00:00.000Z"],
    ["2026-12-04T00:00:00Z", DAY_MINUTES, "2026-12-03T00:00:00.000Z", "2026-12-04T00:00:00.000Z"],
    ["2026-12-03T23:59:59Z", DAY_MINUTES, "2026-12-02T00:00:00.000Z", "2026-12-03T00:00:00.000Z"],
    ["2026-12-04T09:30:10Z", 1, "2026-12-04T09:29:00.000Z", "2026-12-04T09:30:00.000Z"],
  ])("at %s with %d-minute periods the closed one is %s to %s", (now, minutes, start, end) => {
    const p = closedPeriod(at(now), minutes);
    expect(p.start.toISOString()).toBe(start);
    expect(p.end.toISOString()).toBe(end);
  });
});

describe("digest grouping", () => {
  const items = [
    item("SUIT accepted #3 B", "/issues/3", "2026-12-03T12:00:00Z"),
    item("New issue #2 A", "/issues/2", "2026-12-03T09:00:00Z"),
    item("#2 A is in discussion", "/issues/2", "2026-12-03T10:00:00Z"),
    item("draft-x: In WG Last Call", "/documents/draft-x", "2026-12-03T11:00:00Z"),
  ];

  it("groups by item, groups and lines in time order", () => {
    expect(groupDigest(items)).toEqual([
      { path: "/issues/2", lines: ["New issue #2 A", "#2 A is in discussion"] },
      { path: "/documents/draft-x", lines: ["draft-x: In WG Last Call"] },
      { path: "/issues/3", lines: ["SUIT accepted #3 B"] },
    ]);
  });

  it.each([
    [items, "Your IOTOPS Dispatch digest for 2026-12-03: 4 updates on 3 items"],
    [items.slice(0, 1), "Your IOTOPS Dispatch digest for 2026-12-03: 1 update on 1 item"],
  ])("subject counts updates and items", (list, subject) => {
    expect(digestSubject(list, at("2026-12-03T00:00:00Z"))).toBe(subject);
  });

  it("links each item once and the settings", () => {
    const text = digestText(items, "https://dispatch.example/");
    expect(text.match(/https:\/\/dispatch\.example\/issues\/2\b/g)).toHaveLength(1);
    expect(text).toContain(
      "- New issue #2 A\n- #2 A is in discussion\n  https://dispatch.example/issues/2",
    );
    expect(text).toContain("https://dispatch.example/settings");
  });
});
