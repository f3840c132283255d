import { z } from "zod";
import { fail, type Result } from "~/server/domain/errors";

/**
 * Field messages for forms. Keys are dotted paths into the input
 * (`recommendation.outcome.targetGroup`); problems with the input as a whole
 * go to `formErrors`.
 */
export interface FieldErrorDetails {
  fieldErrors: Record<string, string[]>;
  formErrors: string[];
}

export function fieldErrorsOf(error: z.ZodError): FieldErrorDetails {
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const issue of error.issues) {
    if (issue.path.length === 0) {
      formErrors.push(issue.message);
      continue;
    }
    const key = issue.path.map(String).join(".");
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { fieldErrors, formErrors };
}

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
  return z
    .string({ error: `${field} is required.` })
    .trim()
    .min(1, { error: `${field} is required.` })
    .max(max, { error: `${field} must be at most ${formatCount(max)} characters.` });
}

/** Optional free text: trimmed and bounded; blank becomes `undefined`. */
export function optionalText(field: string, max = 10_000) {
  return z
    .string({ error: `${field} must be text.` })
    .trim()
    .max(max, { error: `${field} must be at most ${formatCount(max)} characters.` })
    .optional()
    .transform((v) => (v === undefined || v === "" ? undefined : v));
}

function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
