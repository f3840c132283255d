/**
 * The one error type the domain and services raise. Each code is mapped to a
 * transport status in exactly one place (server/api/errors.ts).
 */
export const DOMAIN_ERROR_CODES = [
  "NOT_FOUND",
  "FORBIDDEN",
  "UNAUTHENTICATED",
  "INVALID_TRANSITION",
  "CONFLICT",
  "VALIDATION",
  /** Too many attempts (sign-in, sign-up); `details.retryAfterS` says when to try again. */
  "RATE_LIMITED",
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** Structured detail for the UI, e.g. the legal next states or field messages. */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: DomainErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.details = details;
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}

/** Result type for pure decisions that may be refused. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(
  code: DomainErrorCode,
  message: string,
  details?: Record<string, unknown>,
): Result<T> => ({ ok: false, error: new DomainError(code, message, details) });
