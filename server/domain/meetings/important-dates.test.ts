import { describe, expect, it } from "vitest";
import { MEETING_IMPORTANT_DATES } from "~/server/domain/documents/vocabulary";
import { countdown, importantDates } from "./important-dates";

const DAY = 86_400_000;
const start = new Date("2025-07-19T00:00:00Z");

describe("importantDates", () => {
  const dates = importantDates(start);

  it("has one entry per used vocabulary date", () => {
    expect(dates.map((d) => d.slug).sort()).toEqual(
      MEETING_IMPORTANT_DATES.filter((d) => d.used)
        .map((d) => d.slug)
        .sort(),
    );
  });

  it.each(MEETING_IMPORTANT_DATES.map((d) => [d.slug, d.defaultOffsetDays] as const))(
    "%s is %i days from the start",
    (slug, offset) => {
      const d = dates.find((x) => x.slug === slug);
      expect(d?.offsetDays).toBe(offset);
      expect(d?.date.getTime()).toBe(start.getTime() + offset * DAY);
      expect(d?.day).toBe(new Date(start.getTime() + offset * DAY).toISOString().slice(0, 10));
    },
  );

  it("is sorted by date, keeping vocabulary order on ties", () => {
    const times = dates.map((d) => d.date.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const tie = dates.filter((d) => d.offsetDays === -43).map((d) => d.slug);
    expect(tie).toEqual(["bofrevcutoff", "cutoffwgreq"]);
  });

  it("knows the well-known cut-offs", () => {
    const day = (slug: string) => dates.find((d) => d.slug === slug)?.day;
    expect(day("idcutoff")).toBe("2025-07-07");
    expect(day("bofprelimcutoff")).toBe("2025-05-23");
    expect(day("procsub")).toBe("2025-08-15");
  });

  it("uses the UTC calendar day of the start, whatever its time of day", () => {
    const late = importantDates(new Date("2025-07-19T23:30:00Z"));
    expect(late.map((d) => d.day)).toEqual(dates.map((d) => d.day));
    expect(late[0]?.date.toISOString()).toBe(dates[0]?.date.toISOString());
  });

  it("crosses month and year boundaries", () => {
    const march = importantDates(new Date("2026-03-14T00:00:00Z"));
    expect(march.find((d) => d.slug === "opensched")?.day).toBe("2025-12-15");
  });

  it("rejects an invalid date", () => {
    expect(() => importantDates(new Date("nope"))).toThrow(/not a valid date/);
  });
});

describe("countdown", () => {
  const deadline = new Date("2025-07-07T00:00:00Z");
  it.each([
    ["2025-07-01T12:00:00Z", 6, "upcoming", "in 6 days"],
    ["2025-07-06T23:59:59Z", 1, "upcoming", "tomorrow"],
    ["2025-07-07T00:00:00Z", 0, "today", "today"],
    ["2025-07-07T23:59:59Z", 0, "today", "today"],
    ["2025-07-08T00:00:00Z", -1, "passed", "yesterday"],
    ["2025-07-17T08:00:00Z", -10, "passed", "10 days ago"],
    ["2024-07-07T00:00:00Z", 365, "upcoming", "in 365 days"],
  ])("from %s: %i days (%s)", (now, days, status, label) => {
    expect(countdown(new Date(now), deadline)).toEqual({ days, status, label });
  });

  it("rejects invalid dates", () => {
    expect(() => countdown(new Date(Number.NaN), deadline)).toThrow(/now is not a valid date/);
  });
});
