import { describe, expect, it } from "vitest";
import { parseSyncArgs } from "./sync-datatracker-args";

describe("npm run sync:datatracker arguments", () => {
  it.each<[string[], { since: string | null; base: string | null; pageSize: number | null }]>([
    [[], { since: null, base: null, pageSize: null }],
    [
      ["--base", "http://127.0.0.1:3790/"],
      { since: null, base: "http://127.0.0.1:3790", pageSize: null },
    ],
    [["--since=2026-11-01"], { since: "2026-11-01T00:00:00.000Z", base: null, pageSize: null }],
    [
      ["--since", "2026-11-01T08:30:00"],
      { since: "2026-11-01T08:30:00.000Z", base: null, pageSize: null },
    ],
    [
      ["--since", "2026-11-01T08:30:00+01:00"],
      { since: "2026-11-01T07:30:00.000Z", base: null, pageSize: null },
    ],
    [["--page-size", "500"], { since: null, base: null, pageSize: 500 }],
  ])("%j", (argv, args) => {
    expect(parseSyncArgs(argv)).toEqual({ ok: true, args });
  });

  it.each<[string[], RegExp]>([
    [["--since", "yesterday"], /--since needs an ISO-8601 date/],
    [["--since"], /--since needs an ISO-8601 date or time such as 2026-11-01T00:00:00Z, got ""/],
    [["--base", "ftp://example.org"], /--base needs an http\(s\) URL/],
    [["--base", "datatracker"], /--base needs an http\(s\) URL/],
    [["--page-size", "0"], /--page-size needs a whole number from 1 to 1000/],
    [["--page-size", "2.5"], /--page-size needs a whole number/],
    [["--full"], /unknown argument "--full"/],
  ])("refuses %j", (argv, message) => {
    const r = parseSyncArgs(argv);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});
