/**
 * The Datatracker's Tastypie API: list pages `{meta, objects}` and resource URIs
 * such as `/api/v1/group/group/1234/`. Pure parsing; no I/O.
 */

export interface PageMeta {
  limit: number;
  offset: number;
  next: string | null;
  previous: string | null;
  totalCount: number;
}

export type PageParse =
  { ok: true; meta: PageMeta; objects: unknown[] } | { ok: false; problem: string };

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "nothing";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return typeof v === "object" ? "an object" : `${typeof v} ${String(v)}`;
}

const nonNegativeInt = (v: unknown): v is number =>
  typeof v === "number" && Number.isInteger(v) && v >= 0;

/** Check that a response body is a Tastypie list page. A page that is not is reported, never partly used. */
export function parsePage(body: unknown): PageParse {
  if (!isPlainObject(body))
    return { ok: false, problem: `expected a JSON object, got ${describe(body)}` };
  const meta = body.meta;
  if (!isPlainObject(meta))
    return { ok: false, problem: `"meta" must be an object, got ${describe(meta)}` };
  if (!Array.isArray(body.objects)) {
    return { ok: false, problem: `"objects" must be an array, got ${describe(body.objects)}` };
  }
  for (const k of ["limit", "offset", "total_count"] as const) {
    if (!nonNegativeInt(meta[k])) {
      return {
        ok: false,
        problem: `"meta.${k}" must be a non-negative integer, got ${describe(meta[k])}`,
      };
    }
  }
  for (const k of ["next", "previous"] as const) {
    if (meta[k] !== null && meta[k] !== undefined && typeof meta[k] !== "string") {
      return { ok: false, problem: `"meta.${k}" must be a URL or null, got ${describe(meta[k])}` };
    }
  }
  return {
    ok: true,
    objects: body.objects,
    meta: {
      limit: meta.limit as number,
      offset: meta.offset as number,
      totalCount: meta.total_count as number,
      next: (meta.next as string | null | undefined) || null,
      previous: (meta.previous as string | null | undefined) || null,
    },
  };
}

/** The path of a URI, whether absolute (`https://host/api/...`) or relative (`/api/...`). */
function pathOf(uri: string): string {
  if (/^https?:\/\//i.test(uri)) {
    try {
      return new URL(uri).pathname;
    } catch {
      return uri;
    }
  }
  return uri;
}

/**
 * The key at the end of a resource URI under `prefix`
 * (`uriKey("/api/v1/group/group/12/", "/api/v1/group/group/")` is `"12"`), or
 * null when the value is not such a URI.
 */
export function uriKey(value: unknown, prefix: string): string | null {
  if (typeof value !== "string") return null;
  const path = pathOf(value.trim());
  if (!path.startsWith(prefix)) return null;
  const key = path.slice(prefix.length).replace(/\/$/, "");
  return key !== "" && !key.includes("/") ? decodeURIComponent(key) : null;
}

/** A numeric key (a primary key) at the end of a resource URI, or null. */
export function uriPk(value: unknown, prefix: string): number | null {
  const key = uriKey(value, prefix);
  return key !== null && /^\d{1,10}$/.test(key) ? Number(key) : null;
}

export const URI = {
  group: "/api/v1/group/group/",
  groupType: "/api/v1/name/grouptypename/",
  groupState: "/api/v1/name/groupstatename/",
  role: "/api/v1/group/role/",
  roleName: "/api/v1/name/rolename/",
  person: "/api/v1/person/person/",
  email: "/api/v1/person/email/",
  document: "/api/v1/doc/document/",
  state: "/api/v1/doc/state/",
  stateType: "/api/v1/doc/statetype/",
} as const;

/**
 * A Datatracker `time` as an ISO-8601 UTC string with milliseconds, or null.
 * A time without a zone is UTC, as the Datatracker stores UTC.
 */
export function parseApiTime(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const t = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(t))
    return null;
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(t) ? t : `${t}Z`;
  const ms = Date.parse(zoned.replace(" ", "T"));
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
