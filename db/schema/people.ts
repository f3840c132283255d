import { sql } from "drizzle-orm";
import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const people = pgTable(
  "people",
  {
    id: serial("id").primaryKey(),
    /** Stored lower-cased; unique. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** bcrypt hash; null for people who only sign in through the Datatracker. */
    passwordHash: text("password_hash"),
    emailVerified: timestamp("email_verified", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [uniqueIndex("people_email_key").on(sql`lower(${t.email})`)],
);

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
