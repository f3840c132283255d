import { index, integer, jsonb, pgTable, bigserial, text, timestamp } from "drizzle-orm/pg-core";
import { people } from "./people";

/**
 * The append-only history. Every change to an issue, document, role or meeting
 * writes one row here in the same transaction as the change. A trigger (see the
 * migrations) refuses UPDATE and DELETE.
 */
export const events = pgTable(
  "events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** `issue`, `document`, `person`, `meeting`, ... */
    subjectType: text("subject_type").notNull(),
    /** Issue number, document name, person id, ... as text. */
    subjectKey: text("subject_key").notNull(),
    type: text("type").notNull(),
    actorId: integer("actor_id").references(() => people.id),
    /** How the actor was entitled, e.g. `chair/iotops`, `secretariat`, `submitter`. */
    actorCapacity: text("actor_capacity"),
    /** The group concerned (Datatracker issue #5090: state-change events lack the WG). */
    groupAcronym: text("group_acronym"),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("events_subject_idx").on(t.subjectType, t.subjectKey, t.id),
    index("events_group_idx").on(t.groupAcronym, t.id),
  ],
);
