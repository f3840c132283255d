/**
 * The load generator, run as a separate process by bench/app.bench.ts so that
 * it does not share an event loop with anything it measures:
 *
 *   node --import tsx bench/app/load-child.ts < spec.json
 *
 * Reads a LoadSpec on stdin, drives it with autocannon (connections spread over
 * the target servers), prints one LoadResult JSON line on stdout.
 *
 * Stopping: at the end of the duration no new scenario request is started
 * (connections send a cheap `/api/health` instead) and the run ends once every
 * scenario request already sent has its response, so for the mutations every
 * request has a known outcome and none is cut off half way.
 */
import autocannon from "autocannon";
import type { LoadResult, LoadSpec, TaggedOutcome } from "./load-types";
import { percentile, round2 } from "./load-types";
import { deserializeOutput } from "../../server/api/transformer";

/**
 * autocannon spreads its connections over an array of URLs (lib/url.js), which its
 * typings (`url: string`) do not say. Parameters of a method signature are compared
 * both ways, so the library's function fits this wider signature as it is.
 */
interface MultiTargetAutocannon {
  start(
    options: Omit<autocannon.Options, "url"> & { url: string | string[] },
    callback: () => void,
  ): autocannon.Instance;
}
const multiTarget: MultiTargetAutocannon = { start: autocannon };

const DRAIN_CAP_MS = 15_000;
const TIMEOUT_S = 10;

interface Next {
  method: "GET" | "POST";
  path: string;
  body?: string;
  tag: string;
}

interface Ctx {
  rid?: number | null;
  tag?: string;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function makeSource(spec: LoadSpec): () => Next | null {
  const w = spec.work;
  if (w.kind === "get") {
    return () => ({
      method: "GET",
      path: w.paths[Math.floor(Math.random() * w.paths.length)]!,
      tag: "",
    });
  }
  if (w.kind === "file") {
    let n = 0;
    return () => {
      const text = w.texts[n % w.texts.length]!;
      const title = `${String(text.title)} [${w.marker}-${n}]`;
      n++;
      return {
        method: "POST",
        path: w.path,
        body: JSON.stringify({ json: { ...text, title } }),
        tag: title,
      };
    };
  }
  let i = 0;
  return () => {
    const issue = w.issues[i++];
    if (!issue) return null;
    return {
      method: "POST",
      path: w.path,
      body: JSON.stringify({
        json: {
          issueId: issue.id,
          expectedVersion: issue.version,
          command: { type: "start-discussion" },
        },
      }),
      tag: String(issue.id),
    };
  };
}

function trpcCode(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (parsed.error === undefined) return undefined;
    return (deserializeOutput(parsed.error) as { data?: { code?: string } }).data?.code;
  } catch {
    return undefined;
  }
}

async function main() {
  const spec = JSON.parse(await readStdin()) as LoadSpec;
  const source = makeSource(spec);
  const mutation = spec.work.kind !== "get";

  let draining = false;
  let rid = 0;
  const inflight = new Map<number, string>();
  let last: { status: number } | null = null;
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  const outcomes: TaggedOutcome[] = [];
  const errorSamples: string[] = [];
  let ok = 0;
  let errors = 0;
  let lastResponseAt = 0;
  let stopped = false;

  const url = spec.targets.length === 1 ? spec.targets[0]! : spec.targets;
  const startedAt = performance.now();

  const holder: { instance?: autocannon.Instance } = {};
  const stop = () => {
    if (stopped) return;
    if (!holder.instance) {
      // Called while autocannon is still building its first requests.
      setImmediate(stop);
      return;
    }
    stopped = true;
    holder.instance.stop();
  };
  const beginDrain = () => {
    if (draining) return;
    draining = true;
    if (inflight.size === 0) stop();
    setTimeout(stop, DRAIN_CAP_MS).unref();
  };

  let finished: () => void = () => {};
  const done = new Promise<void>((resolve) => (finished = resolve));
  const run = multiTarget.start(
    {
      url,
      connections: spec.connections,
      ...(spec.ratePerS ? { overallRate: spec.ratePerS } : {}),
      duration: spec.durationS + DRAIN_CAP_MS / 1000 + 15,
      timeout: TIMEOUT_S,
      requests: [
        {
          setupRequest: (req, context) => {
            const ctx = context as Ctx;
            const next = draining ? null : source();
            if (!next) {
              beginDrain();
              ctx.rid = null;
              return { ...req, method: "GET", path: "/api/health", headers: {}, body: "" };
            }
            const id = ++rid;
            inflight.set(id, next.tag);
            ctx.rid = id;
            ctx.tag = next.tag;
            return {
              ...req,
              method: next.method,
              path: next.path,
              headers: {
                ...spec.headers,
                ...(next.body ? { "content-type": "application/json" } : {}),
              },
              body: next.body ?? "",
            };
          },
          onResponse: (status, body, context) => {
            const ctx = context as Ctx;
            if (ctx.rid == null) {
              last = null;
              return;
            }
            inflight.delete(ctx.rid);
            ctx.rid = null;
            last = { status };
            statusCounts[status] = (statusCounts[status] ?? 0) + 1;
            const good = status >= 200 && status < 300;
            if (good) ok++;
            else {
              errors++;
              if (errorSamples.length < 5) errorSamples.push(`${status} ${body.slice(0, 300)}`);
            }
            if (mutation) {
              const code = good ? undefined : trpcCode(body);
              outcomes.push({ tag: ctx.tag ?? "", status, ...(code ? { code } : {}) });
            }
            if (draining && inflight.size === 0) stop();
          },
        },
      ],
    },
    () => finished(),
  );
  holder.instance = run;
  run.on("response", (_client, _status, _bytes, responseTime) => {
    // Emitted synchronously right after the request's onResponse above.
    if (!last) return;
    latencies.push(responseTime);
    lastResponseAt = performance.now();
    last = null;
  });
  setTimeout(beginDrain, spec.durationS * 1000).unref();

  await done;

  latencies.sort((a, b) => a - b);
  const elapsed = ((lastResponseAt || performance.now()) - startedAt) / 1000;
  const unanswered = [...inflight.values()];
  const result: LoadResult = {
    name: spec.name,
    requests: latencies.length + unanswered.length,
    ok,
    errors: errors + unanswered.length,
    unanswered,
    statusCounts,
    p50_ms: round2(percentile(latencies, 50)),
    p95_ms: round2(percentile(latencies, 95)),
    p99_ms: round2(percentile(latencies, 99)),
    mean_ms: round2(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length)),
    max_ms: round2(latencies.at(-1) ?? 0),
    rps: round2(latencies.length / Math.max(elapsed, 0.001)),
    elapsed_s: round2(elapsed),
    outcomes,
    errorSamples,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
