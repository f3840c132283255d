import { describe, expect, it } from "vitest";
import { THROTTLE_RULES } from "~/server/domain/people/throttle-rules";
import { SCENARIOS, type ScenarioName } from "./options";
import { mulberry32 } from "./random";
import {
  AS,
  FLOORS,
  FLOOR_OF,
  PACED,
  dropMissingRoutes,
  formatTable,
  ratioToFloor,
  routeOf,
  searchQueries,
  withFloors,
} from "./scenarios";

describe("withFloors", () => {
  it.each<[ScenarioName[], ScenarioName[]]>([
    [["triage"], ["floor-trpc", "triage"]],
    [
      ["issue-page", "report"],
      ["floor-page", "floor-trpc", "issue-page", "report"],
    ],
    [["export-csv"], ["floor-api", "export-csv"]],
    [["floor-page"], ["floor-page"]],
    [
      ["triage", "floor-trpc"],
      ["floor-trpc", "triage"],
    ],
    [[...SCENARIOS], [...SCENARIOS]],
  ])("%j runs as %j", (asked, run) => {
    expect(withFloors(asked)).toEqual(run);
  });
});

describe("the scenario table", () => {
  it("gives every scenario but the floors a floor, and every scenario a sender", () => {
    for (const s of SCENARIOS) {
      expect(AS[s]).toBeDefined();
      expect(FLOOR_OF[s] === undefined).toBe((FLOORS as readonly string[]).includes(s));
    }
  });
});

describe("ratioToFloor", () => {
  const measured = new Map<ScenarioName, { p50_ms: number; p95_ms: number }>([
    ["floor-page", { p50_ms: 10, p95_ms: 20 }],
    ["floor-trpc", { p50_ms: 0, p95_ms: 0 }],
  ]);
  it.each<[ScenarioName, { p50_ms: number; p95_ms: number }, unknown]>([
    ["issue-page", { p50_ms: 25, p95_ms: 30 }, { floor: "floor-page", p50: 2.5, p95: 1.5 }],
    ["search", { p50_ms: 13.333, p95_ms: 20 }, { floor: "floor-page", p50: 1.33, p95: 1 }],
    // A floor of 0 ms (nothing measured) gives no ratio rather than Infinity.
    ["triage", { p50_ms: 5, p95_ms: 9 }, null],
    // The floor did not run.
    ["api-list", { p50_ms: 5, p95_ms: 9 }, null],
    ["floor-page", { p50_ms: 10, p95_ms: 20 }, null],
  ])("%s %j → %j", (name, own, expected) => {
    expect(ratioToFloor(name, own, measured)).toEqual(expected);
  });
});

describe("routes that may be missing", () => {
  it.each([
    ["/search?q=trust%20anchors", "/search"],
    ["/issues?q=keys", "/issues"],
    ["/issues/42", "/issues/…"],
    ["/documents/draft-ietf-x", "/documents/…"],
    ["/api/v1/issues", "/api/v1/issues"],
  ])("%s belongs to %s", (p, route) => {
    expect(routeOf(p)).toBe(route);
  });

  it("drops the paths of routes answering 404 and probes each route once", async () => {
    const probed: string[] = [];
    const { paths, missing } = await dropMissingRoutes(
      ["/search?q=a", "/issues?q=a", "/search?q=b", "/issues?q=b"],
      async (p) => {
        probed.push(p);
        return p.startsWith("/search") ? 404 : 200;
      },
    );
    expect(probed).toEqual(["/search?q=a", "/issues?q=a"]);
    expect(missing).toEqual(["/search"]);
    expect(paths).toEqual(["/issues?q=a", "/issues?q=b"]);
  });

  it("keeps routes that answer other errors (they count as errors under load)", async () => {
    const { paths, missing } = await dropMissingRoutes(
      ["/exports/triage?format=csv"],
      async () => 500,
    );
    expect(missing).toEqual([]);
    expect(paths).toHaveLength(1);
  });
});

describe("searchQueries", () => {
  it("draws one or two real words of the generated topics, the same for the same seed", () => {
    const a = searchQueries(mulberry32(7), 50);
    expect(a).toEqual(searchQueries(mulberry32(7), 50));
    for (const q of a) {
      expect(q).toMatch(/^[\w-]{4,}( [\w-]{4,})?$/);
    }
    expect(new Set(a).size).toBeGreaterThan(10);
  });
});

describe("formatTable", () => {
  it("prints ratios with their floor, a dash without, and the skipped scenarios with the reason", () => {
    const text = formatTable(
      [
        {
          name: "floor-page",
          p50_ms: 10,
          p95_ms: 20,
          rps: 100,
          paced_rps: null,
          errors: 0,
          sql_p50_ms: null,
          ratio_to_floor: null,
        },
        {
          name: "issue-page",
          p50_ms: 25,
          p95_ms: 30,
          rps: 40,
          paced_rps: null,
          errors: 0,
          sql_p50_ms: 1.5,
          ratio_to_floor: { floor: "floor-page", p50: 2.5, p95: 1.5 },
        },
        {
          name: "api-list",
          p50_ms: 3,
          p95_ms: 5,
          rps: 3.9,
          paced_rps: 4,
          errors: 0,
          sql_p50_ms: null,
          ratio_to_floor: { floor: "floor-api", p50: 1.2, p95: 1.1 },
        },
      ],
      [{ name: "export-csv", reason: "/exports/triage answers 404 on this build" }],
    );
    const lines = text.split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^floor-page .* — *$/);
    expect(lines[1]).not.toContain("paced");
    expect(lines[2]).toMatch(/2\.5 \/ 1\.5 \(floor-page\)$/);
    expect(lines[3]).toMatch(/^api-list .* 3\.9 \(paced\) /);
    expect(lines[4]).toBe("export-csv  skipped: /exports/triage answers 404 on this build");
  });

  it("paces the public API under its per-address quota, and nothing else", () => {
    const { points, durationS } = THROTTLE_RULES["api-ip"];
    for (const [name, rate] of Object.entries(PACED)) {
      expect(name).toBe("api-list");
      expect(rate).toBeGreaterThan(0);
      expect(rate! * durationS).toBeLessThan(points);
    }
    expect(PACED["api-list"]).toBeDefined();
  });
});
