/**
 * Whether the signed-in person may merge another account into theirs. Both
 * must be proven: the survivor by the session, the other by its password
 * (a Datatracker-only account has none: sign in with it and merge the
 * password account into it instead).
 */
export type MergeRefusal =
  "same-account" | "wrong-credentials" | "other-merged" | "survivor-merged";

export interface MergeFacts {
  survivorId: number;
  survivorMerged: boolean;
  /** The account named in the form, found by e-mail; null when none has a password. */
  other: { id: number; merged: boolean } | null;
  passwordMatches: boolean;
}

export function mergeRefusal(f: MergeFacts): MergeRefusal | null {
  if (f.survivorMerged) return "survivor-merged";
  // Unknown address and wrong password answer alike.
  if (!f.other || !f.passwordMatches) return "wrong-credentials";
  if (f.other.merged) return "other-merged";
  if (f.other.id === f.survivorId) return "same-account";
  return null;
}

export const MERGE_REFUSAL_TEXT: Record<MergeRefusal, string> = {
  "same-account": "That is the account you are signed in with. Enter the other account's details.",
  "wrong-credentials": "Wrong email or password for the other account.",
  "other-merged": "That account was already merged into another one.",
  "survivor-merged": "This account was merged into another one. Sign in with that one.",
};

/** The survivor's address counts as verified after the merge when either proves it. */
export function verifiedAfterMerge(
  survivor: { email: string; verifiedAt: Date | null },
  other: { email: string; verifiedAt: Date | null },
): Date | null {
  if (survivor.verifiedAt) return survivor.verifiedAt;
  if (other.verifiedAt && other.email.toLowerCase() === survivor.email.toLowerCase()) {
    return other.verifiedAt;
  }
  return null;
}
