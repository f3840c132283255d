import { TRPCClientError } from "@trpc/client";

export interface FormErrors {
  message: string | null;
  fields: Record<string, string[] | undefined>;
}

/** Pull the field messages and a summary out of a tRPC error, for display beside fields. */
export function formErrors(err: unknown): FormErrors {
  if (err instanceof TRPCClientError) {
    const data = err.data as { fieldErrors?: Record<string, string[]> | null } | undefined;
    const fields = data?.fieldErrors ?? {};
    const hasFields = Object.values(fields).some((v) => v && v.length > 0);
    return {
      message: hasFields ? "Please correct the fields marked below." : err.message,
      fields,
    };
  }
  return {
    message: err instanceof Error ? err.message : "Something went wrong. Please try again.",
    fields: {},
  };
}
