import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  bigserial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { people } from "./people";

/**
 * Who follows what. `active = false` records an explicit unsubscribe, so an
 * automatic watch is not added again.
 */
export const watches = pgTable(
  "watches",
  {
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** `issue`, `group` or `document`. */
    subjectType: text("subject_type").notNull(),
    subjectKey: text("subject_key").notNull(),
    active: boolean("active").notNull().default(true),
    /** Added automatically (submitter, responsible chair, responsible AD, target chairs). */
    automatic: boolean("automatic").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.subjectType, t.subjectKey] }),
    index("watches_subject_idx").on(t.subjectType, t.subjectKey),
  ],
);

export const notificationPrefs = pgTable("notification_prefs", {
  personId: integer("person_id")
    .primaryKey()
    .references(() => people.id, { onDelete: "cascade" }),
  email: boolean("email").notNull().default(true),
});

/** In-app notifications, one per recipient and event. */
export const notifications = pgTable(
  "notifications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    eventId: bigint("event_id", { mode: "number" }).notNull(),
    subject: text("subject").notNull(),
    url: text("url").notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("notifications_person_event_key").on(t.personId, t.eventId),
    // A person's notifications, newest first (the notifications page).
    index("notifications_person_idx").on(t.personId, t.id),
    index("notifications_unread_idx")
      .on(t.personId, t.id)
      .where(sql`${t.readAt} is null`),
  ],
);

/**
 * Durable e-mail outbox, written in the same transaction as the event that
 * caused the message. The worker claims rows with FOR UPDATE SKIP LOCKED.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    personId: integer("person_id").references(() => people.id, { onDelete: "set null" }),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    /** Stable Message-ID: a retried send carries the same one, so receivers can drop the copy. */
    messageId: text("message_id").notNull(),
    eventId: bigint("event_id", { mode: "number" }),
    /** `pending`, `sent` or `failed` (gave up after the last retry). */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("outbox_message_id_key").on(t.messageId),
    index("outbox_pending_idx")
      .on(t.nextAttemptAt, t.id)
      .where(sql`${t.status} = 'pending'`),
  ],
);
