import { DomainError } from "~/server/domain/errors";
import { isTrackedStateType, TRACKED_STATE_TYPE_LABELS, type TrackedStateType } from "./machine";
import {
  groupFromDraftName,
  isRevision,
  normalizeRfcName,
  parseDocumentRef,
  validateDraftName,
} from "./names";
import {
  findDocTag,
  findIntendedStdLevel,
  findState,
  isStateTypeSlug,
  stateByDatatrackerPk,
} from "./vocabulary";

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
 */

export const IMPORT_MAX_ERRORS = 20;

export type ImportFormat = "datatracker-api" | "jsonl";

export interface ImportedDocument {
  name: string;
  rev: string | null;
  title: string;
  abstract: string;
  group: string | null;
  stream: string | null;
  intendedStdLevel: string | null;
  states: Partial<Record<TrackedStateType, string>>;
  tags: string[];
  ad: string | null;
  shepherd: string | null;
  time: string | null;
}

export interface ImportIssue {
  /** 1-based line of a JSON Lines file, or of an API file that is not valid JSON. */
  line: number | null;
  /** 1-based position in the API `objects` list. */
  index: number | null;
  name: string | null;
  /** The problem alone, e.g. `"rev" must be two digits`. */
  problem: string;
  /** Location and problem, e.g. `object 3 (draft-foo): "rev" must be two digits`. */
  message: string;
}

/** A well-formed record that is not imported; `problem` is the reason. */
export type ImportSkip = ImportIssue;

export type ImportParseResult =
  | {
      ok: true;
      format: ImportFormat;
      records: ImportedDocument[];
      skipped: ImportSkip[];
      warnings: ImportIssue[];
    }
  | {
      ok: false;
      format: ImportFormat | null;
      /** At most `maxErrors` entries. */
      errors: ImportIssue[];
      /** All errors found, including those left out of `errors`. */
      errorCount: number;
      truncated: boolean;
    };

export interface ImportParseOptions {
  /** Cap on returned errors (default {@link IMPORT_MAX_ERRORS}). */
  maxErrors?: number;
  /** Group acronyms by Datatracker group pk, to resolve `/api/v1/group/group/<pk>/`. */
  groupAcronymsByPk?: Readonly<Record<number, string>>;
}

interface Where {
  line: number | null;
  index: number | null;
  name: string | null;
}

function issue(where: Where, problem: string): ImportIssue {
  const place =
    where.index !== null
      ? `object ${where.index}${where.name ? ` (${where.name})` : ""}`
      : where.line !== null
        ? `line ${where.line}${where.name ? ` (${where.name})` : ""}`
        : "file";
  return { ...where, problem, message: `${place}: ${problem}` };
}

class Collector {
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];
  readonly skipped: ImportSkip[] = [];
  readonly records: ImportedDocument[] = [];
  errorCount = 0;
  private readonly seen = new Map<string, string>();

  constructor(readonly maxErrors: number) {}

  error(where: Where, problem: string): void {
    this.errorCount += 1;
    if (this.errors.length < this.maxErrors) this.errors.push(issue(where, problem));
  }

  /** Records a name; reports a duplicate as an error. */
  claim(where: Where, name: string): void {
    const place = where.index !== null ? `object ${where.index}` : `line ${where.line}`;
    const first = this.seen.get(name);
    if (first !== undefined) this.error(where, `duplicate of ${first}`);
    else this.seen.set(name, place);
  }

  result(format: ImportFormat | null): ImportParseResult {
    if (this.errorCount > 0 || format === null) {
      return {
        ok: false,
        format,
        errors: this.errors,
        errorCount: this.errorCount,
        truncated: this.errorCount > this.errors.length,
      };
    }
    return {
      ok: true,
      format,
      records: this.records,
      skipped: this.skipped,
      warnings: this.warnings,
    };
  }
}

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

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; error: SyntaxError } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, error: e instanceof SyntaxError ? e : new SyntaxError(String(e)) };
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Line of a JSON.parse error, from the "position N" V8 reports. */
function lineOfSyntaxError(text: string, error: SyntaxError): number | null {
  const m = /position (\d+)/.exec(error.message);
  if (!m?.[1]) return null;
  const pos = Math.min(Number(m[1]), text.length);
  return text.slice(0, pos).split("\n").length;
}

function syntaxProblem(error: SyntaxError): string {
  // Drop V8's position suffix; the line is reported separately.
  const detail = error.message
    .replace(/\s*\(line \d+ column \d+\)/, "")
    .replace(/ at position \d+/, "");
  return `invalid JSON (${detail})`;
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

// ---------------------------------------------------------------------------
// Shared field helpers

const ACRONYM = /^[a-z0-9][a-z0-9-]{0,39}$/;
const SLUG = /^[a-z0-9][a-z0-9-]*$/;

type Field<T> = { ok: true; value: T } | { ok: false; problem: string };
const good = <T>(value: T): Field<T> => ({ ok: true, value });
const bad = <T = never>(problem: string): Field<T> => ({ ok: false, problem });

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  return typeof v === "object" ? "an object" : `${typeof v} ${String(v)}`;
}

/** Path of a Datatracker URI, accepting a full https://datatracker.ietf.org/... URL. */
function apiPath(value: string): string {
  return value.replace(/^https?:\/\/[^/]+/i, "");
}

/**
 * A foreign key given as `/api/v1/<app>/<model>/<key>/` or as the bare key.
 * Returns the decoded key, `null` for null/empty, or a problem.
 */
function foreignKey(
  field: string,
  value: unknown,
  prefix: string,
  bareKey: RegExp | null,
): Field<string | null> {
  if (value === null || value === undefined || value === "") return good(null);
  if (typeof value !== "string")
    return bad(`"${field}" must be a string or null, got ${describe(value)}`);
  const path = apiPath(value.trim());
  if (path.startsWith("/")) {
    if (!path.startsWith(prefix)) {
      return bad(`"${field}" must be a ${prefix}<key>/ URI, got ${describe(value)}`);
    }
    const key = path.slice(prefix.length).replace(/\/$/, "");
    if (key === "" || key.includes("/"))
      return bad(`"${field}" has a malformed URI ${describe(value)}`);
    try {
      return good(decodeURIComponent(key));
    } catch {
      return bad(`"${field}" has a malformed URI ${describe(value)}`);
    }
  }
  if (bareKey && !bareKey.test(path)) {
    return bad(`"${field}" must be a ${prefix}<key>/ URI or a key, got ${describe(value)}`);
  }
  return good(path);
}

function requiredText(field: string, value: unknown): Field<string> {
  if (typeof value !== "string") {
    return bad(
      value === undefined
        ? `"${field}" is missing`
        : `"${field}" must be a string, got ${describe(value)}`,
    );
  }
  const text = value.trim().replace(/\s+/g, " ");
  return text === "" ? bad(`"${field}" is empty`) : good(text);
}

function optionalText(field: string, value: unknown): Field<string> {
  if (value === undefined || value === null) return good("");
  if (typeof value !== "string") return bad(`"${field}" must be a string, got ${describe(value)}`);
  return good(value.trim());
}

function acronym(field: string, value: string): Field<string | null> {
  const a = value.trim().toLowerCase();
  if (a === "none" || a === "") return good(null); // the Datatracker's "individual" group
  return ACRONYM.test(a) ? good(a) : bad(`"${field}" is not a group acronym: ${describe(value)}`);
}

// ---------------------------------------------------------------------------
// JSON Lines

function parseJsonLines(text: string, c: Collector): void {
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const where: Where = { line: i + 1, index: null, name: null };
    if (raw.trim() === "") return;
    const p = tryParse(raw);
    if (!p.ok) return c.error(where, syntaxProblem(p.error));
    if (!isPlainObject(p.value))
      return c.error(where, `expected a JSON object, got ${describe(p.value)}`);
    const o = p.value;

    if (typeof o.id !== "string") {
      return c.error(
        where,
        o.id === undefined ? `"id" is missing` : `"id" must be a string, got ${describe(o.id)}`,
      );
    }
    const ref = parseDocumentRef(o.id);
    if (!ref.ok) return c.error(where, `"id": ${ref.error.message}`);
    where.name = ref.value.name;

    const title = requiredText("title", o.title);
    const abstract = optionalText("abstract", o.abstract);
    let group: Field<string | null> = good(
      ref.value.kind === "draft" ? groupFromDraftName(ref.value.name) : null,
    );
    if (o.wg !== undefined && o.wg !== null) {
      group =
        typeof o.wg === "string"
          ? acronym("wg", o.wg)
          : bad(`"wg" must be a string or null, got ${describe(o.wg)}`);
    }
    if (!title.ok || !abstract.ok || !group.ok) {
      for (const f of [title, abstract, group]) if (!f.ok) c.error(where, f.problem);
      return;
    }
    c.claim(where, ref.value.name);
    c.records.push({
      name: ref.value.name,
      rev: ref.value.rev,
      title: title.value,
      abstract: abstract.value,
      group: group.value,
      stream: null,
      intendedStdLevel: null,
      states: {},
      tags: [],
      ad: null,
      shepherd: null,
      time: null,
    });
  });
  if (c.records.length === 0 && c.errorCount === 0) {
    c.error({ line: null, index: null, name: null }, "the file has no records");
  }
}

// ---------------------------------------------------------------------------
// Datatracker API

const P = {
  docType: "/api/v1/name/doctypename/",
  stream: "/api/v1/name/streamname/",
  stdLevel: "/api/v1/name/intendedstdlevelname/",
  group: "/api/v1/group/group/",
  person: "/api/v1/person/person/",
  email: "/api/v1/person/email/",
  state: "/api/v1/doc/state/",
  stateType: "/api/v1/doc/statetype/",
  tag: "/api/v1/name/doctagname/",
  document: "/api/v1/doc/document/",
} as const;

const IMPORTED_TYPES = ["draft", "rfc"] as const;

function parseApi(parsed: unknown, c: Collector, options: ImportParseOptions): void {
  let objects: unknown[];
  const top: Where = { line: null, index: null, name: null };
  if (Array.isArray(parsed)) {
    objects = parsed;
  } else if (isPlainObject(parsed) && ("objects" in parsed || "meta" in parsed)) {
    if (!Array.isArray(parsed.objects)) {
      return c.error(top, `"objects" must be an array, got ${describe(parsed.objects)}`);
    }
    objects = parsed.objects;
    pageWarning(parsed.meta, objects.length, c);
  } else if (isPlainObject(parsed)) {
    objects = [parsed];
  } else {
    return c.error(top, `expected a JSON object or array, got ${describe(parsed)}`);
  }
  if (objects.length === 0) return c.error(top, "the file has no documents");
  objects.forEach((o, i) => parseApiObject(o, i + 1, c, options));
}

function pageWarning(meta: unknown, count: number, c: Collector): void {
  if (!isPlainObject(meta)) return;
  const total = typeof meta.total_count === "number" ? meta.total_count : null;
  if (typeof meta.next === "string" && meta.next !== "") {
    c.warnings.push(
      issue(
        { line: null, index: null, name: null },
        `this is one page of a larger result (${count}${total !== null ? ` of ${total}` : ""} documents); fetch the other pages (next: ${meta.next}) to import them`,
      ),
    );
  }
}

function parseApiObject(
  o: unknown,
  index: number,
  c: Collector,
  options: ImportParseOptions,
): void {
  const where: Where = { line: null, index, name: null };
  if (!isPlainObject(o)) return c.error(where, `expected a document object, got ${describe(o)}`);
  if (typeof o.name !== "string" || o.name.trim() === "") {
    return c.error(
      where,
      o.name === undefined
        ? `"name" is missing`
        : `"name" must be a non-empty string, got ${describe(o.name)}`,
    );
  }
  where.name = o.name;
  const errors: string[] = [];
  const warn = (problem: string) => c.warnings.push(issue(where, problem));

  // Type first: documents we do not import are skipped, whatever their other fields.
  const type = foreignKey("type", o.type, P.docType, SLUG);
  if (!type.ok) return c.error(where, type.problem);
  const kind = type.value ?? (o.name.startsWith("rfc") ? "rfc" : "draft");
  if (!(IMPORTED_TYPES as readonly string[]).includes(kind)) {
    c.skipped.push(issue(where, `document type "${kind}" is not imported (only drafts and RFCs)`));
    return;
  }

  // Name and revision.
  let name = o.name;
  let rev: string | null = null;
  if (kind === "draft") {
    const n = validateDraftName(o.name);
    if (!n.ok) errors.push(`"name": ${n.error.message}`);
    if (!isRevision(o.rev)) errors.push(`"rev" must be two digits, got ${describe(o.rev)}`);
    else rev = o.rev;
  } else {
    const n = normalizeRfcName(o.name);
    if (!n.ok) errors.push(`"name": ${n.error.message}`);
    else name = n.value;
    if (o.rev !== undefined && o.rev !== null && o.rev !== "") {
      errors.push(`"rev" must be empty for an RFC, got ${describe(o.rev)}`);
    }
  }
  if (o.resource_uri !== undefined && o.resource_uri !== null) {
    const uri = foreignKey("resource_uri", o.resource_uri, P.document, null);
    if (!uri.ok) errors.push(uri.problem);
    else if (uri.value !== null && uri.value !== o.name) {
      errors.push(`"resource_uri" names ${describe(uri.value)}, not ${describe(o.name)}`);
    }
  }

  const title = requiredText("title", o.title);
  if (!title.ok) errors.push(title.problem);
  const abstract = optionalText("abstract", o.abstract);
  if (!abstract.ok) errors.push(abstract.problem);

  const group = apiGroup(o.group, name, kind, options);
  if (!group.ok) errors.push(group.problem);

  const stream = foreignKey("stream", o.stream, P.stream, SLUG);
  if (!stream.ok) errors.push(stream.problem);

  let intendedStdLevel: string | null = null;
  const level = foreignKey("intended_std_level", o.intended_std_level, P.stdLevel, SLUG);
  if (!level.ok) errors.push(level.problem);
  else if (level.value !== null) {
    if (findIntendedStdLevel(level.value)) intendedStdLevel = level.value;
    else
      errors.push(
        `"intended_std_level" ${describe(level.value)} is not a known intended standards level`,
      );
  }

  const states = apiStates(o.states, errors, warn);
  const tags = apiTags(o.tags, errors, warn);

  const ad = foreignKey("ad", typeof o.ad === "number" ? String(o.ad) : o.ad, P.person, null);
  if (!ad.ok) errors.push(ad.problem);
  const shepherd = apiShepherd(o.shepherd);
  if (!shepherd.ok) errors.push(shepherd.problem);

  const time = apiTime(o.time);
  if (!time.ok) errors.push(time.problem);

  if (errors.length > 0) {
    for (const e of errors) c.error(where, e);
    return;
  }
  c.claim(where, name);
  if (!title.ok || !abstract.ok || !group.ok || !stream.ok || !ad.ok || !shepherd.ok || !time.ok) {
    return; // unreachable: every failure above was recorded in `errors`
  }
  c.records.push({
    name,
    rev,
    title: title.value,
    abstract: abstract.value,
    group: group.value,
    stream: stream.value,
    intendedStdLevel,
    states,
    tags,
    ad: ad.value,
    shepherd: shepherd.value,
    time: time.value,
  });
}

function apiGroup(
  value: unknown,
  name: string,
  kind: string,
  options: ImportParseOptions,
): Field<string | null> {
  const fromName = () => good(kind === "draft" ? groupFromDraftName(name) : null);
  if (value === null || value === undefined || value === "") return fromName();
  if (isPlainObject(value)) {
    if (typeof value.acronym !== "string") return bad(`"group" object has no "acronym"`);
    return acronym("group.acronym", value.acronym);
  }
  if (typeof value !== "string")
    return bad(`"group" must be a URI, an acronym or an object, got ${describe(value)}`);
  const path = apiPath(value.trim());
  if (path.startsWith("/")) {
    const key = foreignKey("group", value, P.group, null);
    if (!key.ok) return key;
    const pk = Number(key.value);
    if (!Number.isInteger(pk))
      return bad(`"group" URI must end in a numeric pk, got ${describe(value)}`);
    const known = options.groupAcronymsByPk?.[pk];
    return known !== undefined ? acronym("group", known) : fromName();
  }
  return acronym("group", value);
}

function apiStates(
  value: unknown,
  errors: string[],
  warn: (problem: string) => void,
): Partial<Record<TrackedStateType, string>> {
  const states: Partial<Record<TrackedStateType, string>> = {};
  if (value === undefined || value === null) return states;
  if (!Array.isArray(value)) {
    errors.push(`"states" must be an array, got ${describe(value)}`);
    return states;
  }
  const unknownPks: string[] = [];
  const set = (type: string, slug: string, source: string) => {
    if (!isTrackedStateType(type)) return; // another axis (RFC Editor, IANA, charter, ...)
    const prior = states[type];
    if (prior !== undefined && prior !== slug) {
      errors.push(
        `"states" has two ${TRACKED_STATE_TYPE_LABELS[type]}s: ${describe(prior)} and ${describe(slug)} (${source})`,
      );
    } else {
      states[type] = slug;
    }
  };
  value.forEach((entry, i) => {
    if (typeof entry === "string" || typeof entry === "number") {
      const key = foreignKey(`states[${i}]`, String(entry), P.state, /^\d+$/);
      if (!key.ok || key.value === null || !/^\d+$/.test(key.value)) {
        errors.push(`"states[${i}]" must be a ${P.state}<pk>/ URI, got ${describe(entry)}`);
        return;
      }
      const found = stateByDatatrackerPk(Number(key.value));
      if (!found) unknownPks.push(key.value);
      else set(found.stateType, found.state.slug, `${P.state}${key.value}/`);
      return;
    }
    if (isPlainObject(entry)) {
      const t = foreignKey(`states[${i}].type`, entry.type, P.stateType, SLUG);
      if (!t.ok || t.value === null || typeof entry.slug !== "string") {
        errors.push(`"states[${i}]" must have a state "type" and a "slug"`);
        return;
      }
      if (!isStateTypeSlug(t.value)) {
        warn(`state type ${describe(t.value)} is not in our vocabulary; ignored`);
        return;
      }
      if (!findState(t.value, entry.slug)) {
        errors.push(`"states[${i}]": ${describe(entry.slug)} is not a known ${t.value} state`);
        return;
      }
      set(t.value, entry.slug, `states[${i}]`);
      return;
    }
    errors.push(`"states[${i}]" must be a URI or a state object, got ${describe(entry)}`);
  });
  if (unknownPks.length > 0) {
    warn(
      `state pk${unknownPks.length > 1 ? "s" : ""} ${unknownPks.join(", ")} not in our vocabulary (another axis?); ignored`,
    );
  }
  return states;
}

function apiTags(value: unknown, errors: string[], warn: (problem: string) => void): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    errors.push(`"tags" must be an array, got ${describe(value)}`);
    return [];
  }
  const tags: string[] = [];
  value.forEach((entry, i) => {
    const key = foreignKey(`tags[${i}]`, entry, P.tag, SLUG);
    if (!key.ok) return void errors.push(key.problem);
    if (key.value === null) return void errors.push(`"tags[${i}]" is empty`);
    if (!findDocTag(key.value))
      return warn(`tag ${describe(key.value)} is not in our vocabulary; ignored`);
    if (!tags.includes(key.value)) tags.push(key.value);
  });
  return tags;
}

function apiShepherd(value: unknown): Field<string | null> {
  if (typeof value === "string" && apiPath(value.trim()).startsWith(P.person)) {
    return foreignKey("shepherd", value, P.person, null);
  }
  return foreignKey("shepherd", value, P.email, null);
}

function apiTime(value: unknown): Field<string | null> {
  if (value === null || value === undefined || value === "") return good(null);
  if (typeof value !== "string")
    return bad(`"time" must be a date-time string, got ${describe(value)}`);
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(text)) {
    return bad(`"time" must be an ISO 8601 date-time, got ${describe(value)}`);
  }
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text) && text.length > 10;
  const iso = text.length === 10 ? `${text}T00:00:00Z` : hasZone ? text : `${text}Z`;
  const [y, m, d] = text.slice(0, 10).split("-").map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) {
    return bad(`"time" is not a real date: ${describe(value)}`);
  }
  const ms = Date.parse(iso.replace(" ", "T"));
  return Number.isNaN(ms)
    ? bad(`"time" is not a real date: ${describe(value)}`)
    : good(new Date(ms).toISOString());
}
