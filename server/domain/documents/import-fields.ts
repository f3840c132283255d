/** Field checks shared by the two import formats (import-parse.ts). */
import { safeString } from "../validation/text";

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function tryParse(
  text: string,
): { ok: true; value: unknown } | { ok: false; error: SyntaxError } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, error: e instanceof SyntaxError ? e : new SyntaxError(String(e)) };
  }
}

export const ACRONYM = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const SLUG = /^[a-z0-9][a-z0-9-]*$/;

export type Field<T> = { ok: true; value: T } | { ok: false; problem: string };
export const good = <T>(value: T): Field<T> => ({ ok: true, value });
export const bad = <T = never>(problem: string): Field<T> => ({ ok: false, problem });

export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  return typeof v === "object" ? "an object" : `${typeof v} ${String(v)}`;
}

/** Path of a Datatracker URI, accepting a full https://datatracker.ietf.org/... URL. */
export function apiPath(value: string): string {
  return value.replace(/^https?:\/\/[^/]+/i, "");
}

/**
 * A foreign key given as `/api/v1/<app>/<model>/<key>/` or as the bare key.
 * Returns the decoded key, `null` for null/empty, or a problem.
 */
export function foreignKey(
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

/**
 * A text field of an imported record, cleaned by the same rules as every text
 * input (`safeString`: no NUL bytes or lone surrogates, NFC, no bidi controls)
 * and reported in the import's "field: problem" style.
 */
function importedText(field: string, value: string): Field<string> {
  const parsed = safeString().safeParse(value);
  if (parsed.success) return good(parsed.data.trim());
  return bad(`"${field}": ${parsed.error.issues[0]?.message ?? "not valid text"}`);
}

/** A required text field: whitespace runs collapse to one space; blank is a problem. */
export function textField(field: string, value: unknown): Field<string> {
  if (typeof value !== "string") {
    return bad(
      value === undefined
        ? `"${field}" is missing`
        : `"${field}" must be a string, got ${describe(value)}`,
    );
  }
  const text = importedText(field, value);
  if (!text.ok) return text;
  const collapsed = text.value.replace(/\s+/g, " ");
  return collapsed === "" ? bad(`"${field}" is empty`) : good(collapsed);
}

/** An optional text field: absent or null reads as "". */
export function optionalTextField(field: string, value: unknown): Field<string> {
  if (value === undefined || value === null) return good("");
  if (typeof value !== "string") return bad(`"${field}" must be a string, got ${describe(value)}`);
  return importedText(field, value);
}

export function acronym(field: string, value: string): Field<string | null> {
  const a = value.trim().toLowerCase();
  if (a === "none" || a === "") return good(null); // the Datatracker's "individual" group
  return ACRONYM.test(a) ? good(a) : bad(`"${field}" is not a group acronym: ${describe(value)}`);
}

export function syntaxProblem(error: SyntaxError): string {
  // Drop V8's position suffix; the line is reported separately.
  const detail = error.message
    .replace(/\s*\(line \d+ column \d+\)/, "")
    .replace(/ at position \d+/, "");
  return `invalid JSON (${detail})`;
}
