import "server-only";
import type { Account, Profile } from "next-auth";
import type { OIDCConfig } from "next-auth/providers";
import type { Db } from "~/db/client";
import { env, type Env } from "../env";
import {
  DATATRACKER_PROVIDER,
  personForDatatrackerSubject,
  signInWithDatatracker,
} from "../services/people/sign-in-with-datatracker";

/**
 * "Sign in with the IETF Datatracker": an OpenID Connect provider whose
 * endpoints come from the issuer's discovery document. See docs/oidc.md.
 */

/** The Datatracker's issuer, as documented at https://datatracker.ietf.org/api/. */
export const DATATRACKER_DEFAULT_ISSUER = "https://datatracker.ietf.org/api/openid";
/** `roles` adds the [role, group] pairs; `profile` and `email` the name and address. */
export const DATATRACKER_SCOPES = "openid profile email roles";

export interface DatatrackerOidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/**
 * The provider settings, or null when Datatracker sign-in is not configured:
 * it needs DATATRACKER_OIDC_CLIENT_ID and DATATRACKER_OIDC_CLIENT_SECRET (the
 * issuer defaults to the Datatracker's own).
 */
export function datatrackerSettings(e: Env = env()): DatatrackerOidcSettings | null {
  const clientId = e.DATATRACKER_OIDC_CLIENT_ID?.trim();
  const clientSecret = e.DATATRACKER_OIDC_CLIENT_SECRET;
  if (!clientId || !clientSecret) return null;
  return {
    issuer: e.DATATRACKER_OIDC_ISSUER ?? DATATRACKER_DEFAULT_ISSUER,
    clientId,
    clientSecret,
  };
}

/** Whether the sign-in page offers the Datatracker. */
export function isDatatrackerSignInEnabled(): boolean {
  return datatrackerSettings() !== null;
}

/** The userinfo claims we read (the Datatracker sends more). */
export interface DatatrackerUserinfo extends Record<string, unknown> {
  sub: string;
  name?: string;
  email?: string;
  email_verified?: boolean;
  roles?: [string, string][];
}

export function datatrackerProvider(s: DatatrackerOidcSettings): OIDCConfig<DatatrackerUserinfo> {
  return {
    id: DATATRACKER_PROVIDER,
    name: "IETF Datatracker",
    type: "oidc",
    issuer: s.issuer,
    clientId: s.clientId,
    clientSecret: s.clientSecret,
    authorization: { params: { scope: DATATRACKER_SCOPES } },
    checks: ["pkce", "state", "nonce"],
    // The Datatracker's ID token carries only the standard token claims; the
    // name, email and roles come from the userinfo endpoint. The ID token is
    // still validated (issuer, audience, expiry, nonce).
    idToken: false,
    profile(p) {
      return {
        id: String(p.sub),
        name: typeof p.name === "string" ? p.name : null,
        email: typeof p.email === "string" ? p.email : null,
      };
    },
  };
}

/** Error codes our sign-in page explains (see app/signin/sign-in-errors.ts). */
const REFUSAL_CODES = {
  "email-unverified": "DatatrackerEmailUnverified",
  "no-email": "DatatrackerNoEmail",
  "no-subject": "DatatrackerBadProfile",
} as const;

/** Where a failed Datatracker sign-in lands: our sign-in page, told which provider failed. */
export function datatrackerErrorUrl(code: string): string {
  return `/signin?${new URLSearchParams({ error: code, provider: DATATRACKER_PROVIDER })}`;
}

/**
 * The `signIn` callback for a Datatracker sign-in: find or create the person,
 * link the subject and refresh their Datatracker roles. Returns true, or the
 * error page to send the browser to when the sign-in is refused.
 */
export async function completeDatatrackerSignIn(
  db: Db,
  profile: Profile | undefined,
): Promise<true | string> {
  if (!profile) return datatrackerErrorUrl(REFUSAL_CODES["no-subject"]);
  const result = await signInWithDatatracker(db, profile as Record<string, unknown>);
  if (!result.ok) return datatrackerErrorUrl(REFUSAL_CODES[result.reason]);
  if (result.ignoredRoles.length > 0) {
    console.warn(
      `[auth] Datatracker roles claim for person ${result.personId}: ignored malformed entries`,
      JSON.stringify(result.ignoredRoles).slice(0, 500),
    );
  }
  return true;
}

/** The app person behind a completed Datatracker sign-in (for the session token). */
export async function datatrackerPerson(db: Db, account: Account) {
  const person = await personForDatatrackerSubject(db, account.providerAccountId);
  if (!person) throw new Error("Datatracker sign-in completed without a linked person");
  return person;
}
