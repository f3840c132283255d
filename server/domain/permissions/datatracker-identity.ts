/**
 * Who a Datatracker (OpenID Connect) sign-in is, in this app.
 *
 * Rules, in order:
 * 1. A person already linked to the Datatracker subject (`sub`) is that person,
 *    whatever the email says now.
 * 2. Otherwise the sign-in needs an email address; without one it is refused.
 * 3. An address the Datatracker marks `email_verified: false` is never used to
 *    find or create a person: the sign-in is refused. Linking on an unverified
 *    address would let whoever typed it into the Datatracker take over the
 *    account here (and its manual role grants), and creating a person with it
 *    would block the real owner from signing up.
 * 4. A person here with the same address (case-insensitive) is linked to the
 *    subject, so one person can sign in either way, but only when that
 *    person's address is verified here (an emailed link, or an earlier
 *    Datatracker sign-in). An unverified sign-up may be someone squatting the
 *    address: linking it would hand the real owner's roles to the squatter,
 *    whose password would keep working.
 * 5. Otherwise a new person is created and linked, even when an unverified
 *    account here has the same address. If both are the same human, they can
 *    merge the two from settings by proving both (server/services/people/merge-accounts.ts).
 *
 * The Datatracker's userinfo does not send `email_verified` at all; it only
 * hands out addresses its users have confirmed by email (account creation and
 * adding an address both go through an emailed link). So a missing claim
 * counts as verified, and only an explicit `false` (or `"false"`) does not.
 */

export interface DatatrackerProfile {
  /** The OIDC subject: the stable key of the Datatracker account. */
  subject: string;
  /** Lower-cased address, or null if none (or not an address). */
  email: string | null;
  /** `true`/`false` as claimed; null when the claim is absent. */
  emailVerified: boolean | null;
  /** Display name for a person created from this sign-in. */
  name: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_EMAIL = 320;
const MAX_NAME = 200;

function str(v: unknown): string {
  return typeof v === "string" ? v.trim() : "";
}

function verifiedFlag(v: unknown): boolean | null {
  if (v === true || v === "true") return true;
  if (v === false || v === "false") return false;
  return null;
}

/** Read the standard claims of a Datatracker userinfo response; null without a subject. */
export function parseDatatrackerProfile(
  claims: Record<string, unknown>,
): DatatrackerProfile | null {
  const rawSub = claims.sub;
  const subject = typeof rawSub === "number" ? String(rawSub) : str(rawSub);
  if (!subject) return null;
  const rawEmail = str(claims.email).toLowerCase();
  const email = rawEmail.length <= MAX_EMAIL && EMAIL.test(rawEmail) ? rawEmail : null;
  const given = [str(claims.given_name), str(claims.family_name)].filter(Boolean).join(" ");
  const name =
    str(claims.name) ||
    given ||
    (email ? email.slice(0, email.indexOf("@")) : "") ||
    "Datatracker user";
  return {
    subject,
    email,
    emailVerified: verifiedFlag(claims.email_verified),
    name: name.slice(0, MAX_NAME),
  };
}

export type RefusalReason = "no-email" | "email-unverified";

export type IdentityDecision =
  | { kind: "linked"; personId: number }
  | { kind: "link-by-email"; personId: number }
  | { kind: "create" }
  | { kind: "refuse"; reason: RefusalReason };

export interface IdentityFacts {
  profile: DatatrackerProfile;
  /** The person already linked to this subject, if any. */
  linkedPersonId: number | null;
  /**
   * The (unmerged) person here whose address equals the profile's, if any; a
   * verified one when there is one.
   */
  personWithEmail: { personId: number; verified: boolean } | null;
}

/** Decide who this sign-in is (see the rules at the top of this file). */
export function decideDatatrackerIdentity(facts: IdentityFacts): IdentityDecision {
  if (facts.linkedPersonId !== null) return { kind: "linked", personId: facts.linkedPersonId };
  if (!facts.profile.email) return { kind: "refuse", reason: "no-email" };
  if (facts.profile.emailVerified === false) return { kind: "refuse", reason: "email-unverified" };
  if (facts.personWithEmail?.verified) {
    return { kind: "link-by-email", personId: facts.personWithEmail.personId };
  }
  return { kind: "create" };
}
