/**
 * Routing speed benchmark:
 *   npm run bench:routing [-- --docs 20000 --queries 300 --corpus FILE --groups FILE]
 *
 * Builds an engine with the group catalog (the built-in seed: every active
 * IETF WG and IRTF RG, or --groups FILE) and N synthetic known documents and routes a few hundred
 * queries, printing mean / p50 / p95 / max milliseconds per query.
 *
 * Synthetic documents are generated deterministically (seeded PRNG) at run
 * time: for a document of group g, title and abstract words are drawn from
 * g's vocabulary (the corpus documents of g when ../shared/data/wg-corpus.jsonl
 * is available, else g's catalog profile), mixed with 20% words from other
 * groups. Nothing from the corpus is written anywhere. Queries are generated
 * the same way with a different seed, so they are "unseen" but on-topic.
 */
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import { CHARTER_ITEMS } from "~/server/domain/catalog";
import { createRoutingEngine, parseCorpusLine, type KnownDocument } from "~/server/domain/routing";

import { loadGroups } from "../scripts/lib/groups";
import { readJsonlFile } from "../scripts/lib/jsonl";
import { percentile } from "./app/load-types";
import { mulberry32 } from "./app/random";

const words = (s: string) => s.split(/[^A-Za-z0-9-]+/).filter((w) => w.length > 1);

async function main() {
  const { values } = parseArgs({
    options: {
      docs: { type: "string", default: "20000" },
      queries: { type: "string", default: "300" },
      corpus: { type: "string" },
      groups: { type: "string" },
    },
  });
  const catalog = await loadGroups(values.groups);
  const nDocs = Number(values.docs);
  const nQueries = Number(values.queries);
  const corpusPath = path.resolve(process.cwd(), values.corpus ?? "../shared/data/wg-corpus.jsonl");

  // Per-group word pools.
  const pools = new Map<string, string[]>();
  const add = (g: string, text: string) => {
    const list = pools.get(g) ?? [];
    list.push(...words(text));
    pools.set(g, list);
  };
  let source = "catalog profiles";
  if (existsSync(corpusPath)) {
    for (const line of await readJsonlFile(corpusPath)) {
      const r = parseCorpusLine(line.text);
      if (r.kind === "ok") add(r.value.group, `${r.value.title} ${r.value.abstract ?? ""}`);
    }
    source = `word pools of ${path.relative(process.cwd(), corpusPath)}`;
  }
  for (const g of catalog) {
    if (g.type !== "wg" && g.type !== "rg") continue;
    if (!pools.has(g.acronym)) add(g.acronym, `${g.name} ${g.summary} ${g.keywords.join(" ")}`);
  }
  const groups = [...pools.keys()].sort();
  const allWords = groups.flatMap((g) => pools.get(g)!);

  function synth(rand: () => number, i: number) {
    const g = groups[i % groups.length]!;
    const pool = pools.get(g)!;
    const pick = () =>
      rand() < 0.8
        ? pool[Math.floor(rand() * pool.length)]!
        : allWords[Math.floor(rand() * allWords.length)]!;
    const title = Array.from({ length: 5 + Math.floor(rand() * 6) }, pick).join(" ");
    const abstract = Array.from({ length: 60 + Math.floor(rand() * 90) }, pick).join(" ");
    return { g, title, abstract };
  }

  const rand = mulberry32(20260101);
  const documents: KnownDocument[] = [];
  for (let i = 0; i < nDocs; i++) {
    const { g, title, abstract } = synth(rand, i);
    documents.push({ name: `synthetic-${g}-${i}`, title, abstract, group: g, source: "document" });
  }
  const qrand = mulberry32(424242);
  const queries = Array.from({ length: nQueries }, (_, i) => synth(qrand, i * 7 + 3));

  const t0 = performance.now();
  const engine = createRoutingEngine({
    groups: catalog,
    charterItems: CHARTER_ITEMS,
    documents,
  });
  const buildMs = performance.now() - t0;

  const t1 = performance.now();
  engine.route({ title: "warm-up", text: "firmware update manifest for constrained devices" });
  const firstMs = performance.now() - t1;

  // Wall-clock time, and the process's CPU time per query, which is less
  // distorted when other jobs share the machine.
  const times: number[] = [];
  const cpu: number[] = [];
  let correct = 0;
  for (const q of queries) {
    const c = process.cpuUsage();
    const s = performance.now();
    const r = engine.route({ title: q.title, text: q.abstract });
    times.push(performance.now() - s);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    if (r.candidates[0]?.wg === q.g) correct++;
  }
  cpu.sort((a, b) => a - b);
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;

  // Long issues (about 1,500 words each).
  const long: number[] = [];
  for (let i = 0; i < 20; i++) {
    const parts = Array.from({ length: 12 }, (_, j) => synth(qrand, i * 12 + j).abstract);
    const s = performance.now();
    engine.route({ title: queries[i]!.title, text: parts.join(" ") });
    long.push(performance.now() - s);
  }
  long.sort((a, b) => a - b);

  // Incremental add followed by a query (includes the lazy norm refresh).
  const incremental: number[] = [];
  for (let i = 0; i < 20; i++) {
    const { g, title, abstract } = synth(qrand, i);
    const s = performance.now();
    engine.addDocument({ name: `added-${i}`, title, abstract, group: g, source: "decision" });
    engine.route({ title: queries[i]!.title, text: queries[i]!.abstract });
    incremental.push(performance.now() - s);
  }
  incremental.sort((a, b) => a - b);

  const f = (x: number) => x.toFixed(2);
  console.log(
    `Routing benchmark (${source}), Node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`,
  );
  console.log(`known documents: ${engine.size() - 20} (+ ${catalog.length} catalog groups)`);
  console.log(`index build: ${f(buildMs)} ms; first query (norm refresh): ${f(firstMs)} ms`);
  console.log(
    `per query over ${times.length} queries: mean ${f(mean)} ms, p50 ${f(percentile(times, 50))} ms, p95 ${f(percentile(times, 95))} ms, max ${f(times[times.length - 1] ?? 0)} ms`,
  );
  console.log(
    `CPU time per query: mean ${f(cpu.reduce((a, b) => a + b, 0) / cpu.length)} ms, p50 ${f(percentile(cpu, 50))} ms, p95 ${f(percentile(cpu, 95))} ms`,
  );
  console.log(
    `long issues (~1,500 words): p50 ${f(percentile(long, 50))} ms, max ${f(long[long.length - 1] ?? 0)} ms`,
  );
  console.log(
    `addDocument + route: p50 ${f(percentile(incremental, 50))} ms, p95 ${f(percentile(incremental, 95))} ms`,
  );
  console.log(
    `(sanity: synthetic queries routed to their source group: ${((100 * correct) / times.length).toFixed(0)}%)`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
