import { describe, expect, it } from "vitest";
import { laterTime, nextPosition, type KeysetPosition } from "./cursor";

const T1 = "2026-01-05T09:00:00.000Z";
const T2 = "2026-01-05T10:00:00.000Z";
const T3 = "2026-01-05T11:00:00.000Z";

describe("nextPosition", () => {
  it.each<[string, KeysetPosition, string[], KeysetPosition]>([
    [
      "first page, distinct times",
      { since: null, offset: 0 },
      [T1, T2, T3],
      { since: T3, offset: 1 },
    ],
    [
      "ties at the end are skipped next time",
      { since: null, offset: 0 },
      [T1, T3, T3],
      { since: T3, offset: 2 },
    ],
    ["a later page moves on", { since: T1, offset: 1 }, [T2, T3], { since: T3, offset: 1 }],
    [
      "a page all at the start time pages on within it",
      { since: T2, offset: 2 },
      [T2, T2, T2],
      { since: T2, offset: 5 },
    ],
    ["an empty page stays", { since: T2, offset: 1 }, [], { since: T2, offset: 1 }],
  ])("%s", (_what, current, times, expected) => {
    expect(nextPosition(current, times)).toEqual(expected);
  });
});

describe("laterTime", () => {
  it.each<[string | null, string | null, string | null]>([
    [null, null, null],
    [T1, null, T1],
    [null, T2, T2],
    [T1, T2, T2],
    [T3, T2, T3],
  ])("later of %j and %j is %j", (a, b, later) => {
    expect(laterTime(a, b)).toBe(later);
  });
});
