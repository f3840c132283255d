import {
  date,
  index,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { issues } from "./issues";

/** An IETF meeting, identified by its number (e.g. 109). */
export const meetings = pgTable("meetings", {
  number: integer("number").primaryKey(),
  /** City and venue, or "online". */
  venue: text("venue").notNull(),
  /** IANA time zone of the venue, e.g. "Asia/Bangkok"; "UTC" for online meetings. */
  timeZone: text("time_zone").notNull(),
  startDate: date("start_date", { mode: "string" }).notNull(),
  endDate: date("end_date", { mode: "string" }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  version: integer("version").notNull().default(1),
});

/** A group's session within a meeting, with its agenda. */
export const sessions = pgTable(
  "sessions",
  {
    id: serial("id").primaryKey(),
    meetingNumber: integer("meeting_number")
      .notNull()
      .references(() => meetings.number, { onDelete: "cascade" }),
    groupAcronym: text("group_acronym").notNull(),
    /** Local start time as text (e.g. "2026-03-16 09:30"), in the meeting's time zone. */
    startsAt: text("starts_at").notNull().default(""),
    room: text("room").notNull().default(""),
    agendaPublishedAt: timestamp("agenda_published_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("sessions_meeting_idx").on(t.meetingNumber, t.groupAcronym)],
);

export const agendaItems = pgTable(
  "agenda_items",
  {
    id: serial("id").primaryKey(),
    sessionId: integer("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    issueId: integer("issue_id")
      .notNull()
      .references(() => issues.id),
    position: integer("position").notNull(),
    presenter: text("presenter").notNull().default(""),
    minutesRequested: integer("minutes_requested").notNull().default(15),
    minutes: text("minutes").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("agenda_items_session_issue_key").on(t.sessionId, t.issueId)],
);
