import { DomainError } from "~/server/domain/errors";
import {
  IMPORT_MAX_ERRORS,
  type ImportFormat,
  type ImportParseResult,
  type ImportParseOptions,
  type Where,
  Collector,
} from "./import-records";
import { isPlainObject, syntaxProblem, tryParse } from "./import-fields";
import { parseJsonLines } from "./import-jsonl";
import { parseApi } from "./import-api";

/**
 * Parse a Datatracker document export (pure: text in, records or errors out).
 *
 * Two formats are detected automatically:
 * - `datatracker-api`: the tastypie response of `/api/v1/doc/document/`
 *   (`{"meta": {...}, "objects": [...]}`), a single document object, or a bare
 *   array of document objects. Foreign keys are resource URIs.
 * - `jsonl`: JSON Lines of `{id, title, abstract, wg}` (the project's corpus format;
 *   extra keys are ignored).
 *
 * Outcome classes:
 * - **error**: the input is malformed or contradicts itself, so the file is rejected
 *   as a whole (invalid JSON, wrong shape, bad name or revision, a field of the
 *   wrong type, a URI of the wrong kind, an unknown intended standards level, two
 *   states on one tracked axis, a duplicate name). All errors are collected and
 *   the first {@link IMPORT_MAX_ERRORS} returned.
 * - **skipped**: a well-formed record we do not import, e.g. a document whose type
 *   is not `draft` or `rfc` (charters, slides, BoF requests). Reported with a reason;
 *   it does not reject the file.
 * - **warning**: a well-formed record with a detail we cannot use: a state pk
 *   missing from our vocabulary (other axes such as IANA or RFC Editor), an unknown
 *   tag, or a page of a larger result set. The record is imported without it.
 *
 * Normalisation: `ad` becomes the person pk (`"/api/v1/person/person/123/"` ->
 * `"123"`); `shepherd` becomes the e-mail address of `/api/v1/person/email/<addr>/`
 * (or a person pk); `time` becomes an ISO-8601 UTC string (a time without a zone
 * is read as UTC, as the Datatracker stores UTC). The group comes from an expanded
 * group object or acronym, from `options.groupAcronymsByPk`, or else from the
 * draft name (`draft-ietf-<wg>-...`); the Datatracker's individual-submission group
 * `none` becomes `null`.
 *
 * Locations: "line N" is the 1-based line of a JSON Lines file; "object N" is the
 * 1-based position in the API `objects` list.
 *
 * This module detects the format; import-jsonl.ts and import-api.ts read the
 * records, with the field checks of import-fields.ts, into the collector and
 * result types of import-records.ts.
 */

export {
  IMPORT_MAX_ERRORS,
  type ImportFormat,
  type ImportedDocument,
  type ImportIssue,
  type ImportParseOptions,
  type ImportParseResult,
  type ImportSkip,
} from "./import-records";

// ---------------------------------------------------------------------------
// Entry points

/** Which format `text` is in, or `null` if it is neither. Does not validate records. */
export function detectImportFormat(text: string): ImportFormat | null {
  return detect(stripBom(text)).format;
}

export function parseDatatrackerImport(
  text: string,
  options: ImportParseOptions = {},
): ImportParseResult {
  const c = new Collector(Math.max(1, options.maxErrors ?? IMPORT_MAX_ERRORS));
  const body = stripBom(typeof text === "string" ? text : "");
  const d = detect(body);
  if (d.kind === "invalid") c.error(NOWHERE_LINE(d.errorLine), d.problem);
  else if (d.kind === "jsonl") parseJsonLines(body, c);
  else parseApi(d.parsed, c, options);
  return c.result(d.format);
}

/** A VALIDATION DomainError summarising a failed parse, for services to raise. */
export function importErrorsToDomainError(
  result: Extract<ImportParseResult, { ok: false }>,
): DomainError {
  const more = result.truncated ? ` (showing the first ${result.errors.length})` : "";
  return new DomainError(
    "VALIDATION",
    `The import file was rejected: ${result.errorCount} problem${result.errorCount === 1 ? "" : "s"}${more}. ${result.errors[0]?.message ?? ""}`.trim(),
    {
      format: result.format,
      errors: result.errors.map((e) => e.message),
      errorCount: result.errorCount,
      truncated: result.truncated,
    },
  );
}

// ---------------------------------------------------------------------------
// Format detection

type Detected =
  | { kind: "jsonl"; format: "jsonl" }
  | { kind: "api"; format: "datatracker-api"; parsed: unknown }
  | {
      kind: "invalid";
      format: "datatracker-api" | null;
      problem: string;
      errorLine: number | null;
    };

const NOWHERE_LINE = (line: number | null): Where => ({ line, index: null, name: null });

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Line of a JSON.parse error, from the "position N" V8 reports. */
function lineOfSyntaxError(text: string, error: SyntaxError): number | null {
  const m = /position (\d+)/.exec(error.message);
  if (!m?.[1]) return null;
  const pos = Math.min(Number(m[1]), text.length);
  return text.slice(0, pos).split("\n").length;
}

function looksLikeJsonLines(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  if (lines.length < 2) return false;
  // A JSON Lines file has at least one complete object per line near the top;
  // a pretty-printed API response has none ("{" alone is not valid JSON).
  return lines.slice(0, 5).some((l) => {
    const p = tryParse(l);
    return p.ok && isPlainObject(p.value);
  });
}

function detect(text: string): Detected {
  const trimmed = text.trim();
  if (trimmed === "") {
    return { kind: "invalid", format: null, problem: "the file is empty", errorLine: null };
  }
  const first = trimmed[0];
  if (first !== "{" && first !== "[") {
    return {
      kind: "invalid",
      format: null,
      problem:
        'not JSON: expected a Datatracker API response ({"meta": ..., "objects": [...]}) or JSON Lines of {id, title, abstract, wg}',
      errorLine: 1,
    };
  }
  const whole = tryParse(text);
  if (whole.ok) {
    const v = whole.value;
    if (isPlainObject(v) && "id" in v && !("name" in v) && !("objects" in v)) {
      return { kind: "jsonl", format: "jsonl" }; // a one-line JSON Lines file
    }
    return { kind: "api", format: "datatracker-api", parsed: v };
  }
  if (first === "{" && looksLikeJsonLines(text)) return { kind: "jsonl", format: "jsonl" };
  return {
    kind: "invalid",
    format: "datatracker-api",
    problem: syntaxProblem(whole.error),
    errorLine: lineOfSyntaxError(text, whole.error),
  };
}
