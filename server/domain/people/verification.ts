/**
 * Whether an e-mail verification link proves its address now. Links are
 * single-use, expire, and prove only the address they were sent to.
 */
export const VERIFICATION_TTL_MS = 48 * 60 * 60 * 1000;

/** What the link page says. */
export type VerificationOutcome =
  | "verified"
  | "unknown"
  | "expired"
  | "used"
  | "address-changed"
  | "already-verified"
  | "taken"
  | "merged";

export interface VerificationFacts {
  /** The stored link, or null when no link has this token. */
  link: { email: string; expiresAt: Date; usedAt: Date | null } | null;
  /** The person the link was sent for. */
  person: { email: string; emailVerified: boolean; merged: boolean } | null;
  /** Whether another (unmerged) account already has this address verified. */
  verifiedElsewhere: boolean;
  now: Date;
}

export function verificationOutcome(f: VerificationFacts): VerificationOutcome {
  if (!f.link || !f.person) return "unknown";
  if (f.link.usedAt) return "used";
  if (f.link.expiresAt.getTime() <= f.now.getTime()) return "expired";
  if (f.person.merged) return "merged";
  if (f.person.email.toLowerCase() !== f.link.email.toLowerCase()) return "address-changed";
  if (f.person.emailVerified) return "already-verified";
  if (f.verifiedElsewhere) return "taken";
  return "verified";
}

/** The page's heading and text for each outcome. */
export const VERIFICATION_TEXT: Record<VerificationOutcome, { title: string; text: string }> = {
  verified: {
    title: "Address confirmed",
    text: "Thank you. Your e-mail address is confirmed.",
  },
  unknown: {
    title: "This link is not valid",
    text: "The confirmation link is incomplete or was never issued. Copy the whole link from the e-mail, or ask for a new one in your settings.",
  },
  expired: {
    title: "This link has expired",
    text: "Confirmation links are valid for 48 hours. Sign in and ask for a new one in your settings.",
  },
  used: {
    title: "This link was already used",
    text: "Each confirmation link works once. If your address is not confirmed yet, ask for a new link in your settings.",
  },
  "address-changed": {
    title: "This link is for another address",
    text: "The account's address changed after this link was sent. Ask for a new link in your settings.",
  },
  "already-verified": {
    title: "Already confirmed",
    text: "Your e-mail address was already confirmed. Nothing else to do.",
  },
  taken: {
    title: "Another account has this address",
    text: "This address is already confirmed on another account (for example one created by signing in with the IETF Datatracker). Sign in with that account and merge the two from its settings.",
  },
  merged: {
    title: "This account was merged",
    text: "The account this link was sent for was merged into another one. Sign in with that account.",
  },
};
