import type { z } from "zod";
import { fieldErrorsOf } from "~/server/domain/dispatch/validation";
import type { FormErrors } from "../../_components/form-errors";

/** Field messages from the server (router paths start at `command.`) or from the client. */
export function fieldError(fields: FormErrors["fields"], path: string): string[] | undefined {
  return fields[`command.${path}`] ?? fields[path];
}

/**
 * Build a payload through the same zod schema the server applies, so a form
 * sends only what the server would accept and shows the same messages beside
 * its fields when it would not. `prefix` places the messages under the
 * payload's path (e.g. `recommendation`).
 */
export function parsePayload<S extends z.ZodType>(
  schema: S,
  candidate: unknown,
  prefix = "",
): { ok: true; data: z.output<S> } | { ok: false; fields: FormErrors["fields"] } {
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return { ok: true, data: parsed.data };
  const { fieldErrors } = fieldErrorsOf(parsed.error);
  const fields: FormErrors["fields"] = {};
  for (const [k, v] of Object.entries(fieldErrors)) fields[prefix ? `${prefix}.${k}` : k] = v;
  return { ok: false, fields };
}

export const CORRECT_FIELDS = "Please correct the fields marked below.";
