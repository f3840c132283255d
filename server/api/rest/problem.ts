import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { ZodError } from "zod";
import { isDomainError } from "~/server/domain/errors";
import { fieldErrorsOf, summariseIssues } from "~/server/domain/validation/field-errors";
import {
  isStorageFull,
  reportFailure,
  STORAGE_FULL_MESSAGE,
  UNAVAILABLE_MESSAGE,
} from "../../availability";
import { toTRPCError } from "../errors";

/**
 * Errors of the public API as RFC 9457 problem details. The status comes from the
 * domain error code through the one mapping in server/api/errors.ts (domain code →
 * tRPC code) and tRPC's own code → HTTP status table, so REST and tRPC answer a
 * refusal with the same status.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** The domain error code (`NOT_FOUND`, `VALIDATION`, …) when there is one. */
  code?: string;
  /** Messages per input field, for a refused input. */
  fieldErrors?: Record<string, string[]>;
  requestId?: string;
}

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  422: "Unprocessable content",
  429: "Too many requests",
  500: "Internal server error",
  503: "Service unavailable",
};

export function problemResponse(
  p: Omit<Problem, "type" | "title"> & { title?: string },
  headers: Record<string, string> = {},
): Response {
  const body: Problem = {
    type: "about:blank",
    title: p.title ?? TITLES[p.status] ?? "Error",
    ...p,
  };
  return new Response(JSON.stringify(body), {
    status: p.status,
    headers: { "content-type": PROBLEM_CONTENT_TYPE, "cache-control": "no-store", ...headers },
  });
}

/** The problem for an error thrown by a router call (or by parsing the request). */
export function problemOf(err: unknown, requestId: string): Omit<Problem, "type" | "title"> {
  const e = asTRPCError(err);
  if (e.code === "INTERNAL_SERVER_ERROR") {
    console.error(`[api] request ${requestId} failed:`, e.cause ?? e);
    return {
      status: 500,
      detail: `Something went wrong on our side. Please try again. (request ${requestId})`,
      requestId,
    };
  }
  const cause = e.cause;
  const zod = cause instanceof ZodError ? cause : null;
  const domain = isDomainError(cause) ? cause : null;
  const domainFields = domain?.details?.fieldErrors;
  const fieldErrors = zod
    ? fieldErrorsOf(zod).fieldErrors
    : domainFields && typeof domainFields === "object"
      ? (domainFields as Record<string, string[]>)
      : undefined;
  return {
    status: getHTTPStatusCodeFromError(e),
    detail: zod ? summariseIssues(zod) : e.message,
    code: domain?.code ?? (zod ? "VALIDATION" : undefined),
    ...(fieldErrors && Object.keys(fieldErrors).length ? { fieldErrors } : {}),
    requestId,
  };
}

function asTRPCError(err: unknown): TRPCError {
  if (err instanceof TRPCError) return err;
  if (isDomainError(err)) return toTRPCError(err);
  if (err instanceof ZodError) return new TRPCError({ code: "BAD_REQUEST", cause: err });
  if (reportFailure(err))
    return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: UNAVAILABLE_MESSAGE });
  if (isStorageFull(err))
    return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: STORAGE_FULL_MESSAGE });
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: err });
}
