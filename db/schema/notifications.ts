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
import { DELIVERIES, NOTIFICATION_KINDS } from "~/server/domain/notifications/preferences";
import { vocabularyText } from "./columns";
import { people } from "./people";

const notificationKind = vocabularyText("notification kind", NOTIFICATION_KINDS);
const delivery = vocabularyText("notification delivery", DELIVERIES);

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

/**
 * How a person wants each kind of notification e-mailed (server/domain/notifications/preferences.ts).
 * A missing row means the default for that kind.
 */
export const notificationKindPrefs = pgTable(
  "notification_kind_prefs",
  {
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    kind: notificationKind("kind").notNull(),
    delivery: delivery("delivery").notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.kind] })],
);

/**
 * Daily digests sent: at most one per person and period, which is what keeps a
 * restarted or concurrent worker from sending a second one.
 */
export const digests = pgTable(
  "digests",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** Start of the period (a UTC day) the digest closes. */
    periodStart: timestamp("period_start", { withTimezone: true }).notNull(),
    itemCount: integer("item_count").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("digests_person_period_key").on(t.personId, t.periodStart)],
);

/** Notifications waiting for a person's next digest; `digest_id` is set once sent in one. */
export const digestItems = pgTable(
  "digest_items",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    eventId: bigint("event_id", { mode: "number" }).notNull(),
    subject: text("subject").notNull(),
    path: text("path").notNull(),
    digestId: bigint("digest_id", { mode: "number" }).references(() => digests.id, {
      onDelete: "set null",
    }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("digest_items_person_event_key").on(t.personId, t.eventId),
    index("digest_items_pending_idx")
      .on(t.personId, t.createdAt)
      .where(sql`${t.digestId} is null`),
  ],
);

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
