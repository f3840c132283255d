import { and, asc, eq, inArray, isNotNull, or, sql, type SQL } from "drizzle-orm";
import { chairedGroups } from "~/server/domain/permissions/policy";
import ical, { type ICalCalendar } from "ical-generator";
import { z } from "zod";
import type { Db } from "~/db/client";
import { agendaItems, groups, issues, meetings, sessions, watches } from "~/db/schema";
import { DomainError } from "~/server/domain/errors";
import { importantDates } from "~/server/domain/meetings/important-dates";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { zId, zInt } from "~/server/domain/validation";
import { publicBaseUrl } from "~/server/env";
import { safeFilename, type Download } from "./download";

export const ZMeetingCalendar = z.object({ number: zInt("The meeting number", 1, 999) });
export const ZSessionCalendar = z.object({ id: zId("The session") });

/** Characters iCalendar text must not carry (C0 controls other than tab and newline). */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/g;
const clean = (s: string) => s.replace(CONTROL, "");

function calendar(name: string): ICalCalendar {
  return ical({
    name: clean(name),
    prodId: { company: "IETF IOTOPS", product: "Dispatch tracker", language: "EN" },
  });
}

function uidHost(): string {
  try {
    return new URL(publicBaseUrl()).host || "iotops.invalid";
  } catch {
    return "iotops.invalid";
  }
}

function ics(cal: ICalCalendar, stem: string): Download {
  return {
    filename: safeFilename(stem, "ics"),
    contentType: "text/calendar",
    body: cal.toString(),
    truncated: false,
  };
}

/** A meeting's important dates (the Datatracker's default offsets) and the meeting week, as all-day events. */
export async function meetingDatesCalendar(
  db: Db,
  input: z.infer<typeof ZMeetingCalendar>,
): Promise<Download> {
  const [m] = await db.select().from(meetings).where(eq(meetings.number, input.number));
  if (!m) throw new DomainError("NOT_FOUND", `There is no IETF ${input.number} in the tracker.`);
  const host = uidHost();
  const url = `${publicBaseUrl()}/meetings/${m.number}`;
  const cal = calendar(`IETF ${m.number} important dates`);
  for (const d of importantDates(new Date(`${m.startDate}T00:00:00Z`))) {
    cal.createEvent({
      id: `ietf-${m.number}-${d.slug}@${host}`,
      start: d.day,
      allDay: true,
      summary: `IETF ${m.number}: ${d.name}`,
      description: `${d.name}, ${Math.abs(d.offsetDays)} days ${d.offsetDays < 0 ? "before" : "after"} the meeting.\n${url}`,
      url,
    });
  }
  const end = new Date(`${m.endDate}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1); // all-day DTEND is exclusive
  cal.createEvent({
    id: `ietf-${m.number}-meeting@${host}`,
    start: m.startDate,
    end: end.toISOString().slice(0, 10),
    allDay: true,
    summary: clean(`IETF ${m.number} (${m.venue})`),
    location: clean(m.venue),
    url,
  });
  return ics(cal, `ietf-${m.number}-dates`);
}

const sessionColumns = {
  id: sessions.id,
  meetingNumber: sessions.meetingNumber,
  group: sessions.groupAcronym,
  groupName: groups.name,
  startsAt: sessions.startsAt,
  durationMinutes: sessions.durationMinutes,
  room: sessions.room,
  venue: meetings.venue,
};

type SessionRow = {
  id: number;
  meetingNumber: number;
  group: string;
  groupName: string | null;
  startsAt: Date | null;
  durationMinutes: number;
  room: string;
  venue: string;
};

function selectSessions(db: Db, where: SQL | undefined) {
  return db
    .select(sessionColumns)
    .from(sessions)
    .innerJoin(meetings, eq(meetings.number, sessions.meetingNumber))
    .leftJoin(groups, eq(groups.acronym, sessions.groupAcronym))
    .where(where)
    .orderBy(asc(sessions.startsAt), asc(sessions.id));
}

/** Public agenda items per session (confidential issues never appear on an agenda). */
async function agendaTitles(db: Db, ids: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .select({ sessionId: agendaItems.sessionId, issueId: issues.id, title: issues.title })
    .from(agendaItems)
    .innerJoin(issues, eq(issues.id, agendaItems.issueId))
    .where(and(inArray(agendaItems.sessionId, ids), eq(issues.confidential, false)))
    .orderBy(asc(agendaItems.position), asc(agendaItems.id));
  for (const r of rows)
    out.set(r.sessionId, [...(out.get(r.sessionId) ?? []), `#${r.issueId} ${r.title}`]);
  return out;
}

function addSession(cal: ICalCalendar, s: SessionRow & { startsAt: Date }, agenda: string[]) {
  const url = `${publicBaseUrl()}/meetings/${s.meetingNumber}/sessions/${s.id}`;
  const name = s.groupName ?? s.group.toUpperCase();
  cal.createEvent({
    id: `session-${s.id}@${uidHost()}`,
    start: s.startsAt,
    end: new Date(s.startsAt.getTime() + s.durationMinutes * 60_000),
    summary: clean(`${s.group.toUpperCase()} session, IETF ${s.meetingNumber}`),
    description: clean(
      [
        `${name} at IETF ${s.meetingNumber}.`,
        ...(agenda.length ? ["Agenda:", ...agenda] : []),
        url,
      ].join("\n"),
    ),
    location: clean([s.room, s.venue].filter(Boolean).join(", ")),
    url,
  });
}

/** One session as an event, in UTC. A session whose time is still to be announced has none (CONFLICT). */
export async function sessionCalendar(
  db: Db,
  input: z.infer<typeof ZSessionCalendar>,
): Promise<Download> {
  const [s] = await selectSessions(db, eq(sessions.id, input.id));
  if (!s) throw new DomainError("NOT_FOUND", `There is no session ${input.id}.`);
  if (!s.startsAt) {
    throw new DomainError("CONFLICT", "This session's time has not been announced yet.");
  }
  const cal = calendar(`${s.group.toUpperCase()} at IETF ${s.meetingNumber}`);
  addSession(cal, { ...s, startsAt: s.startsAt }, (await agendaTitles(db, [s.id])).get(s.id) ?? []);
  return ics(cal, `ietf-${s.meetingNumber}-${s.group}-session-${s.id}`);
}

/**
 * "My sessions": every session with a time of a group the person chairs or
 * watches, or whose agenda carries an issue they filed.
 */
export async function mySessionsCalendar(db: Db, actor: MaybeActor): Promise<Download> {
  if (!actor) throw new DomainError("UNAUTHENTICATED", "Sign in to get your sessions.");
  const chaired = [...chairedGroups(actor)];
  const watched = db
    .select({ key: watches.subjectKey })
    .from(watches)
    .where(
      and(
        eq(watches.personId, actor.personId),
        eq(watches.subjectType, "group"),
        eq(watches.active, true),
      ),
    );
  const filed = sql`exists (select 1 from ${agendaItems} a join ${issues} i on i.id = a.issue_id
    where a.session_id = ${sessions.id} and i.submitter_id = ${actor.personId})`;
  const rows = await selectSessions(
    db,
    and(
      isNotNull(sessions.startsAt),
      or(
        chaired.length ? inArray(sessions.groupAcronym, chaired) : undefined,
        inArray(sessions.groupAcronym, watched),
        filed,
      ),
    ),
  );
  const agenda = await agendaTitles(
    db,
    rows.map((r) => r.id),
  );
  const cal = calendar("My IETF sessions");
  for (const s of rows)
    if (s.startsAt) addSession(cal, { ...s, startsAt: s.startsAt }, agenda.get(s.id) ?? []);
  return ics(cal, "my-sessions");
}
