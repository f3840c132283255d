import { DomainError } from "~/server/domain/errors";
import {
  MEETING_IMPORTANT_DATES,
  type ImportantDateDef,
  type ImportantDateSlug,
} from "~/server/domain/documents/vocabulary";

/**
 * A meeting's important dates (I-D cut-off, BoF request cut-offs, agenda
 * deadlines, ...) from the Datatracker's default offsets, relative to the first day
 * of the meeting.
 *
 * Dates are calendar days in UTC: the meeting start is reduced to its UTC date and
 * each result is UTC midnight of its day. IETF deadlines are announced in UTC, and
 * this keeps the result independent of the server's time zone.
 */

export interface ImportantDate {
  slug: ImportantDateSlug;
  name: string;
  /** Days relative to the first meeting day (negative = before the meeting). */
  offsetDays: number;
  /** UTC midnight of the day. */
  date: Date;
  /** The same day as `YYYY-MM-DD`. */
  day: string;
}

const DAY_MS = 86_400_000;

function assertValidDate(value: Date, what: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new DomainError("VALIDATION", `${what} is not a valid date.`, { [what]: String(value) });
  }
}

/** UTC midnight of the UTC calendar day containing `d`, in milliseconds. */
function utcDay(d: Date): number {
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/**
 * The important dates of a meeting starting on `meetingStart`, earliest first (ties
 * keep the vocabulary order). Only dates marked `used` unless `includeUnused`.
 * Throws a `VALIDATION` DomainError for an invalid date.
 */
export function importantDates(
  meetingStart: Date,
  options: { includeUnused?: boolean } = {},
): ImportantDate[] {
  assertValidDate(meetingStart, "meetingStart");
  const start = utcDay(meetingStart);
  const defs: readonly ImportantDateDef[] = MEETING_IMPORTANT_DATES;
  return defs
    .map((def, position) => ({ def, position }))
    .filter(({ def }) => options.includeUnused === true || def.used)
    .sort((a, b) => a.def.defaultOffsetDays - b.def.defaultOffsetDays || a.position - b.position)
    .map(({ def }) => {
      const date = new Date(start + def.defaultOffsetDays * DAY_MS);
      return {
        slug: def.slug as ImportantDateSlug,
        name: def.name,
        offsetDays: def.defaultOffsetDays,
        date,
        day: date.toISOString().slice(0, 10),
      };
    });
}

export interface Countdown {
  /** Whole UTC calendar days from `now` to `date`: positive ahead, negative passed, 0 today. */
  days: number;
  status: "upcoming" | "today" | "passed";
  /** "in 3 days", "tomorrow", "today", "yesterday", "5 days ago". */
  label: string;
}

/**
 * How far `date` is from `now`, counted in UTC calendar days (time of day is
 * ignored). Throws a `VALIDATION` DomainError for an invalid date.
 */
export function countdown(now: Date, date: Date): Countdown {
  assertValidDate(now, "now");
  assertValidDate(date, "date");
  const days = Math.round((utcDay(date) - utcDay(now)) / DAY_MS);
  if (days === 0) return { days, status: "today", label: "today" };
  if (days > 0) {
    return { days, status: "upcoming", label: days === 1 ? "tomorrow" : `in ${days} days` };
  }
  const ago = -days;
  return { days, status: "passed", label: ago === 1 ? "yesterday" : `${ago} days ago` };
}
