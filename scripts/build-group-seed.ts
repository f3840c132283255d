/**
 * Builds db/seed/groups.json, the group catalog shipped with the application.
 *
 *   npx tsx scripts/build-group-seed.ts [--ietf FILE] [--iot FILE] [--out FILE]
 *
 * Sources (defaults under ../shared/data):
 * - ietf-groups.json: every active IETF WG and IRTF RG with areas, summaries
 *   (written for this project), keywords, key RFCs and dispatch venues;
 * - working-groups.json: the IoT catalog. It marks the IoT groups, adds their
 *   key drafts and IOTOPS charter items, and contributes the groups that have
 *   concluded (lpwan, 6tisch, lwig, 6lowpan) and the IoT directorate. Their
 *   summaries come from scripts/data/iot-group-summaries.json, the project's
 *   own wording, never from the source file.
 *
 * Only facts and project-written summaries are carried. The output is sorted by
 * acronym, so rebuilding from the same sources gives the same file; a unit
 * test checks the shipped file against the sources when they are present.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

import { mergeGroupSources } from "./lib/group-seed";

function main() {
  const { values } = parseArgs({
    options: {
      ietf: { type: "string", default: "../shared/data/ietf-groups.json" },
      iot: { type: "string", default: "../shared/data/working-groups.json" },
      out: { type: "string", default: "db/seed/groups.json" },
    },
  });
  const read = (f: string): unknown => JSON.parse(readFileSync(path.resolve(f), "utf8"));
  const summaries = read("scripts/data/iot-group-summaries.json") as Record<string, string>;
  const merged = mergeGroupSources(read(values.ietf), read(values.iot), summaries);
  writeFileSync(path.resolve(values.out), `${JSON.stringify(merged, null, 2)}\n`);
  console.log(
    `${values.out}: ${merged.groups.length} groups (${merged.groups.filter((g) => g.state === "active").length} active), ${merged.areas.length} areas`,
  );
}

main();
