/**
 * Agenda ordering and export, in the style of IETF session agendas.
 * Items that met the I-D cut-off come first; late items are marked.
 */
import { DISPATCH_GROUP } from "../permissions/actor";
import { showBidiControls } from "../validation/text";
import { importantDates } from "./important-dates";

/**
 * Whether a group's session may discuss (and minute) a dispatch issue: the
 * dispatch group's own sessions, or the sessions of the group the issue's
 * recommendation sends it to. Another group's chairs cannot write minutes into
 * an issue's timeline by putting it on their agenda.
 */
export function sessionMayDiscuss(sessionGroup: string, targetGroup: string | null): boolean {
  return sessionGroup === DISPATCH_GROUP || (targetGroup !== null && sessionGroup === targetGroup);
}

/**
 * Contributor text as inert Markdown on one line: HTML is escaped as entities,
 * Markdown punctuation is backslash-escaped, line breaks become spaces, and
 * bidi controls are shown visibly.
 */
export function markdownText(s: string): string {
  return showBidiControls(s)
    .replace(/[\r\n]+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`);
}

/** Contributor text for the plain-text export: one line, bidi controls shown visibly. */
function plainText(s: string): string {
  return showBidiControls(s).replace(/[\r\n]+/g, " ");
}

export interface AgendaEntry {
  id: number;
  issueId: number;
  title: string;
  presenter: string;
  minutesRequested: number;
  position: number;
  /** When the item was put on the agenda. */
  addedAt: Date;
}

export interface SessionInfo {
  meetingNumber: number;
  meetingStart: string;
  venue: string;
  timeZone: string;
  group: string;
  groupName: string;
  /** The session's time as it reads (`describeSessionTime`), or empty when to be announced. */
  startsAt: string;
  room: string;
}

/** Typical dispatch slot: about five minutes of presentation, the rest discussion. */
export const PRESENTATION_MINUTES = 5;

/** The I-D cut-off for a meeting starting on `meetingStart` (YYYY-MM-DD). */
export function agendaCutoff(meetingStart: string): Date {
  const cutoff = importantDates(new Date(`${meetingStart}T00:00:00Z`)).find(
    (d) => d.slug === "idcutoff",
  );
  if (!cutoff) throw new Error("the vocabulary has no I-D cut-off date");
  // The cut-off day itself still counts as on time.
  return new Date(cutoff.date.getTime() + 86_400_000);
}

export function isLate(entry: Pick<AgendaEntry, "addedAt">, meetingStart: string): boolean {
  return entry.addedAt.getTime() >= agendaCutoff(meetingStart).getTime();
}

/** On-time items first, each group in the chairs' order. */
export function orderAgenda<T extends AgendaEntry>(entries: readonly T[], meetingStart: string) {
  const cutoff = agendaCutoff(meetingStart).getTime();
  return entries
    .map((e) => ({ ...e, late: e.addedAt.getTime() >= cutoff }))
    .sort((a, b) => Number(a.late) - Number(b.late) || a.position - b.position || a.id - b.id);
}

function totalMinutes(entries: readonly AgendaEntry[]): number {
  return entries.reduce((n, e) => n + e.minutesRequested, 0);
}

export function agendaMarkdown(
  session: SessionInfo,
  entries: readonly AgendaEntry[],
  baseUrl: string,
): string {
  const items = orderAgenda(entries, session.meetingStart);
  const lines = [
    `# ${markdownText(session.groupName)} (${session.group.toUpperCase()}) agenda, IETF ${session.meetingNumber}`,
    "",
    `- Session: ${session.startsAt ? markdownText(session.startsAt) : "time to be announced"} (${session.timeZone})${session.room ? `, ${markdownText(session.room)}` : ""}`,
    `- Venue: ${markdownText(session.venue)}`,
    `- Total requested: ${totalMinutes(entries)} minutes`,
    "",
    "## Dispatch items",
    "",
  ];
  if (items.length === 0) lines.push("No items yet.");
  items.forEach((e, i) => {
    lines.push(
      `${i + 1}. **${markdownText(e.title)}** ([#${e.issueId}](${baseUrl.replace(/\/$/, "")}/issues/${e.issueId})) — ${e.presenter ? markdownText(e.presenter) : "presenter to be confirmed"}, ${e.minutesRequested} min (${Math.min(PRESENTATION_MINUTES, e.minutesRequested)} presenting)${e.late ? " — *late: added after the I-D cut-off*" : ""}`,
    );
  });
  return lines.join("\n") + "\n";
}

export function agendaText(session: SessionInfo, entries: readonly AgendaEntry[]): string {
  const items = orderAgenda(entries, session.meetingStart);
  const head = [
    `${plainText(session.groupName)} (${session.group.toUpperCase()})`,
    `IETF ${session.meetingNumber} - ${plainText(session.venue)}`,
    `${session.startsAt ? plainText(session.startsAt) : "Time to be announced"} ${session.timeZone}${session.room ? ` - ${plainText(session.room)}` : ""}`,
    "",
    "Agenda",
    "",
  ];
  const body = items.map((e, i) => {
    const n = String(i + 1).padStart(2, " ");
    const mins = `${e.minutesRequested} min`.padStart(7, " ");
    return `${n}. ${mins}  ${plainText(e.title)} (#${e.issueId})\n              ${e.presenter ? plainText(e.presenter) : "Presenter TBC"}${e.late ? "  [LATE]" : ""}`;
  });
  return [
    ...head,
    ...(body.length ? body : ["   No items yet."]),
    "",
    `Total: ${totalMinutes(entries)} min`,
    "",
  ].join("\n");
}
