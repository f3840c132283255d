/** Command-line arguments of `npm run sync:datatracker` (pure, tested). */
export interface SyncArgs {
  since: string | null;
  base: string | null;
  pageSize: number | null;
}

export const SYNC_USAGE =
  "Usage: npm run sync:datatracker -- [--since ISO-8601 time] [--base http(s)://host] [--page-size 1-1000]";

export function parseSyncArgs(
  argv: readonly string[],
): { ok: true; args: SyncArgs } | { ok: false; error: string } {
  const args: SyncArgs = { since: null, base: null, pageSize: null };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const [flag, inline] = raw.includes("=")
      ? [raw.slice(0, raw.indexOf("=")), raw.slice(raw.indexOf("=") + 1)]
      : [raw, undefined];
    const value = inline ?? argv[i + 1];
    const take = () => {
      if (inline === undefined) i++;
      return value;
    };
    if (flag === "--since") {
      const v = take();
      if (
        !v ||
        !/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) ||
        Number.isNaN(Date.parse(v))
      ) {
        return {
          ok: false,
          error: `--since needs an ISO-8601 date or time such as 2026-11-01T00:00:00Z, got ${JSON.stringify(v ?? "")}`,
        };
      }
      args.since = new Date(
        Date.parse(/[T ]/.test(v) && !/(Z|[+-]\d{2}:?\d{2})$/.test(v) ? `${v}Z` : v),
      ).toISOString();
    } else if (flag === "--base") {
      const v = take();
      let ok = false;
      try {
        ok = !!v && /^https?:$/.test(new URL(v).protocol);
      } catch {
        ok = false;
      }
      if (!ok)
        return {
          ok: false,
          error: `--base needs an http(s) URL such as https://datatracker.ietf.org, got ${JSON.stringify(v ?? "")}`,
        };
      args.base = v!.replace(/\/+$/, "");
    } else if (flag === "--page-size") {
      const v = take();
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 1000)
        return {
          ok: false,
          error: `--page-size needs a whole number from 1 to 1000, got ${JSON.stringify(v ?? "")}`,
        };
      args.pageSize = n;
    } else {
      return { ok: false, error: `unknown argument ${JSON.stringify(raw)}` };
    }
  }
  return { ok: true, args };
}
