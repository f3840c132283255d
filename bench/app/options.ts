/** The app benchmark's command-line options (bench/app.bench.ts). */
import { parseArgs } from "node:util";
import { withFloors } from "./scenarios";
import type { BuildMode } from "./servers";

export const SCENARIOS = [
  "floor-page",
  "floor-trpc",
  "floor-api",
  "issues-list",
  "triage",
  "issue-page",
  "suggest",
  "report",
  "document-page",
  "search",
  "my-work",
  "api-list",
  "export-csv",
  "file",
  "transition",
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface Options {
  db: "postgres" | "pglite";
  issues: number;
  documents: number;
  instances: number;
  duration: number;
  connections: number;
  build: BuildMode;
  portBase: number;
  keep: boolean;
  seedOnly: boolean;
  apply?: string;
  adminUrl: string;
  scenarios: ScenarioName[];
}

/** The command line, checked; `log` notes an adjusted choice. */
export function parseOptions(log: (msg: string) => void): Options {
  const { values } = parseArgs({
    options: {
      db: { type: "string", default: "postgres" },
      issues: { type: "string" },
      documents: { type: "string" },
      instances: { type: "string", default: "1" },
      duration: { type: "string", default: "10" },
      connections: { type: "string", default: "16" },
      build: { type: "string", default: "auto" },
      "port-base": { type: "string", default: "3300" },
      keep: { type: "boolean", default: false },
      "seed-only": { type: "boolean", default: false },
      apply: { type: "string" },
      "pg-admin-url": { type: "string" },
      scenarios: { type: "string" },
    },
  });
  const db = values.db;
  if (db !== "postgres" && db !== "pglite") throw new Error("--db must be postgres or pglite");
  const num = (v: string | undefined, fallback: number, name: string, min = 1) => {
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isInteger(n) || n < min)
      throw new Error(`--${name} must be a whole number ≥ ${min}`);
    return n;
  };
  const seconds = (v: string | undefined) => {
    const n = v === undefined ? 10 : Number(v);
    if (!Number.isFinite(n) || n < 0.5) throw new Error("--duration must be a number ≥ 0.5");
    return n;
  };
  const build = values.build as BuildMode;
  if (!["auto", "if-missing", "always", "never"].includes(build))
    throw new Error("--build must be auto, if-missing, always or never");
  const scenarios = (values.scenarios?.split(",").map((s) => s.trim()) ?? [...SCENARIOS]).filter(
    Boolean,
  );
  for (const s of scenarios)
    if (!SCENARIOS.includes(s as ScenarioName))
      throw new Error(`Unknown scenario ${s}; known: ${SCENARIOS.join(", ")}`);
  const instances = num(values.instances, 1, "instances");
  if (db === "pglite" && instances !== 1) {
    log("PGlite allows one process per data folder: using one instance.");
  }
  return {
    db,
    issues: num(values.issues, db === "postgres" ? 100_000 : 10_000, "issues", 10),
    documents: num(values.documents, db === "postgres" ? 20_000 : 2_000, "documents", 10),
    instances: db === "pglite" ? 1 : instances,
    duration: seconds(values.duration),
    connections: num(values.connections, 16, "connections"),
    build,
    portBase: num(values["port-base"], 3300, "port-base", 1024),
    keep: values.keep ?? false,
    seedOnly: values["seed-only"] ?? false,
    apply: values.apply,
    adminUrl:
      values["pg-admin-url"] ??
      process.env.BENCH_PG_ADMIN_URL ??
      process.env.TEST_PG_ADMIN_URL ??
      "postgres://postgres@127.0.0.1:5432/postgres",
    // The floors each chosen scenario is measured against run first, in the same run.
    scenarios: withFloors(scenarios as ScenarioName[]),
  };
}
