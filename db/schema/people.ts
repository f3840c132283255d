import { sql } from "drizzle-orm";
import {
  bigint,
  index,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";

export const people = pgTable(
  "people",
  {
    id: serial("id").primaryKey(),
    /**
     * Stored lower-cased. Unique among verified, unmerged people: an unverified
     * sign-up may share it with a verified account (see docs/security.md).
     */
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** bcrypt hash; null for people who only sign in through the Datatracker. */
    passwordHash: text("password_hash"),
    /** When the address was proven (emailed link, Datatracker, demo seed); null = unverified. */
    emailVerified: timestamp("email_verified", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
    /** Carried in every session token; raising it signs the person out everywhere. */
    sessionVersion: integer("session_version").notNull().default(1),
    /** The person this account was merged into; a merged account cannot sign in. */
    mergedInto: integer("merged_into").references((): AnyPgColumn => people.id),
  },
  (t) => [
    uniqueIndex("people_verified_email_key")
      .on(sql`lower(${t.email})`)
      .where(sql`${t.emailVerified} is not null and ${t.mergedInto} is null`),
    index("people_email_idx").on(sql`lower(${t.email})`),
  ],
);

/** One-time links that prove an address; only the SHA-256 of the token is stored. */
export const emailVerifications = pgTable(
  "email_verifications",
  {
    id: serial("id").primaryKey(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** The address the link was sent to; the link proves only that address. */
    email: text("email").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("email_verifications_token_key").on(t.tokenHash),
    index("email_verifications_person_idx").on(t.personId),
  ],
);

/** Counters of rate-limiter-flexible's PostgreSQL store (sign-in and sign-up throttling). */
export const authRateLimits = pgTable("auth_rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: bigint("expire", { mode: "number" }),
});

/** Datatracker-style (person, role, group) triples. */
export const roleGrants = pgTable(
  "role_grants",
  {
    id: serial("id").primaryKey(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
    /** Group or area acronym; `secretariat` for the global role. Not a foreign key: unknown groups are kept. */
    groupAcronym: text("group_acronym").notNull(),
    /** `manual` (granted in the app) or `datatracker` (from the OIDC roles claim). */
    source: text("source").notNull().default("manual"),
    grantedBy: integer("granted_by").references(() => people.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("role_grants_unique").on(t.personId, t.role, t.groupAcronym, t.source),
    index("role_grants_group_idx").on(t.groupAcronym, t.role),
  ],
);

/** Links a person to an external sign-in (e.g. the Datatracker's OIDC subject). */
export const accounts = pgTable(
  "accounts",
  {
    id: serial("id").primaryKey(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("accounts_provider_key").on(t.provider, t.providerAccountId)],
);

/**
 * Session ids (the `sid` claim of a session token) signed out before their
 * expiry. A token whose sid is listed is refused on every app server.
 */
export const revokedSessions = pgTable(
  "revoked_sessions",
  {
    sessionId: text("session_id").primaryKey(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** The token's own expiry: after it the row may be deleted. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("revoked_sessions_expires_idx").on(t.expiresAt)],
);
