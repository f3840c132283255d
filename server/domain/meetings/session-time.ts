import { z } from "zod";

/**
 * Session times. A session starts at an instant (stored as `timestamptz`) and
 * lasts a number of minutes. People enter and read the start as a wall-clock
 * time in the meeting's IANA time zone; these pure functions convert between
 * the two without any library, using the platform's time-zone data.
 */

export const SESSION_MIN_MINUTES = 15;
export const SESSION_MAX_MINUTES = 600;
export const DEFAULT_SESSION_MINUTES = 60;

/** `YYYY-MM-DDTHH:MM` (as a `datetime-local` input sends it) or with a space; seconds optional. */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Local wall-clock parts of `instant` in `timeZone`. */
function partsIn(instant: Date, timeZone: string) {
  const f = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const get = (type: string) =>
    Number(f.formatToParts(instant).find((p) => p.type === type)?.value ?? NaN);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
  };
}

/** Milliseconds `timeZone` is ahead of UTC at `instant`. */
function offsetAt(instant: Date, timeZone: string): number {
  const p = partsIn(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant a wall-clock time in `timeZone` names, or null when the text is
 * not a real local time there (bad format, a day that does not exist, or a time
 * skipped by a daylight-saving change). An ambiguous time (clocks going back)
 * is read as the earlier of the two instants.
 */
export function localToInstant(local: string, timeZone: string): Date | null {
  const m = LOCAL.exec(local.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(wall).getUTCDate() !== d) return null;
  try {
    // Try the offsets in force a day either side; keep those that give this wall time.
    const candidates = [wall - 86_400_000, wall + 86_400_000]
      .map((t) => wall - offsetAt(new Date(t), timeZone))
      .filter((t) => instantToLocal(new Date(t), timeZone) === formatWall(wall));
    if (candidates.length === 0) return null;
    return new Date(Math.min(...candidates));
  } catch {
    return null;
  }
}

function formatWall(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace("T", " ");
}

/** `YYYY-MM-DD HH:MM` of `instant` in `timeZone`. */
export function instantToLocal(instant: Date, timeZone: string): string {
  const p = partsIn(instant, timeZone);
  return formatWall(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute));
}

/** How a session's time reads on pages and agendas: `2026-03-16 09:30–11:00`, or the old note. */
export function describeSessionTime(s: {
  startsAt: Date | null;
  durationMinutes: number;
  timeNote: string;
  timeZone: string;
}): string {
  if (!s.startsAt) return s.timeNote ? `${s.timeNote} (to be confirmed)` : "";
  const start = instantToLocal(s.startsAt, s.timeZone);
  const end = instantToLocal(
    new Date(s.startsAt.getTime() + s.durationMinutes * 60_000),
    s.timeZone,
  );
  return `${start}–${end.slice(0, 10) === start.slice(0, 10) ? end.slice(11) : end}`;
}

/** A session's start as typed in a form: empty (to be announced) or a local date and time. */
export const ZSessionStart = z
  .string()
  .max(40, "Give the start as a date and time, for example 2026-03-16 09:30.")
  .refine((s) => s.trim() === "" || LOCAL.test(s.trim()), {
    message: "Give the start as a date and time, for example 2026-03-16 09:30.",
  });

export const ZSessionMinutes = z
  .number({ error: "Give the length in minutes." })
  .int("Give the length in whole minutes.")
  .min(SESSION_MIN_MINUTES, `A session lasts at least ${SESSION_MIN_MINUTES} minutes.`)
  .max(SESSION_MAX_MINUTES, `A session lasts at most ${SESSION_MAX_MINUTES} minutes.`);
