/**
 * Parsing of the JSON Lines formats used by the routing CLI and evaluation:
 *
 * - query lines  `{"id": string, "title": string, "abstract"?: string, "body"?: string}`
 * - corpus lines `{"id": string, "title": string, "abstract"?: string, "wg": string,
 *                  "charter_item"?: string}` (extra fields are ignored)
 *
 * Pure: each function takes one line of text and returns a tagged result;
 * it never throws.
 */
import { z } from "zod";

import { isCharterItemId, type CharterItemId } from "~/server/domain/catalog";

import type { KnownDocument, RoutingQuery, RoutingResult } from "./engine";

export type LineResult<T> =
  { kind: "blank" } | { kind: "ok"; value: T } | { kind: "error"; error: string };

export interface QueryLine {
  id: string;
  query: RoutingQuery;
}

const nonEmpty = (what: string) =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined ? `"${what}" is required` : `"${what}" must be a string`,
    })
    .refine((s) => s.trim().length > 0, { message: `"${what}" must not be empty` });

const nullableString = (what: string) =>
  z.string({ error: `"${what}" must be a string when present` }).nullish();

const querySchema = z.object(
  {
    id: nonEmpty("id"),
    title: nonEmpty("title"),
    abstract: nullableString("abstract"),
    body: nullableString("body"),
  },
  { error: "expected a JSON object" },
);

const corpusSchema = z.object(
  {
    id: nonEmpty("id"),
    title: nonEmpty("title"),
    abstract: nullableString("abstract"),
    wg: nonEmpty("wg"),
    charter_item: z.string().nullish(),
  },
  { error: "expected a JSON object" },
);

function parseJson(line: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(line) as unknown };
  } catch (e) {
    return { ok: false, error: `invalid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid input";
  return issue.message;
}

/** Parses one query line. The text routed is `abstract` and `body`, joined by a blank line. */
export function parseQueryLine(line: string): LineResult<QueryLine> {
  if (line.trim() === "") return { kind: "blank" };
  const json = parseJson(line);
  if (!json.ok) return { kind: "error", error: json.error };
  const parsed = querySchema.safeParse(json.value);
  if (!parsed.success) return { kind: "error", error: firstIssue(parsed.error) };
  const { id, title, abstract, body } = parsed.data;
  const text = [abstract, body].filter((s): s is string => !!s && s.trim() !== "").join("\n\n");
  return {
    kind: "ok",
    value: { id, query: text ? { title: title.trim(), text } : { title: title.trim() } },
  };
}

/** Parses one corpus line into a known document (`source: "corpus"`). */
export function parseCorpusLine(line: string): LineResult<KnownDocument> {
  if (line.trim() === "") return { kind: "blank" };
  const json = parseJson(line);
  if (!json.ok) return { kind: "error", error: json.error };
  const parsed = corpusSchema.safeParse(json.value);
  if (!parsed.success) return { kind: "error", error: firstIssue(parsed.error) };
  const { id, title, abstract, wg, charter_item } = parsed.data;
  const doc: KnownDocument = {
    name: id.trim(),
    title: title.trim(),
    group: wg.trim().toLowerCase(),
    source: "corpus",
  };
  if (abstract) doc.abstract = abstract;
  const item: CharterItemId | "other" | undefined =
    charter_item && (charter_item === "other" || isCharterItemId(charter_item))
      ? charter_item
      : undefined;
  if (item) doc.charterItem = item;
  return { kind: "ok", value: doc };
}

/** One output line of the routing CLI (see scripts/route.ts). */
export interface RouteOutputLine {
  id: string;
  charterItem: { id: string; score: number };
  candidates: { wg: string; score: number; reasons: string[] }[];
}

export function toOutputLine(id: string, result: RoutingResult): RouteOutputLine {
  return {
    id,
    charterItem: { id: result.charterItem.id, score: result.charterItem.score },
    candidates: result.candidates.map((c) => ({ wg: c.wg, score: c.score, reasons: c.reasons })),
  };
}

/** Output line written in place of a malformed input line (`n` is 1-based). */
export function toErrorLine(n: number, error: string): { line: number; error: string } {
  return { line: n, error };
}
