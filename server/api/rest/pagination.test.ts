import { describe, expect, it } from "vitest";
import { DomainError } from "~/server/domain/errors";
import { decodeOffset, encodeOffset, slicePage } from "./pagination";

describe("offset cursors", () => {
  it.each([0, 1, 50, 100_000])("round-trips offset %i", (o) => {
    expect(decodeOffset(encodeOffset(o))).toBe(o);
  });

  it.each([
    ["not base64url", "///"],
    ["not JSON", Buffer.from("nope").toString("base64url")],
    ["a negative offset", Buffer.from('{"o":-1}').toString("base64url")],
    ["a huge offset", Buffer.from('{"o":100001}').toString("base64url")],
    ["a fraction", Buffer.from('{"o":1.5}').toString("base64url")],
    ["an extra key", Buffer.from('{"o":1,"x":2}').toString("base64url")],
    ["a keyset cursor", Buffer.from('{"c":"2020-01-01T00:00:00Z","id":1}').toString("base64url")],
    ["__proto__", Buffer.from('{"__proto__":{"o":1}}').toString("base64url")],
    ["too long", "A".repeat(201)],
  ])("refuses %s as a VALIDATION error", (_what, raw) => {
    expect(() => decodeOffset(raw)).toThrowError(DomainError);
    try {
      decodeOffset(raw);
    } catch (e) {
      expect((e as DomainError).code).toBe("VALIDATION");
    }
  });

  it("pages through a list with no repeats and a null cursor at the end", () => {
    const all = Array.from({ length: 11 }, (_, i) => i);
    const seen: number[] = [];
    let cursor: string | undefined;
    for (let n = 0; n < 10; n++) {
      const p = slicePage(all, { cursor, limit: 4 });
      seen.push(...p.items);
      if (!p.nextCursor) break;
      cursor = p.nextCursor;
    }
    expect(seen).toEqual(all);
    expect(slicePage(all, { limit: 11 }).nextCursor).toBeNull();
    expect(slicePage([], {}).items).toEqual([]);
  });
});
