/**
 * Routing CLI: suggests candidate groups for issues read as JSON Lines.
 *
 *   npm run --silent route -- [--corpus FILE] [--groups FILE] [--limit N] < issues.jsonl
 *
 * stdin, one object per line:  {"id": string, "title": string, "abstract"?: string, "body"?: string}
 * stdout, one line per input line, in order:
 *   {"id", "charterItem": {"id", "score"}, "candidates": [{"wg", "score", "reasons"}, ...]}
 * A malformed line yields {"line": n, "error": "..."} instead (n is 1-based) and
 * processing continues. Blank lines are skipped.
 *
 * Groups: the built-in seed (db/seed/groups.json), or with `--groups FILE` the
 * groups of a file shaped like ../shared/data/ietf-groups.json.
 *
 * Knowledge: the group profiles plus either
 * - `--corpus FILE`: JSON Lines {"id","title","abstract","wg"[,"charter_item"]}, or
 * - without --corpus: the documents and confirmed dispatch decisions in the
 *   configured database (loadKnownDocuments from server/services/routing).
 *
 * Exit status: 0 when every line was routed, 2 when any input line was
 * malformed, 1 on a fatal error (unreadable or malformed corpus or groups file,
 * database).
 */
import path from "node:path";
import { parseArgs } from "node:util";

import { CHARTER_ITEMS } from "~/server/domain/catalog";
import {
  createRoutingEngine,
  parseCorpusLine,
  parseQueryLine,
  toErrorLine,
  toOutputLine,
  type KnownDocument,
} from "~/server/domain/routing";

import { loadGroups } from "./lib/groups";
import { readJsonlFile, readLines } from "./lib/jsonl";

async function loadCorpus(file: string): Promise<KnownDocument[]> {
  const docs: KnownDocument[] = [];
  const errors: string[] = [];
  for (const line of await readJsonlFile(file)) {
    const r = parseCorpusLine(line.text);
    if (r.kind === "ok") docs.push(r.value);
    else if (r.kind === "error") errors.push(`${file}:${line.n}: ${r.error}`);
  }
  if (errors.length > 0) {
    throw new Error(`malformed corpus lines:\n${errors.slice(0, 10).join("\n")}`);
  }
  return docs;
}

async function loadKnowledge(
  corpus: string | undefined,
): Promise<{ documents: KnownDocument[]; close: () => Promise<void> }> {
  if (corpus) {
    return {
      documents: await loadCorpus(path.resolve(process.cwd(), corpus)),
      close: async () => {},
    };
  }
  // Imported lazily so that --corpus runs need no database configuration.
  let source: typeof import("~/server/services/routing/knowledge-source");
  try {
    source = await import("~/server/services/routing/knowledge-source");
  } catch (e) {
    throw new Error(
      `no --corpus given and the database knowledge source could not be loaded (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  return source.loadKnownDocuments();
}

function write(line: unknown): Promise<void> {
  const text = `${JSON.stringify(line)}\n`;
  return new Promise((resolve, reject) => {
    if (process.stdout.write(text)) resolve();
    else {
      process.stdout.once("drain", resolve);
      process.stdout.once("error", reject);
    }
  });
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      corpus: { type: "string" },
      groups: { type: "string" },
      limit: { type: "string" },
    },
  });
  const limit = values.limit ? Number(values.limit) : undefined;
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
    throw new Error("--limit must be a positive integer");
  }

  const groups = await loadGroups(values.groups);
  const knowledge = await loadKnowledge(values.corpus);
  let status = 0;
  try {
    const engine = createRoutingEngine({
      groups,
      charterItems: CHARTER_ITEMS,
      documents: knowledge.documents,
    });
    for await (const { n, text } of readLines(process.stdin)) {
      const parsed = parseQueryLine(text);
      if (parsed.kind === "blank") continue;
      if (parsed.kind === "error") {
        status = 2;
        await write(toErrorLine(n, parsed.error));
        continue;
      }
      const result = engine.route(parsed.value.query, limit ? { limit } : {});
      await write(toOutputLine(parsed.value.id, result));
    }
  } finally {
    await knowledge.close();
  }
  return status;
}

process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
});

main().then(
  (status) => {
    process.exitCode = status;
  },
  (e: unknown) => {
    console.error(`route: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
