import { z } from "zod";

const DAY_FORMAT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD (so `2020-02-31` is false). */
export function isCalendarDay(s: string): boolean {
  const m = DAY_FORMAT.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A calendar day, `YYYY-MM-DD`, that exists. `what` names the field in messages. */
export function zDay(what = "The date") {
  return z
    .string({ error: `${what} must be a date written YYYY-MM-DD.` })
    .max(10, { error: `${what} must be a date written YYYY-MM-DD, for example 2026-03-01.` })
    .refine((s) => DAY_FORMAT.test(s), {
      message: `${what} must be a date written YYYY-MM-DD, for example 2026-03-01.`,
      abort: true,
    })
    .refine(isCalendarDay, { message: `${what} is not a day of the calendar.` });
}

/**
 * A date range from untrusted text (a page's search params): each end checked
 * with `zDay`, and the start on or before the end. Returns the range when all is
 * well, or plain-English problems (never a schema dump) for the page to show.
 */
export function checkDayRange(raw: {
  from?: string;
  to?: string;
}): { ok: true; from?: string; to?: string } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const from = raw.from === undefined ? undefined : zDay("The start date").safeParse(raw.from);
  const to = raw.to === undefined ? undefined : zDay("The end date").safeParse(raw.to);
  for (const r of [from, to]) if (r && !r.success) problems.push(r.error.issues[0]!.message);
  if (problems.length) return { ok: false, problems };
  const f = from?.data;
  const t = to?.data;
  if (f && t && f > t)
    return { ok: false, problems: [`The start date (${f}) is after the end date (${t}).`] };
  return { ok: true, from: f, to: t };
}
