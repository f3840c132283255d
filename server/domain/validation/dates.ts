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
