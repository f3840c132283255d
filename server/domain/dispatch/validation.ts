import { z } from "zod";
import { fail, type Result } from "~/server/domain/errors";
import { safeString } from "~/server/domain/validation/text";
import { fieldErrorsOf, type FieldErrorDetails } from "~/server/domain/validation/field-errors";

export { fieldErrorsOf, type FieldErrorDetails } from "~/server/domain/validation/field-errors";

/** A VALIDATION failure carrying `details.fieldErrors` (and `details.formErrors`). */
export function validationFailure<T = never>(
  message: string,
  details: FieldErrorDetails,
  extra?: Record<string, unknown>,
): Result<T> {
  return fail<T>("VALIDATION", message, { ...extra, ...details });
}

/** Parses with a zod schema and turns a failure into a VALIDATION result. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  message: string,
  extra?: Record<string, unknown>,
): Result<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return validationFailure(message, fieldErrorsOf(parsed.error), extra);
}

/** Required free text: trimmed, non-empty, bounded. */
export function requiredText(field: string, max = 10_000) {
  return safeString({ error: `${field} is required.` })
    .trim()
    .min(1, { error: `${field} is required.` })
    .max(max, { error: `${field} must be at most ${formatCount(max)} characters.` });
}

/** Optional free text: trimmed and bounded; blank becomes `undefined`. */
export function optionalText(field: string, max = 10_000) {
  return safeString({ error: `${field} must be text.` })
    .trim()
    .max(max, { error: `${field} must be at most ${formatCount(max)} characters.` })
    .optional()
    .transform((v) => (v === undefined || v === "" ? undefined : v));
}

function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
