import { describe, expect, it } from "vitest";
import {
  agendaCutoff,
  agendaMarkdown,
  agendaText,
  isLate,
  orderAgenda,
  sessionMayDiscuss,
  type AgendaEntry,
} from "./agenda";

const session = {
  meetingNumber: 126,
  meetingStart: "2026-07-18",
  venue: "Vienna",
  timeZone: "Europe/Vienna",
  group: "iotops",
  groupName: "IOT Operations",
  startsAt: "2026-07-20 09:30",
  room: "Room 1",
};
const entry = (
  id: number,
  position: number,
  addedAt: string,
  extra: Partial<AgendaEntry> = {},
): AgendaEntry => ({
  id,
  issueId: 100 + id,
  title: `Item ${id}`,
  presenter: `Presenter ${id}`,
  minutesRequested: 10,
  position,
  addedAt: new Date(addedAt),
  ...extra,
});

describe("agenda", () => {
  it("puts the I-D cut-off twelve days before the meeting, the day itself still on time", () => {
    // 2026-07-18 minus 12 days = 2026-07-06; late from 2026-07-07 00:00 UTC.
    expect(agendaCutoff("2026-07-18").toISOString()).toBe("2026-07-07T00:00:00.000Z");
  });

  it.each([
    ["2026-07-01T10:00:00Z", false],
    ["2026-07-06T23:59:00Z", false],
    ["2026-07-07T00:00:00Z", true],
    ["2026-07-15T08:00:00Z", true],
  ])("an item added at %s is late: %s", (addedAt, late) => {
    expect(isLate({ addedAt: new Date(addedAt) }, "2026-07-18")).toBe(late);
  });

  it("orders on-time items first, then by the chairs' order", () => {
    const ordered = orderAgenda(
      [
        entry(1, 1, "2026-07-10T00:00:00Z"),
        entry(2, 2, "2026-07-01T00:00:00Z"),
        entry(3, 3, "2026-07-02T00:00:00Z"),
        entry(4, 0, "2026-07-12T00:00:00Z"),
      ],
      "2026-07-18",
    );
    expect(ordered.map((e) => [e.id, e.late])).toEqual([
      [2, false],
      [3, false],
      [4, true],
      [1, true],
    ]);
  });

  it("exports Markdown with links, presenters, minutes and late marks", () => {
    const md = agendaMarkdown(
      session,
      [entry(1, 1, "2026-07-10T00:00:00Z"), entry(2, 2, "2026-07-01T00:00:00Z")],
      "https://d.example/",
    );
    expect(md).toContain("# IOT Operations (IOTOPS) agenda, IETF 126");
    expect(md).toContain(
      "1. **Item 2** ([#102](https://d.example/issues/102)) — Presenter 2, 10 min (5 presenting)",
    );
    expect(md).toContain("2. **Item 1** ([#101](https://d.example/issues/101))");
    expect(md).toMatch(/Item 1.*late: added after the I-D cut-off/);
    expect(md).toContain("Total requested: 20 minutes");
  });

  it("exports plain text in the IETF agenda style", () => {
    const txt = agendaText(session, [
      entry(1, 1, "2026-07-01T00:00:00Z", { minutesRequested: 15 }),
    ]);
    expect(txt.split("\n")[0]).toBe("IOT Operations (IOTOPS)");
    expect(txt).toContain(" 1.  15 min  Item 1 (#101)");
    expect(txt).toContain("Total: 15 min");
    expect(txt).not.toContain("[LATE]");
    expect(agendaText(session, [])).toContain("No items yet.");
  });
});

describe("contributor text in the exports", () => {
  const hostile = entry(1, 1, "2026-07-01T00:00:00Z", {
    title: '<img src=x onerror="alert(1)"> [click](javascript:alert(2)) **bold**',
    presenter: "<script>alert(3)</script>",
  });

  it("escapes HTML and Markdown in the Markdown export", () => {
    const md = agendaMarkdown(session, [hostile], "https://d.example/");
    expect(md).not.toContain("<img");
    expect(md).not.toContain("<script");
    expect(md).toContain('&lt;img src=x onerror="alert(1)"&gt;');
    expect(md).toContain("\\[click\\](javascript:alert(2))");
    expect(md).toContain("\\*\\*bold\\*\\*");
    expect(md).toContain("&lt;script&gt;alert(3)&lt;/script&gt;");
  });

  it("shows bidi overrides as visible markers in both exports", () => {
    const spoof = entry(2, 2, "2026-07-01T00:00:00Z", { title: "invoice\u202Egpj.exe" });
    expect(agendaMarkdown(session, [spoof], "https://d.example/")).toContain(
      "invoice⟨U+202E⟩gpj.exe",
    );
    expect(agendaText(session, [spoof])).toContain("invoice⟨U+202E⟩gpj.exe");
  });
});

describe("sessionMayDiscuss", () => {
  it.each([
    ["iotops", null, true],
    ["iotops", "suit", true],
    ["suit", null, false],
    ["suit", "suit", true],
    ["suit", "anima", false],
  ] as const)("a %s session, issue recommended to %s: %s", (group, target, ok) => {
    expect(sessionMayDiscuss(group, target)).toBe(ok);
  });
});
