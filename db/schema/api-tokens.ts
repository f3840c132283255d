import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { people } from "./people";

/**
 * Personal API tokens: a script calling `/api/v1` with `Authorization: Bearer`
 * acts as the person who created the token. Only the SHA-256 of the token is
 * stored; the token itself is shown once, when it is created. A revoked token
 * keeps its row (the settings page lists it) but is refused.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: serial("id").primaryKey(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** The person's label for the token ("mailing-list script"). */
    name: text("name").notNull(),
    /** Lower-case hex SHA-256 of the whole token. */
    tokenHash: text("token_hash").notNull(),
    /** The token's first characters, shown in the list so a person can tell tokens apart. */
    prefix: text("prefix").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("api_tokens_hash_idx").on(t.tokenHash),
    index("api_tokens_person_idx").on(t.personId),
  ],
);
