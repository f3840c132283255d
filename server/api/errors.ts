import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { isDomainError, type DomainError, type DomainErrorCode } from "../domain/errors";

/** The one place domain error codes become transport codes. */
export const DOMAIN_TO_TRPC: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHENTICATED: "UNAUTHORIZED",
  INVALID_TRANSITION: "UNPROCESSABLE_CONTENT",
  CONFLICT: "CONFLICT",
  VALIDATION: "BAD_REQUEST",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
};

/** Seconds to wait before retrying, for the `Retry-After` header of a 429. */
export function retryAfterOf(e: unknown): number | null {
  const cause = e instanceof TRPCError ? e.cause : e;
  if (!isDomainError(cause) || cause.code !== "RATE_LIMITED") return null;
  const s = cause.details?.retryAfterS;
  return typeof s === "number" && s > 0 ? Math.ceil(s) : null;
}

export function toTRPCError(e: DomainError): TRPCError {
  return new TRPCError({ code: DOMAIN_TO_TRPC[e.code], message: e.message, cause: e });
}
