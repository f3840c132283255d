import { describe, expect, it } from "vitest";
import {
  decideDatatrackerIdentity,
  parseDatatrackerProfile,
  type DatatrackerProfile,
  type IdentityDecision,
} from "./datatracker-identity";

describe("parseDatatrackerProfile", () => {
  const cases: {
    name: string;
    claims: Record<string, unknown>;
    profile: DatatrackerProfile | null;
  }[] = [
    {
      name: "reads the Datatracker's userinfo (no email_verified claim)",
      claims: {
        sub: "12345",
        name: "Carla Chair",
        given_name: "Carla",
        family_name: "Chair",
        nickname: "-",
        email: "Carla@Example.org",
        picture: "",
        roles: [["chair", "iotops"]],
      },
      profile: {
        subject: "12345",
        email: "carla@example.org",
        emailVerified: null,
        name: "Carla Chair",
      },
    },
    {
      name: "email_verified true",
      claims: { sub: "1", email: "a@example.org", email_verified: true, name: "A" },
      profile: { subject: "1", email: "a@example.org", emailVerified: true, name: "A" },
    },
    {
      name: "email_verified false",
      claims: { sub: "1", email: "a@example.org", email_verified: false, name: "A" },
      profile: { subject: "1", email: "a@example.org", emailVerified: false, name: "A" },
    },
    {
      name: "email_verified as a string",
      claims: { sub: "1", email: "a@example.org", email_verified: "false", name: "A" },
      profile: { subject: "1", email: "a@example.org", emailVerified: false, name: "A" },
    },
    {
      name: "a numeric subject becomes a string",
      claims: { sub: 42, email: "a@example.org", name: "A" },
      profile: { subject: "42", email: "a@example.org", emailVerified: null, name: "A" },
    },
    {
      name: "the name falls back to given and family names",
      claims: { sub: "1", email: "a@example.org", given_name: "Ada", family_name: "Lovelace" },
      profile: { subject: "1", email: "a@example.org", emailVerified: null, name: "Ada Lovelace" },
    },
    {
      name: "then to the address's local part",
      claims: { sub: "1", email: "ada@example.org" },
      profile: { subject: "1", email: "ada@example.org", emailVerified: null, name: "ada" },
    },
    {
      name: "an empty or malformed email is no email",
      claims: { sub: "1", email: "not an address", name: "A" },
      profile: { subject: "1", email: null, emailVerified: null, name: "A" },
    },
    {
      name: "the Datatracker's empty email (person without an address)",
      claims: { sub: "1", email: "" },
      profile: { subject: "1", email: null, emailVerified: null, name: "Datatracker user" },
    },
    { name: "no subject: not a usable profile", claims: { email: "a@example.org" }, profile: null },
    { name: "blank subject: not a usable profile", claims: { sub: "  " }, profile: null },
  ];

  it.each(cases)("$name", ({ claims, profile }) => {
    expect(parseDatatrackerProfile(claims)).toEqual(profile);
  });
});

describe("decideDatatrackerIdentity", () => {
  const profile = (over: Partial<DatatrackerProfile> = {}): DatatrackerProfile => ({
    subject: "dt-1",
    email: "a@example.org",
    emailVerified: true,
    name: "A",
    ...over,
  });

  const cases: {
    name: string;
    profile: DatatrackerProfile;
    linked: number | null;
    byEmail: { personId: number; verified: boolean } | null;
    decision: IdentityDecision;
  }[] = [
    {
      name: "a linked subject wins over the email",
      profile: profile(),
      linked: 7,
      byEmail: { personId: 9, verified: true },
      decision: { kind: "linked", personId: 7 },
    },
    {
      name: "a linked subject signs in even with an unverified address",
      profile: profile({ emailVerified: false }),
      linked: 7,
      byEmail: null,
      decision: { kind: "linked", personId: 7 },
    },
    {
      name: "a linked subject signs in without an address",
      profile: profile({ email: null }),
      linked: 7,
      byEmail: null,
      decision: { kind: "linked", personId: 7 },
    },
    {
      name: "a verified address links to the person who has it, verified here",
      profile: profile(),
      linked: null,
      byEmail: { personId: 9, verified: true },
      decision: { kind: "link-by-email", personId: 9 },
    },
    {
      name: "an address without an email_verified claim links (the Datatracker's case)",
      profile: profile({ emailVerified: null }),
      linked: null,
      byEmail: { personId: 9, verified: true },
      decision: { kind: "link-by-email", personId: 9 },
    },
    {
      name: "an account here whose address is unverified is not linked: a new person is made",
      profile: profile(),
      linked: null,
      byEmail: { personId: 9, verified: false },
      decision: { kind: "create" },
    },
    {
      name: "an unverified account here is not linked even without an email_verified claim",
      profile: profile({ emailVerified: null }),
      linked: null,
      byEmail: { personId: 9, verified: false },
      decision: { kind: "create" },
    },
    {
      name: "a linked subject wins over an unverified account with the address",
      profile: profile(),
      linked: 4,
      byEmail: { personId: 9, verified: false },
      decision: { kind: "linked", personId: 4 },
    },
    {
      name: "an unverified address is not linked to the person who has it",
      profile: profile({ emailVerified: false }),
      linked: null,
      byEmail: { personId: 9, verified: true },
      decision: { kind: "refuse", reason: "email-unverified" },
    },
    {
      name: "an unverified address does not create a person either",
      profile: profile({ emailVerified: false }),
      linked: null,
      byEmail: null,
      decision: { kind: "refuse", reason: "email-unverified" },
    },
    {
      name: "a new verified address creates a person",
      profile: profile(),
      linked: null,
      byEmail: null,
      decision: { kind: "create" },
    },
    {
      name: "no address and no link is refused",
      profile: profile({ email: null }),
      linked: null,
      byEmail: null,
      decision: { kind: "refuse", reason: "no-email" },
    },
  ];

  it.each(cases)("$name", ({ profile, linked, byEmail, decision }) => {
    expect(
      decideDatatrackerIdentity({ profile, linkedPersonId: linked, personWithEmail: byEmail }),
    ).toEqual(decision);
  });
});
