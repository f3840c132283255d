/**
 * What each benchmark scenario requests, as whom, which floor it is measured
 * against, and which routes may not exist yet on the build under test.
 */
import { CHARTER_ITEM_IDS } from "~/server/domain/catalog";
import { THROTTLE_RULES } from "~/server/domain/people/throttle-rules";
import { ITEM_WORDS } from "./item-words";
import { round2 } from "./load-types";
import type { ScenarioName } from "./options";
import { pick, type Rand } from "./random";
import { issueText, type IssueText } from "./text";

export type GetScenario = Exclude<ScenarioName, "file" | "transition">;

/**
 * Scenarios sent at a fixed rate (requests a second over all connections)
 * instead of as fast as answers come: the public API refuses an address's
 * requests past its quota (`api-ip`, 300 a minute) with 429, as it should, so
 * unpaced load measures refusals. Paced at 80 % of the quota, it measures
 * answers; its rps is then the pace, not a capacity.
 */
export const PACED: Partial<Record<ScenarioName, number>> = {
  "api-list": (0.8 * THROTTLE_RULES["api-ip"].points) / THROTTLE_RULES["api-ip"].durationS,
};

/** The floors: the cheapest request of each kind, measured in the same run. */
export const FLOORS = ["floor-page", "floor-trpc", "floor-api"] as const;
export type FloorName = (typeof FLOORS)[number];

/** Which floor a scenario is a multiple of (none for the floors themselves). */
export const FLOOR_OF: Partial<Record<ScenarioName, FloorName>> = {
  "issues-list": "floor-page",
  "issue-page": "floor-page",
  "document-page": "floor-page",
  search: "floor-page",
  "my-work": "floor-page",
  triage: "floor-trpc",
  suggest: "floor-trpc",
  report: "floor-trpc",
  file: "floor-trpc",
  transition: "floor-trpc",
  "api-list": "floor-api",
  "export-csv": "floor-api",
};

/** The floors `scenarios` needs, in front of them, each once. */
export function withFloors(scenarios: readonly ScenarioName[]): ScenarioName[] {
  const needed = new Set<ScenarioName>();
  for (const s of scenarios) {
    const f = FLOOR_OF[s];
    if (f) needed.add(f);
  }
  const floors = FLOORS.filter((f) => needed.has(f) || scenarios.includes(f));
  return [...floors, ...scenarios.filter((s) => !(FLOORS as readonly string[]).includes(s))];
}

export interface RatioToFloor {
  floor: FloorName;
  p50: number;
  p95: number;
}

export function ratioToFloor(
  name: ScenarioName,
  own: { p50_ms: number; p95_ms: number },
  measured: ReadonlyMap<ScenarioName, { p50_ms: number; p95_ms: number }>,
): RatioToFloor | null {
  const floor = FLOOR_OF[name];
  const f = floor && measured.get(floor);
  if (!floor || !f || f.p50_ms <= 0 || f.p95_ms <= 0) return null;
  return { floor, p50: round2(own.p50_ms / f.p50_ms), p95: round2(own.p95_ms / f.p95_ms) };
}

/** Who sends each scenario's requests. */
export type As = "anonymous" | "chair" | "contributor";
export const AS: Record<ScenarioName, As> = {
  "floor-page": "anonymous",
  "floor-trpc": "chair",
  "floor-api": "anonymous",
  "issues-list": "anonymous",
  triage: "chair",
  "issue-page": "anonymous",
  suggest: "anonymous",
  report: "anonymous",
  "document-page": "anonymous",
  search: "anonymous",
  "my-work": "chair",
  "api-list": "anonymous",
  "export-csv": "chair",
  file: "contributor",
  transition: "chair",
};

/**
 * Routes built on other branches: a scenario whose every route answers 404 on
 * the running build is skipped with a message, one with some routes missing
 * runs on the others (the search scenario without `/search`).
 */
export const MAY_BE_MISSING: ReadonlySet<ScenarioName> = new Set([
  "search",
  "my-work",
  "api-list",
  "export-csv",
]);

const trpcInput = (v: unknown) => encodeURIComponent(JSON.stringify({ json: v }));

/** Search words: one or two words of a topic phrase of the generated texts. */
export function searchQueries(r: Rand, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const topic = pick(r, ITEM_WORDS[pick(r, CHARTER_ITEM_IDS)].topics);
    const words = topic.split(" ").filter((w) => w.length >= 4);
    const k = Math.floor(r() * words.length);
    out.push(r() < 0.5 || k + 1 >= words.length ? words[k]! : `${words[k]} ${words[k + 1]}`);
  }
  return out;
}

export interface PathSources {
  publicIssueIds: number[];
  documentNames: string[];
  suggestTexts: IssueText[];
  searchQueries: string[];
}

/** Each GET scenario's paths; the load draws from them at random. */
export function scenarioPaths(s: PathSources): Record<GetScenario, string[]> {
  const q = (w: string) => encodeURIComponent(w);
  return {
    "floor-page": ["/signin"],
    "floor-trpc": [`/api/trpc/account.ping`],
    "floor-api": ["/api/health"],
    "issues-list": ["/issues"],
    triage: [
      `/api/trpc/issue.list?input=${trpcInput({ states: ["submitted"], sort: "oldest", limit: 50 })}`,
    ],
    "issue-page": s.publicIssueIds.map((id) => `/issues/${id}`),
    suggest: s.suggestTexts.map(
      (t) =>
        `/api/trpc/issue.suggest?input=${trpcInput({ title: t.title, text: t.problemStatement })}`,
    ),
    report: [`/api/trpc/issue.report?input=${trpcInput({})}`],
    "document-page": s.documentNames.map((n) => `/documents/${encodeURIComponent(n)}`),
    search: s.searchQueries.flatMap((w) => [`/search?q=${q(w)}`, `/issues?q=${q(w)}`]),
    "my-work": ["/"],
    "api-list": ["/api/v1/issues"],
    "export-csv": ["/exports/triage?format=csv"],
  };
}

/** Texts for the suggest scenario (new ones, not in the data set). */
export function suggestTexts(r: Rand, n: number): IssueText[] {
  return Array.from({ length: n }, () => issueText(r, pick(r, CHARTER_ITEM_IDS)));
}

/** The route family of a path, for the 404 probe (`/search?q=a` → `/search`). */
export function routeOf(p: string): string {
  const bare = p.split("?")[0]!;
  return bare.startsWith("/issues/") || bare.startsWith("/documents/")
    ? bare.replace(/\/[^/]+$/, "/…")
    : bare;
}

/**
 * Drops the paths of routes that answer 404. `probe` fetches one path and
 * returns its status. Returns the remaining paths and the routes dropped.
 */
export async function dropMissingRoutes(
  paths: readonly string[],
  probe: (path: string) => Promise<number>,
): Promise<{ paths: string[]; missing: string[] }> {
  const firstOf = new Map<string, string>();
  for (const p of paths) if (!firstOf.has(routeOf(p))) firstOf.set(routeOf(p), p);
  const missing: string[] = [];
  for (const [route, p] of firstOf) if ((await probe(p)) === 404) missing.push(route);
  return { paths: paths.filter((p) => !missing.includes(routeOf(p))), missing };
}

export interface ScenarioRow {
  name: string;
  p50_ms: number;
  p95_ms: number;
  rps: number;
  /** The fixed rate the scenario was sent at (`PACED`), or null when unpaced. */
  paced_rps: number | null;
  errors: number;
  sql_p50_ms: number | null;
  ratio_to_floor: RatioToFloor | null;
}

/** The summary table printed at the end (to stderr, next to the JSON on stdout). */
export function formatTable(
  rows: readonly ScenarioRow[],
  skipped: readonly { name: string; reason: string }[],
): string {
  const head = ["scenario", "p50 ms", "p95 ms", "rps", "errors", "sql p50", "× floor p50/p95"];
  const body = rows.map((r) => [
    r.name,
    String(r.p50_ms),
    String(r.p95_ms),
    r.paced_rps === null ? String(r.rps) : `${r.rps} (paced)`,
    String(r.errors),
    r.sql_p50_ms === null ? "—" : String(r.sql_p50_ms),
    r.ratio_to_floor
      ? `${r.ratio_to_floor.p50} / ${r.ratio_to_floor.p95} (${r.ratio_to_floor.floor})`
      : "—",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [
    line(head),
    ...body.map(line),
    ...skipped.map((s) => `${s.name.padEnd(widths[0]!)}  skipped: ${s.reason}`),
  ].join("\n");
}
