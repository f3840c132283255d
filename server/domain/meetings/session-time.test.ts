import { describe, expect, it } from "vitest";
import { describeSessionTime, instantToLocal, localToInstant } from "./session-time";

describe("localToInstant", () => {
  it.each([
    // [local, zone, expected UTC ISO or null]
    ["2026-03-16 09:30", "UTC", "2026-03-16T09:30:00.000Z"],
    ["2026-03-16T09:30", "Asia/Bangkok", "2026-03-16T02:30:00.000Z"],
    ["2020-11-16 13:00", "Asia/Bangkok", "2020-11-16T06:00:00.000Z"],
    ["2026-07-20 09:30", "Europe/Madrid", "2026-07-20T07:30:00.000Z"],
    ["2026-01-20 09:30", "Europe/Madrid", "2026-01-20T08:30:00.000Z"],
    ["2026-11-02 09:00", "America/Vancouver", "2026-11-02T17:00:00.000Z"],
    ["2026-07-20 09:00:30", "UTC", "2026-07-20T09:00:30.000Z"],
    // Clocks go forward in Madrid at 02:00 on 2026-03-29: 02:30 does not exist.
    ["2026-03-29 02:30", "Europe/Madrid", null],
    // Clocks go back at 03:00 on 2026-10-25: 02:30 happens twice; the earlier one.
    ["2026-10-25 02:30", "Europe/Madrid", "2026-10-25T00:30:00.000Z"],
    ["2026-02-30 09:00", "UTC", null],
    ["2026-13-01 09:00", "UTC", null],
    ["2026-01-01 24:00", "UTC", null],
    ["Monday afternoon", "UTC", null],
    ["2026-01-01 09:00\u0000", "UTC", null],
    ["2026-01-01 09:00", "Not/AZone", null],
  ])("%s in %s is %s", (local, zone, expected) => {
    expect(localToInstant(local, zone)?.toISOString() ?? null).toBe(expected);
  });
});

describe("instantToLocal and describeSessionTime", () => {
  it("reads an instant as the meeting's wall clock", () => {
    expect(instantToLocal(new Date("2026-03-16T02:30:00Z"), "Asia/Bangkok")).toBe(
      "2026-03-16 09:30",
    );
  });
  it.each([
    [new Date("2026-03-16T02:30:00Z"), 90, "", "2026-03-16 09:30–11:00"],
    [new Date("2026-03-16T16:00:00Z"), 120, "", "2026-03-16 23:00–2026-03-17 01:00"],
    [null, 60, "Monday afternoon", "Monday afternoon (to be confirmed)"],
    [null, 60, "", ""],
  ])("%s for %i minutes (note %j) reads %j", (startsAt, minutes, note, expected) => {
    expect(
      describeSessionTime({
        startsAt,
        durationMinutes: minutes,
        timeNote: note,
        timeZone: "Asia/Bangkok",
      }),
    ).toBe(expected);
  });
});
