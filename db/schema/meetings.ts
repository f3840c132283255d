import { sql } from "drizzle-orm";
import {
  check,
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
    /** When the session starts; null while the time is to be announced. */
    startsAt: timestamp("starts_at", { withTimezone: true }),
    durationMinutes: integer("duration_minutes").notNull().default(60),
    /**
     * A start time written by hand before sessions had a real time, kept when it
     * could not be read as one (the agenda shows it until someone sets a time).
     */
    timeNote: text("time_note").notNull().default(""),
    room: text("room").notNull().default(""),
    agendaPublishedAt: timestamp("agenda_published_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("sessions_meeting_idx").on(t.meetingNumber, t.groupAcronym),
    check("sessions_duration_check", sql`${t.durationMinutes} between 15 and 600`),
  ],
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
