import { z } from "zod";

/** The largest value of a PostgreSQL `integer` (int4), which every id column is. */
export const INT4_MAX = 2_147_483_647;

/** A row id (issue, person, session, grant...): a whole number from 1 to 2^31 − 1. */
export function zId(what = "The id") {
  return z
    .number({ error: `${what} must be a number.` })
    .int({ error: `${what} must be a whole number.` })
    .min(1, { error: `${what} must be 1 or more.` })
    .max(INT4_MAX, { error: `${what} is too large.` });
}

/** An optimistic-concurrency version: the same range as an id. */
export const zVersion = () => zId("The version");

/** A whole number in [min, max], for counts, limits, offsets and meeting numbers. */
export function zInt(what: string, min: number, max: number) {
  return z
    .number({ error: `${what} must be a number.` })
    .int({ error: `${what} must be a whole number.` })
    .min(min, { error: `${what} must be at least ${min}.` })
    .max(max, { error: `${what} must be at most ${max.toLocaleString("en")}.` });
}

/** An id as it arrives in a URL segment or search param: 1 to 10 digits within int4. */
export function parseIdSegment(raw: string | undefined | null): number | null {
  if (!raw || !/^[0-9]{1,10}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 && n <= INT4_MAX ? n : null;
}
