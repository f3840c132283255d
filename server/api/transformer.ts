/**
 * How tRPC writes data on the wire, for the server and every client (the
 * browser's, the end-to-end tests' and the benchmark's) alike.
 *
 * - **Inputs** are read with superjson. They are small, and anyone can write
 *   them; superjson refuses prototype keys such as `__proto__` and has been the
 *   request format the security tests craft by hand.
 * - **Outputs** are written with devalue. Lists and triage pages are large, and
 *   devalue serialises a 50-issue triage response in about 0.5 ms against
 *   superjson's 1.3 ms (docs/benchmarks.md). It carries what superjson did:
 *   Dates, Maps, Sets, `undefined`, and repeated references.
 *
 * tRPC documents this split ("different transformers for upload and download").
 */
import type { TRPCCombinedDataTransformer } from "@trpc/server";
import * as devalue from "devalue";
import superjson from "superjson";

export const transformer: TRPCCombinedDataTransformer = {
  input: superjson,
  output: {
    serialize: (value: unknown) => devalue.stringify(value),
    deserialize: (text: string) => devalue.parse(text) as unknown,
  },
};

/** A value as the server writes it into a response's `result.data` (or `error`). */
export const serializeOutput = (value: unknown): string =>
  transformer.output.serialize(value) as string;

/** A response's `result.data` (or `error`) as the client reads it. */
export const deserializeOutput = (data: unknown): unknown => transformer.output.deserialize(data);
