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
  if (!s || !/^\d+$/.test(s)) return undefined;
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

/** A numeric id from a URL segment (1 to 9 digits), or null for anything else. */
export function idParam(raw: string): number | null {
  return /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}
