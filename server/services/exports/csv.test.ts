import { describe, expect, it } from "vitest";
import { neutraliseCell, toCsv } from "./csv";
import { safeFilename } from "./download";

describe("neutraliseCell", () => {
  it.each([
    // [value, cell as written]
    ["=1+2", "'=1+2"],
    ["+1 555 0100", "'+1 555 0100"],
    ["-5", "'-5"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\t=cmd", "'\t=cmd"],
    ["\r=cmd", "'\r=cmd"],
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ["a=b", "a=b"],
    [" =1", " =1"],
    ["draft-ietf-iotops-mud-rats", "draft-ietf-iotops-mud-rats"],
    ["", ""],
    [null, ""],
    [undefined, ""],
    [-5, -5],
    [42, 42],
    [true, true],
    [new Date("2026-03-16T02:30:00Z"), "2026-03-16T02:30:00.000Z"],
  ])("%j is written %j", (value, expected) => {
    expect(neutraliseCell(value)).toEqual(expected);
  });
});

describe("toCsv", () => {
  const columns = [
    { header: "Number", value: (r: { n: number; t: string }) => r.n },
    { header: "Title", value: (r: { n: number; t: string }) => r.t },
  ];

  it.each([
    // [title, line as written]
    ["Plain", "7,Plain"],
    ["Comma, inside", '7,"Comma, inside"'],
    ['Say "hi"', '7,"Say ""hi"""'],
    ["Two\nlines", '7,"Two\nlines"'],
    ["=2*3", "7,'=2*3"],
    ['=1,"x"', `7,"'=1,""x"""`],
  ])("quotes %j as %j", (title, line) => {
    expect(toCsv(columns, [{ n: 7, t: title }])).toBe(`Number,Title\r\n${line}\r\n`);
  });

  it("writes just the header for no rows", () => {
    expect(toCsv(columns, [])).toBe("Number,Title\r\n");
  });
});

describe("safeFilename", () => {
  it.each([
    ["issues", "csv", "issues.csv"],
    ["IETF 131 Dates", "ics", "ietf-131-dates.ics"],
    ['a"b\r\nc;d', "csv", "a-b-c-d.csv"],
    ["../../etc/passwd", "json", "..-..-etc-passwd.json"],
    ["", "csv", "export.csv"],
  ])("%j.%s is %j", (stem, ext, expected) => {
    expect(safeFilename(stem, ext)).toBe(expected);
  });
});
