import { z } from "zod";
import { fail, type Result } from "~/server/domain/errors";
import { fieldErrorsOf, type FieldErrorDetails } from "~/server/domain/validation/field-errors";

export { fieldErrorsOf, type FieldErrorDetails } from "~/server/domain/validation/field-errors";
export { optionalText, requiredText } from "~/server/domain/validation/text";

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
