import type { z } from "zod";
import { decodeSegment, parseIdSegment } from "~/server/domain/validation";

/** Read a single string from Next's searchParams. */
export function param(
  sp: Record<string, string | string[] | undefined>,
  key: string,
): string | undefined {
  const v = sp[key];
  const s = Array.isArray(v) ? v[0] : v;
  return s && s.trim() !== "" ? s : undefined;
}

export function paramList(
  sp: Record<string, string | string[] | undefined>,
  key: string,
): string[] {
  const v = sp[key];
  if (!v) return [];
  return (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(",")).filter(Boolean);
}

export function paramInt(
  sp: Record<string, string | string[] | undefined>,
  key: string,
): number | undefined {
  const s = param(sp, key);
  if (!s || !/^\d{1,9}$/.test(s)) return undefined;
  return Number(s);
}

/** Build a query string, dropping empty values. */
export function qs(values: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values))
    if (v !== undefined && v !== null && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** A numeric id from a URL segment (1 to 2^31 − 1), or null for anything else. */
export function idParam(raw: string): number | null {
  return parseIdSegment(raw);
}

/** A text URL segment (percent-decoded, checked), or null when it is malformed. */
export function textSegment(raw: string, max = 200): string | null {
  return decodeSegment(raw, max);
}

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Search params checked against one schema per key (the same building blocks the
 * API uses). A value that fails is dropped, so the page falls back to its
 * default, and its message is returned for the page to show; nothing malformed
 * reaches a query.
 */
export function checkParams<S extends Record<string, z.ZodType>>(
  sp: SearchParams,
  shape: S,
): { values: { [K in keyof S]?: z.output<S[K]> }; problems: string[] } {
  const values: { [K in keyof S]?: z.output<S[K]> } = {};
  const problems: string[] = [];
  for (const key of Object.keys(shape) as (keyof S & string)[]) {
    const raw = param(sp, key);
    if (raw === undefined) continue;
    const parsed = shape[key]!.safeParse(raw);
    if (parsed.success) values[key] = parsed.data as z.output<S[typeof key]>;
    else problems.push(parsed.error.issues[0]?.message ?? `The ${key} in the link is not valid.`);
  }
  return { values, problems };
}
