import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import type { DomainError, DomainErrorCode } from "../domain/errors";

/** The one place domain error codes become transport codes. */
export const DOMAIN_TO_TRPC: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHENTICATED: "UNAUTHORIZED",
  INVALID_TRANSITION: "UNPROCESSABLE_CONTENT",
  CONFLICT: "CONFLICT",
  VALIDATION: "BAD_REQUEST",
};

export function toTRPCError(e: DomainError): TRPCError {
  return new TRPCError({ code: DOMAIN_TO_TRPC[e.code], message: e.message, cause: e });
}
