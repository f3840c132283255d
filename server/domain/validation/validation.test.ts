import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  checkDayRange,
  decodeCursor,
  decodeSegment,
  encodeCursor,
  fieldErrorsOf,
  isCalendarDay,
  parseIdSegment,
  showBidiControls,
  zDay,
  zId,
  zKey,
  zText,
} from ".";

describe("zId", () => {
  it.each([
    [1, true],
    [2_147_483_647, true],
    [2_147_483_648, false],
    [0, false],
    [-1, false],
    [1.5, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
    ["1", false],
  ])("%s is accepted: %s", (v, ok) => {
    expect(zId().safeParse(v).success).toBe(ok);
  });
});

describe("parseIdSegment", () => {
  it.each([
    ["1", 1],
    ["2147483647", 2_147_483_647],
    ["2147483648", null],
    ["0", null],
    ["00012", 12],
    ["-3", null],
    ["1e3", null],
    ["", null],
    ["99999999999", null],
  ])("%j gives %j", (raw, id) => {
    expect(parseIdSegment(raw)).toBe(id);
  });
});

describe("zText", () => {
  const title = zText("the title", 10, 1);
  it.each([
    ["a\u0000b", false],
    ["a\uD800b", false],
    ["a\uDC00", false],
    ["\uD83D\uDE00 ok", true],
    ["", false],
    ["   ", false],
    ["12345678901", false],
  ])("%j is accepted: %s", (v, ok) => {
    expect(title.safeParse(v).success).toBe(ok);
  });

  it("normalises to NFC and removes bidi controls before measuring", () => {
    expect(title.parse(" e\u0301x\u202Egpj.exe ")).toBe("\u00e9xgpj.exe");
    expect(title.parse("\u2066a\u2069")).toBe("a");
  });

  it("names the field in its messages", () => {
    const r = title.safeParse("x".repeat(11));
    expect(r.error?.issues[0]?.message).toBe("Keep the title under 10 characters.");
    expect(title.safeParse("a\u0000").error?.issues[0]?.message).toMatch(/NUL/);
  });
});

describe("zKey", () => {
  it.each([
    ["title", true],
    ["__proto__", false],
    ["constructor", false],
    ["", false],
    ["a\u0000", false],
  ])("%j is accepted: %s", (k, ok) => {
    expect(zKey().safeParse(k).success).toBe(ok);
  });
});

describe("calendar days", () => {
  it.each([
    ["2024-02-29", true],
    ["2023-02-29", false],
    ["2020-02-31", false],
    ["2026-13-01", false],
    ["2026-00-10", false],
    ["2026-04-31", false],
    ["2026-12-31", true],
    ["0000-01-01", false],
    ["2026-1-1", false],
    ["not-a-date", false],
  ])("%s is a day: %s", (s, ok) => {
    expect(isCalendarDay(s)).toBe(ok);
    expect(zDay().safeParse(s).success).toBe(ok);
  });

  it("says in plain words what is wrong", () => {
    expect(zDay("The start date").safeParse("not-a-date").error?.issues[0]?.message).toBe(
      "The start date must be a date written YYYY-MM-DD, for example 2026-03-01.",
    );
    expect(zDay("The end date").safeParse("2020-02-31").error?.issues[0]?.message).toBe(
      "The end date is not a day of the calendar.",
    );
  });
});

describe("cursors", () => {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  it("round-trips what the app writes", () => {
    const c = { c: "2026-03-01T10:00:00.000Z", id: 12, r: 4 };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
  });
  it.each([
    ["garbage", "garbage"],
    ["not base64url", "a b"],
    ["not JSON", Buffer.from("{").toString("base64url")],
    ["an id beyond int4", b64({ c: "2026-03-01T10:00:00Z", id: 2_147_483_648 })],
    ["a fractional id", b64({ c: "2026-03-01T10:00:00Z", id: 1.5 })],
    ["an impossible time", b64({ c: "2026-02-31T10:00:00Z", id: 1 })],
    ["a loose date", b64({ c: "March 1", id: 1 })],
    ["an extra key", b64({ c: "2026-03-01T10:00:00Z", id: 1, x: 1 })],
    ["a string readiness", b64({ c: "2026-03-01T10:00:00Z", id: 1, r: "1" })],
    ["a year before 1970", b64({ c: "0001-01-01T00:00:00Z", id: 1 })],
    ["an array", b64([1, 2])],
  ])("refuses %s", (_what, raw) => {
    expect(decodeCursor(raw)).toBeNull();
  });
});

describe("decodeSegment", () => {
  it.each([
    ["draft-ietf-suit-manifest", "draft-ietf-suit-manifest"],
    ["%E0%A4%A", null],
    ["%", null],
    ["a%00b", null],
    ["%ED%A0%80", null],
    ["caf%C3%A9", "café"],
    ["x".repeat(201), null],
  ])("%j gives %j", (raw, out) => {
    expect(decodeSegment(raw)).toBe(out);
  });
});

describe("fieldErrorsOf", () => {
  it("keeps keys that are Object.prototype names as plain entries", () => {
    const schema = z.object({
      toString: z.string(),
      constructor: z.string(),
      hasOwnProperty: z.string(),
    });
    const r = schema.safeParse({ toString: 1, constructor: 2, hasOwnProperty: 3 });
    const { fieldErrors, formErrors } = fieldErrorsOf(r.error!);
    expect(Object.keys(fieldErrors).sort()).toEqual([
      "[constructor]",
      "hasOwnProperty",
      "toString",
    ]);
    expect(fieldErrors.toString).toHaveLength(1);
    expect(formErrors).toEqual([]);
  });

  it("puts problems with the whole input in formErrors", () => {
    const r = z.object({ a: z.string() }).safeParse("x");
    expect(fieldErrorsOf(r.error!).formErrors).toHaveLength(1);
  });
});

describe("showBidiControls", () => {
  it("makes overrides visible instead of reordering the text", () => {
    expect(showBidiControls("invoice\u202Egpj.exe")).toBe("invoice⟨U+202E⟩gpj.exe");
    expect(showBidiControls("plain")).toBe("plain");
  });
});

describe("checkDayRange", () => {
  it.each([
    [{}, { ok: true }],
    [
      { from: "2026-01-01", to: "2026-12-31" },
      { ok: true, from: "2026-01-01", to: "2026-12-31" },
    ],
    [
      { from: "2026-12-31", to: "2026-01-01" },
      { ok: false, problems: ["The start date (2026-12-31) is after the end date (2026-01-01)."] },
    ],
    [
      { from: "not-a-date" },
      {
        ok: false,
        problems: ["The start date must be a date written YYYY-MM-DD, for example 2026-03-01."],
      },
    ],
    [
      { from: "2020-02-31", to: "x" },
      {
        ok: false,
        problems: [
          "The start date is not a day of the calendar.",
          "The end date must be a date written YYYY-MM-DD, for example 2026-03-01.",
        ],
      },
    ],
  ])("%j gives %j", (raw, out) => {
    expect(checkDayRange(raw)).toEqual(out);
  });
});
