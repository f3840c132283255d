import { describe, expect, it } from "vitest";
import { parseApiTime, parsePage, uriKey, uriPk, URI } from "./tastypie";

const meta = { limit: 20, offset: 0, next: null, previous: null, total_count: 1 };

describe("parsePage", () => {
  it.each<[string, unknown, ReturnType<typeof parsePage>]>([
    [
      "a page",
      { meta: { ...meta, next: "/api/v1/group/group/?offset=20" }, objects: [{ id: 1 }] },
      {
        ok: true,
        objects: [{ id: 1 }],
        meta: {
          limit: 20,
          offset: 0,
          totalCount: 1,
          next: "/api/v1/group/group/?offset=20",
          previous: null,
        },
      },
    ],
    ["an array", [], { ok: false, problem: "expected a JSON object, got an array" }],
    ["no meta", { objects: [] }, { ok: false, problem: '"meta" must be an object, got nothing' }],
    [
      "objects not a list",
      { meta, objects: {} },
      { ok: false, problem: '"objects" must be an array, got an object' },
    ],
    [
      "negative offset",
      { meta: { ...meta, offset: -1 }, objects: [] },
      { ok: false, problem: '"meta.offset" must be a non-negative integer, got number -1' },
    ],
    [
      "total_count as text",
      { meta: { ...meta, total_count: "3" }, objects: [] },
      { ok: false, problem: '"meta.total_count" must be a non-negative integer, got "3"' },
    ],
    [
      "next as a number",
      { meta: { ...meta, next: 2 }, objects: [] },
      { ok: false, problem: '"meta.next" must be a URL or null, got number 2' },
    ],
  ])("%s", (_what, body, expected) => {
    expect(parsePage(body)).toEqual(expected);
  });
});

describe("resource URIs", () => {
  it.each<[unknown, string, string | null]>([
    ["/api/v1/group/group/2291/", URI.group, "2291"],
    ["https://datatracker.ietf.org/api/v1/group/group/2291/", URI.group, "2291"],
    ["/api/v1/group/group/2291", URI.group, "2291"],
    ["/api/v1/person/email/a%40b.example/", URI.email, "a@b.example"],
    ["/api/v1/person/email/a@b.example/", URI.email, "a@b.example"],
    ["/api/v1/doc/document/draft-ietf-suit-manifest/", URI.document, "draft-ietf-suit-manifest"],
    ["/api/v1/doc/state/1/", URI.group, null],
    ["/api/v1/group/group/", URI.group, null],
    ["/api/v1/group/group/1/extra/", URI.group, null],
    [2291, URI.group, null],
    [null, URI.group, null],
  ])("uriKey(%j) under %s is %j", (value, prefix, key) => {
    expect(uriKey(value, prefix)).toBe(key);
  });

  it.each<[unknown, number | null]>([
    ["/api/v1/group/group/12/", 12],
    ["/api/v1/group/group/iotops/", null],
    ["/api/v1/group/group/12345678901/", null],
  ])("uriPk(%j) is %j", (value, pk) => {
    expect(uriPk(value, URI.group)).toBe(pk);
  });
});

describe("parseApiTime", () => {
  it.each<[unknown, string | null]>([
    ["2026-01-05T09:00:00", "2026-01-05T09:00:00.000Z"],
    ["2026-01-05T09:00:00.123456", "2026-01-05T09:00:00.123Z"],
    ["2026-01-05 09:00:00", "2026-01-05T09:00:00.000Z"],
    ["2026-01-05T09:00:00+02:00", "2026-01-05T07:00:00.000Z"],
    ["2026-01-05T09:00:00Z", "2026-01-05T09:00:00.000Z"],
    ["2026-01-05", null],
    ["yesterday", null],
    [1_700_000_000, null],
    [null, null],
  ])("%j is %j", (value, iso) => {
    expect(parseApiTime(value)).toBe(iso);
  });
});
