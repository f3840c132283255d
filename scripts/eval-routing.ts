/**
 * Cross-validated evaluation of the routing engine.
 *
 *   npm run eval:routing -- --corpus ../shared/data/wg-corpus.jsonl [--k 5] [--seeds N]
 *                           [--links] [--json] [--tuning '{"nearest":0.3}']
 *                           [--groups FILE] [--catalog full|iot]
 *
 * --catalog iot evaluates with the IoT catalog only (the groups that carry
 * IOTOPS charter items), the catalog the engine knew before every IETF group
 * was added; --groups FILE reads the groups from a catalog file.
 *
 * --seeds N repeats the cross-validation with N different (deterministic)
 * fold shuffles and prints the range, to show how much the figure depends on
 * the split.
 *
 * Method (details in docs/routing.md):
 * - documents linked as the same work (a draft and the RFC it became, found by
 *   near-identical titles/abstracts, or `rfcNNNNbis`) always share a fold;
 * - folds are stratified by group and assigned deterministically (hash of
 *   names), so runs are reproducible;
 * - for each fold, an engine is built from the catalog profiles plus all other
 *   folds' documents, and each held-out document is routed by its title and
 *   abstract only (never its name, so `draft-ietf-<wg>-...` cannot leak the
 *   answer);
 * - "profile only" routes every document with no corpus documents known.
 * Top-k counts a hit when the true group is among the first k candidates of
 * the full ranking (dispatch outcomes included).
 */
import path from "node:path";
import { parseArgs } from "node:util";

import { CHARTER_ITEMS } from "~/server/domain/catalog";
import {
  crossValidate,
  linkRelatedDocuments,
  parseCorpusLine,
  profileOnly,
  summarize,
  type KnownDocument,
  type RoutingTuning,
} from "~/server/domain/routing";

import { iotCatalog, loadGroups } from "./lib/groups";
import { readJsonlFile } from "./lib/jsonl";

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

async function main() {
  const { values } = parseArgs({
    options: {
      corpus: { type: "string" },
      k: { type: "string", default: "5" },
      links: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      tuning: { type: "string" },
      seeds: { type: "string", default: "1" },
      groups: { type: "string" },
      catalog: { type: "string", default: "full" },
    },
  });
  const corpusPath = path.resolve(
    process.cwd(),
    values.corpus ?? path.resolve(process.cwd(), "../shared/data/wg-corpus.jsonl"),
  );
  const k = Number(values.k);
  const tuning = values.tuning ? (JSON.parse(values.tuning) as Partial<RoutingTuning>) : {};

  const docs: KnownDocument[] = [];
  for (const line of await readJsonlFile(corpusPath)) {
    const r = parseCorpusLine(line.text);
    if (r.kind === "error") {
      console.error(`${corpusPath}:${line.n}: ${r.error}`);
      process.exitCode = 2;
    } else if (r.kind === "ok") docs.push(r.value);
  }
  if (docs.length === 0) throw new Error(`no documents in ${corpusPath}`);

  const { component, links } = linkRelatedDocuments(docs);
  const started = performance.now();
  if (values.catalog !== "full" && values.catalog !== "iot") {
    throw new Error("--catalog must be full or iot");
  }
  const all = await loadGroups(values.groups);
  const groups = values.catalog === "iot" ? iotCatalog(all) : all;
  const common = { documents: docs, groups, charterItems: CHARTER_ITEMS, tuning };
  const cv = crossValidate({ ...common, k });
  const elapsed = performance.now() - started;
  const seeds = Math.max(1, Number(values.seeds));
  const repeats = Array.from({ length: seeds - 1 }, (_, i) =>
    summarize(crossValidate({ ...common, k, seed: `seed-${i + 1}` })),
  );
  const po = profileOnly(common);
  const cvS = summarize(cv);
  const poS = summarize(po);

  // Majority-class baseline for the charter item.
  const itemCounts = new Map<string, number>();
  for (const d of docs)
    if (d.charterItem) itemCounts.set(d.charterItem, (itemCounts.get(d.charterItem) ?? 0) + 1);
  const [majorityItem, majorityCount] = [...itemCounts.entries()].sort(
    (a, b) => b[1] - a[1],
  )[0] ?? ["-", 0];

  if (values.json) {
    console.log(JSON.stringify({ k, cv: cvS, profileOnly: poS }));
    return;
  }

  console.log(
    `Catalog: ${groups.length} groups (${values.catalog}); corpus: ${docs.length} documents, ${new Set(docs.map((d) => d.group)).size} groups`,
  );
  console.log(
    `Linked as the same work: ${links.length} pairs -> ${new Set(component).size} units; ${k}-fold, stratified by group`,
  );
  if (values.links) for (const l of links) console.log(`  ${l.a} ~ ${l.b} (${l.why})`);
  console.log("");
  console.log(`                      top-1    top-3    charter item`);
  console.log(
    `${k}-fold CV             ${pct(cvS.top1).padStart(6)}   ${pct(cvS.top3).padStart(6)}   ${pct(cvS.charterItem).padStart(6)}`,
  );
  console.log(
    `profile only          ${pct(poS.top1).padStart(6)}   ${pct(poS.top3).padStart(6)}   ${pct(poS.charterItem).padStart(6)}`,
  );
  console.log(
    `charter item majority baseline ("${majorityItem}"): ${pct(majorityCount / (cvS.charterItemN || 1))}`,
  );
  if (repeats.length > 0) {
    const all = [cvS, ...repeats];
    const range = (f: (x: typeof cvS) => number) =>
      `${pct(Math.min(...all.map(f)))}-${pct(Math.max(...all.map(f)))} (mean ${pct(all.reduce((a, x) => a + f(x), 0) / all.length)})`;
    console.log(
      `over ${all.length} fold shuffles: top-1 ${range((x) => x.top1)}, top-3 ${range((x) => x.top3)}, charter ${range((x) => x.charterItem)}`,
    );
  }
  const firstKinds = new Map<string, number>();
  for (const o of cv) firstKinds.set(o.firstKind, (firstKinds.get(o.firstKind) ?? 0) + 1);
  console.log(
    `first suggestion (CV): ${[...firstKinds.entries()]
      .sort()
      .map(([kind, n]) => `${kind} ${n}`)
      .join(", ")}`,
  );
  console.log(`(${cv.length} routed in ${elapsed.toFixed(0)} ms including index builds)`);
  console.log("");

  // Per-group recall and confusions (cross-validated).
  const corpusGroups = [...new Set(docs.map((d) => d.group))].sort();
  console.log(`group      n  recall@1  recall@3  profile-only@1  confused with (CV top-1)`);
  for (const g of corpusGroups) {
    const mine = cv.filter((o) => o.doc.group === g);
    const poMine = po.filter((o) => o.doc.group === g);
    const s = summarize(mine);
    const p = summarize(poMine);
    const confused = new Map<string, number>();
    for (const o of mine) {
      const top = o.ranking[0] ?? "-";
      if (!o.accepted.includes(top)) confused.set(top, (confused.get(top) ?? 0) + 1);
    }
    const conf = [...confused.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([c, n]) => `${c}×${n}`)
      .join(" ");
    console.log(
      `${g.padEnd(8)} ${String(s.n).padStart(3)}  ${pct(s.top1).padStart(8)}  ${pct(s.top3).padStart(8)}  ${pct(p.top1).padStart(14)}  ${conf}`,
    );
  }

  // Charter item confusion (cross-validated).
  console.log("");
  console.log("charter item (truth -> predicted counts)");
  const items = [...itemCounts.keys()].sort();
  for (const it of items) {
    const mine = cv.filter((o) => o.doc.charterItem === it);
    const pred = new Map<string, number>();
    for (const o of mine) pred.set(o.charterItem, (pred.get(o.charterItem) ?? 0) + 1);
    const row = [...pred.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([c, n]) => `${c}×${n}`)
      .join(" ");
    console.log(`  ${it.padEnd(24)} n=${String(mine.length).padStart(3)}  ${row}`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
