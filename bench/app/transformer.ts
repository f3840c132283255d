/**
 * What serialising one tRPC response costs with each transformer, in-process,
 * on a real response of the running build (the triage page of 50 issues):
 * devalue (what the app writes responses with, server/api/transformer.ts),
 * superjson (what it wrote them with before, and still reads inputs with) and
 * plain JSON. Each is timed the way tRPC's HTTP handler uses it: the
 * transformer's `serialize` and then `JSON.stringify` of the envelope.
 */
import * as devalue from "devalue";
import superjson from "superjson";
import { deserializeOutput } from "../../server/api/transformer";
import { percentile } from "./load-types";

export interface TransformerCost {
  bytes: { superjson: number; devalue: number; json: number };
  /** p50 milliseconds per response. */
  superjson_ms: number;
  devalue_ms: number;
  json_ms: number;
  /** Does devalue give back what superjson gave (Dates as Dates, every field)? */
  devalue_round_trip_ok: boolean;
}

function time(fn: () => string, iterations: number): number {
  for (let i = 0; i < 20; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return Math.round(percentile(samples, 50) * 1000) / 1000;
}

/** `body`: a tRPC response, as the server sent it. */
export function transformerCost(body: string, iterations = 300): TransformerCost {
  const envelope = JSON.parse(body) as { result: { data: unknown } };
  const value = deserializeOutput(envelope.result.data);
  const withSuperjson = () => JSON.stringify({ result: { data: superjson.serialize(value) } });
  const withDevalue = () => JSON.stringify({ result: { data: devalue.stringify(value) } });
  const plain = () => JSON.stringify({ result: { data: value } });
  const sj = withSuperjson();
  const dv = withDevalue();
  const back = devalue.parse((JSON.parse(dv) as { result: { data: string } }).result.data);
  return {
    bytes: { superjson: sj.length, devalue: dv.length, json: plain().length },
    superjson_ms: time(withSuperjson, iterations),
    devalue_ms: time(withDevalue, iterations),
    json_ms: time(plain, iterations),
    devalue_round_trip_ok: superjson.stringify(back) === superjson.stringify(value),
  };
}
