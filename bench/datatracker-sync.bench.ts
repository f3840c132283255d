/**
 * npm run bench:sync -- [--docs N] [--groups FILE]
 *
 * Measures the Datatracker sync against the fake Datatracker on loopback: a full
 * run (every group, area and document new), then a rerun (nothing changed), then
 * an incremental run after 200 documents changed, on an in-memory PGlite database
 * (or PostgreSQL when DATABASE_URL names an empty database). The groups are the
 * acronyms, names, types and areas of ../shared/data/ietf-groups.json (facts only);
 * the documents are generated, 20,000 by default. Prints one line per run.
 */
import { readFileSync } from "node:fs";
import { migrateDatabase, openDatabase } from "~/db/client";
import { seedDatabase } from "~/db/seed";
import { runSync } from "~/server/services/datatracker/run-sync";
import { doc, group, role } from "~/server/testing/datatracker-fixtures";
import { startFakeDatatracker, type FakeData } from "~/server/testing/fake-datatracker";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const docCount = Number(arg("--docs", "20000"));
const file = arg("--groups", "../shared/data/ietf-groups.json");

interface GroupFacts {
  acronym: string;
  name: string;
  type: string;
  area: string | null;
}
const source = JSON.parse(readFileSync(file, "utf8")) as {
  areas: { acronym: string; name: string }[];
  groups: GroupFacts[];
};

const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "");
const T0 = Date.parse("2025-01-01T00:00:00Z");

function build(): FakeData {
  const groups: FakeData["groups"] = [];
  const areaIds = new Map<string, number>();
  source.areas.forEach((a, i) => {
    areaIds.set(a.acronym, 1000 + i);
    groups.push(group(1000 + i, a.acronym, a.name, "area", null, iso(T0 + i * 1000)));
  });
  groups.push(group(1999, "irtf", "Internet Research Task Force", "irtf", null, iso(T0)));
  const wgs = source.groups.filter((g) => ["wg", "rg", "ag", "dir", "team"].includes(g.type));
  wgs.forEach((g, i) => {
    const parent = g.type === "rg" ? 1999 : (areaIds.get(g.area ?? "") ?? null);
    groups.push(group(2000 + i, g.acronym, g.name, g.type, parent, iso(T0 + 60_000 + i * 1000)));
  });
  const roles = wgs.map((_, i) =>
    role(5000 + i, "chair", 2000 + i, 200000 + i, `chair${i}@bench.example`),
  );
  const documents = Array.from({ length: docCount }, (_, i) => {
    const gi = i % wgs.length;
    const g = wgs[gi]!;
    const prefix = g.type === "rg" ? "irtf" : "ietf";
    return doc(
      `draft-${prefix}-${g.acronym}-bench-${i}`,
      String(i % 40).padStart(2, "0"),
      2000 + gi,
      [1, i % 3 === 0 ? 41 : 38, 150],
      iso(T0 + 3_600_000 + i * 1000),
    );
  });
  return { groups, roles, documents, states: [], relations: [] };
}

const data = build();
const fake = await startFakeDatatracker(data);
const database = await openDatabase(
  process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : { dataDir: "memory" },
);
await migrateDatabase(database);
await seedDatabase(database.db, { demo: false });
const wgCount = data.groups.filter((g) => !String(g.type).includes("/area/")).length - 1;
console.log(
  `Datatracker sync bench: ${source.areas.length} areas, ${wgCount} groups, ${data.roles.length} roles, ${data.documents.length} documents, page size 200, ${database.mode}`,
);

async function timed(label: string) {
  const t = performance.now();
  const r = await runSync(database.db, { base: fake.base, trigger: "command-line" });
  const s = ((performance.now() - t) / 1000).toFixed(1);
  const d = r.log.counts.documents;
  console.log(
    `${label.padEnd(12)} ${s.padStart(6)} s  ${r.status}; documents: ${d?.fetched ?? 0} read, ${d?.created ?? 0} created, ${d?.updated ?? 0} updated; requests so far ${fake.requests.length}`,
  );
}

await timed("full");
await timed("rerun");
for (let i = 0; i < 200; i++) {
  const k = (i * 97) % data.documents.length;
  data.documents[k] = { ...data.documents[k]!, rev: "41", time: iso(Date.now() + i) };
}
await timed("incremental");
await fake.close();
await database.close();
