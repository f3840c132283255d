/**
 * Small helpers for reading JSON Lines from files and stdin, line by line,
 * keeping 1-based line numbers.
 */
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";

export interface NumberedLine {
  /** 1-based line number. */
  readonly n: number;
  readonly text: string;
}

/** Yields the lines of a stream (a trailing `\r` is removed). */
export async function* readLines(input: Readable): AsyncGenerator<NumberedLine> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const text of rl) {
    n++;
    yield { n, text };
  }
}

/** Reads a whole JSON Lines file; returns its non-blank lines with their numbers. */
export async function readJsonlFile(path: string): Promise<NumberedLine[]> {
  const text = await readFile(path, "utf8");
  return text
    .split(/\r?\n/)
    .map((t, i) => ({ n: i + 1, text: t }))
    .filter((l) => l.text.trim() !== "");
}
