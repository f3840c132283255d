/**
 * How often sign-in and sign-up may be tried, per client address and per
 * account. Failed sign-ins count; a correct password clears the account's
 * count. Every sign-up attempt counts (each may send an e-mail).
 */
export interface ThrottleRule {
  /** Attempts allowed in the window. */
  points: number;
  /** The window, in seconds. */
  durationS: number;
}

export const THROTTLE_RULES = {
  /** Failed sign-ins from one client address. */
  "sign-in-ip": { points: 30, durationS: 15 * 60 },
  /** Failed sign-ins for one e-mail address, from anywhere. */
  "sign-in-account": { points: 8, durationS: 15 * 60 },
  /** Sign-ups from one client address. */
  "sign-up-ip": { points: 30, durationS: 60 * 60 },
  /** Sign-ups naming one e-mail address (each sends a mail to it). */
  "sign-up-account": { points: 3, durationS: 60 * 60 },
  /** Verification links a person asks to be sent again. */
  "verification-resend": { points: 5, durationS: 60 * 60 },
  /** Tries of another account's password when merging accounts. */
  "merge-proof": { points: 8, durationS: 15 * 60 },
  /** Public API (`/api/v1`) requests from one client address without a token. */
  "api-ip": { points: 300, durationS: 60 },
  /** Public API requests made with one personal API token. */
  "api-token": { points: 600, durationS: 60 },
} as const satisfies Record<string, ThrottleRule>;

export type ThrottleKind = keyof typeof THROTTLE_RULES;

/** The message shown with a 429, naming when to try again. */
export function throttledMessage(action: string, retryAfterS: number): string {
  const minutes = Math.ceil(retryAfterS / 60);
  const when =
    retryAfterS < 60 ? "in a minute" : minutes === 1 ? "in 1 minute" : `in ${minutes} minutes`;
  return `Too many ${action} attempts. For your security, please wait and try again ${when}.`;
}

/** The `Retry-After` value (whole seconds, at least 1). */
export function retryAfterSeconds(msBeforeNext: number): number {
  return Math.max(1, Math.ceil(msBeforeNext / 1000));
}
