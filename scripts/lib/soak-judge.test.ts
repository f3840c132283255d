import { describe, expect, it } from "vitest";
import { judgeSoak, type SoakMinute } from "./soak-judge";

function minutes(p95: number[], rss: number[], errors: number[] = []): SoakMinute[] {
  return p95.map((p, i) => ({
    minute: i + 1,
    requests: 300,
    errors: errors[i] ?? 0,
    p50: Math.round(p / 3),
    p95: p,
    rssMb: [rss[i]!, rss[i]!],
    servers: [],
  }));
}

// 20 minutes: 2 of warm-up, then thirds of 6, 6 and 6.
const flat = Array.from({ length: 20 }, () => 100);
const levelled = [
  150, 200, 240, 250, 255, 258, 260, 260, 261, 259, 260, 262, 261, 260, 263, 262, 261, 262, 263,
  262,
];

describe("judgeSoak", () => {
  it.each([
    ["steady latency and memory that levels off", flat, levelled, [], true],
    ["one failed request", flat, levelled, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], false],
    [
      "p95 up 30 % at the end",
      [...flat.slice(0, 14), 130, 130, 130, 130, 130, 130],
      levelled,
      [],
      false,
    ],
    [
      "p95 up 15 %: within the band",
      [...flat.slice(0, 14), 115, 115, 115, 115, 115, 115],
      levelled,
      [],
      true,
    ],
    [
      "p95 down 30 % is not flat either",
      [...flat.slice(0, 14), 70, 70, 70, 70, 70, 70],
      levelled,
      [],
      false,
    ],
    ["RSS rising all the way", flat, Array.from({ length: 20 }, (_, i) => 200 + i * 10), [], false],
    ["a slow warm-up is not counted", [900, 900, ...flat.slice(2)], levelled, [], true],
  ])("%s", (_name, p95, rss, errors, pass) => {
    expect(judgeSoak(minutes(p95, rss, errors)).pass).toBe(pass);
  });

  it("refuses a run too short to have thirds", () => {
    const v = judgeSoak(minutes([100, 100, 100, 100], [200, 200, 200, 200]));
    expect(v.pass).toBe(false);
    expect(v.reasons[0]).toMatch(/too short/);
  });

  it("reports the figures it judged", () => {
    const v = judgeSoak(minutes(flat, levelled));
    expect(v.p95FirstMs).toBe(100);
    expect(v.rssMiddleMaxMb).toEqual([262, 262]);
    expect(v.rssLastMaxMb).toEqual([263, 263]);
  });
});
