import { describe, expect, it } from "vitest";
import { contentDisposition, wantsDownload } from "./content-disposition";

describe("contentDisposition", () => {
  it.each([
    ["inline", "ietf-131-iotops-agenda.txt", 'inline; filename="ietf-131-iotops-agenda.txt"'],
    ["attachment", "agenda.md", 'attachment; filename="agenda.md"'],
    ["attachment", 'a"b\r\nSet-Cookie: x.txt', 'attachment; filename="a-b-Set-Cookie-x.txt"'],
    ["attachment", "../../etc/passwd", 'attachment; filename="etc-passwd"'],
    ["attachment", "", 'attachment; filename="download"'],
    ["attachment", "x".repeat(500), `attachment; filename="${"x".repeat(120)}"`],
  ] as const)("%s %j", (mode, name, header) => {
    expect(contentDisposition(mode, name)).toBe(header);
  });
});

describe("wantsDownload", () => {
  it.each([
    ["/a.txt", false],
    ["/a.txt?download", true],
    ["/a.txt?download=1", true],
    ["/a.txt?download=TRUE", true],
    ["/a.txt?download=0", false],
    ["/a.txt?download=no", false],
    ["/a.txt?other=1", false],
  ])("%s -> %s", (path, want) => {
    expect(wantsDownload(new URL(path, "http://x"))).toBe(want);
  });
});
