import type { z } from "zod";

/**
 * Field messages for forms. Keys are dotted paths into the input
 * (`recommendation.outcome.targetGroup`); problems with the input as a whole
 * go to `formErrors`.
 */
export interface FieldErrorDetails {
  fieldErrors: Record<string, string[]>;
  formErrors: string[];
}

/**
 * The one flattener of zod errors. Paths come from the caller's input, so a key
 * may be `toString`, `constructor` or `__proto__`: messages are gathered in a Map
 * and the result's keys are own properties only (`Object.fromEntries`), never
 * looked up on a prototype.
 */
export function fieldErrorsOf(error: z.ZodError): FieldErrorDetails {
  const fields = new Map<string, string[]>();
  const formErrors: string[] = [];
  for (const issue of error.issues) {
    if (issue.path.length === 0) {
      formErrors.push(issue.message);
      continue;
    }
    const key = fieldKey(issue.path.map(String).join("."));
    const list = fields.get(key);
    if (list) list.push(issue.message);
    else fields.set(key, [issue.message]);
  }
  return { fieldErrors: Object.fromEntries(fields), formErrors };
}

/** One line for a message: the first few problems, each with its path. */
export function summariseIssues(error: z.ZodError, max = 5): string {
  return error.issues
    .slice(0, max)
    .map((i) => (i.path.length ? `${i.path.map(String).join(".")}: ${i.message}` : i.message))
    .join("; ");
}

/**
 * Names the response serialiser refuses as object keys (a prototype-pollution
 * guard); a field path equal to one of them is sent as `[name]` instead.
 */
const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export function fieldKey(path: string): string {
  return RESERVED_KEYS.has(path) ? `[${path}]` : path;
}
