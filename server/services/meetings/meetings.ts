import { and, asc, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { ZAcronym, safeString, zDay, zInt, zText } from "~/server/domain/validation";
import type { Db } from "~/db/client";
import { agendaItems, groups, issues, meetings, sessions } from "~/db/schema";
import { DomainError } from "~/server/domain/errors";
import { outcomeTargetGroup } from "~/server/domain/dispatch/outcomes";
import { sessionMayDiscuss } from "~/server/domain/meetings/agenda";
import { importantDates } from "~/server/domain/meetings/important-dates";
import {
  DEFAULT_SESSION_MINUTES,
  describeSessionTime,
  localToInstant,
  ZSessionMinutes,
  ZSessionStart,
} from "~/server/domain/meetings/session-time";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { assertCan, can, decide, NO_RESOURCE } from "~/server/domain/permissions/policy";
import { recordEvent } from "../events";

const day = zDay();

export const ZCreateMeeting = z
  .object({
    number: z.number().int().min(1, "Give the IETF meeting number.").max(999),
    venue: safeString().trim().min(1, 'Give the venue, or "online".').max(200),
    timeZone: safeString()
      .trim()
      .max(64, "Give an IANA time zone such as Europe/Vienna or UTC.")
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat("en", { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, "Give an IANA time zone such as Europe/Vienna or UTC."),
    startDate: day,
    endDate: day,
  })
  .refine((m) => m.startDate <= m.endDate, {
    message: "The meeting must end on or after its first day.",
    path: ["endDate"],
  });

export async function createMeeting(
  db: Db,
  actor: MaybeActor,
  input: z.infer<typeof ZCreateMeeting>,
) {
  const capacity = assertCan(actor, "meeting.manage", NO_RESOURCE);
  return db.transaction(async (tx) => {
    const added = await tx.insert(meetings).values(input).onConflictDoNothing().returning();
    if (added.length === 0) {
      throw new DomainError("CONFLICT", `IETF ${input.number} already exists.`, {
        fieldErrors: { number: [`IETF ${input.number} already exists.`] },
      });
    }
    await recordEvent(tx, {
      subjectType: "meeting",
      subjectKey: input.number,
      type: "meeting-created",
      actorId: actor!.personId,
      actorCapacity: capacity,
      payload: { ...input },
    });
    return { number: input.number };
  });
}

export async function listMeetings(db: Db) {
  return db.select().from(meetings).orderBy(desc(meetings.startDate));
}

/** A meeting with its important dates (from the Datatracker's default offsets) and sessions. */
export async function getMeeting(db: Db, actor: MaybeActor, number: number) {
  const [meeting] = await db.select().from(meetings).where(eq(meetings.number, number));
  if (!meeting) throw new DomainError("NOT_FOUND", `There is no IETF ${number} in the tracker.`);
  const list = await db
    .select({
      id: sessions.id,
      group: sessions.groupAcronym,
      groupName: groups.name,
      startsAt: sessions.startsAt,
      durationMinutes: sessions.durationMinutes,
      timeNote: sessions.timeNote,
      room: sessions.room,
      agendaPublishedAt: sessions.agendaPublishedAt,
      // Public items only, as on the agenda itself.
      items: sql<number>`(select count(*)::int from ${agendaItems} a join ${issues} i on i.id = a.issue_id
        where a.session_id = ${sessions.id} and not i.confidential)`,
    })
    .from(sessions)
    .leftJoin(groups, eq(groups.acronym, sessions.groupAcronym))
    .where(eq(sessions.meetingNumber, number))
    .orderBy(sql`${sessions.startsAt} asc nulls last`, asc(sessions.groupAcronym));
  return {
    meeting,
    dates: importantDates(new Date(`${meeting.startDate}T00:00:00Z`)).map((d) => ({
      slug: d.slug,
      name: d.name,
      day: d.day,
      offsetDays: d.offsetDays,
    })),
    sessions: list.map((s) => ({
      ...s,
      when: describeSessionTime({ ...s, timeZone: meeting.timeZone }),
    })),
    canManage: can(actor, "meeting.manage", NO_RESOURCE),
  };
}

export const ZCreateSession = z.object({
  meetingNumber: zInt("The meeting number", 1, 999),
  group: ZAcronym,
  /** Local date and time in the meeting's time zone; empty while to be announced. */
  startsAt: ZSessionStart.default(""),
  durationMinutes: ZSessionMinutes.default(DEFAULT_SESSION_MINUTES),
  room: zText("the room", 100).default(""),
});

/** The instant a typed local start names in the meeting's zone (null when left empty). */
function sessionStart(local: string, timeZone: string): Date | null {
  if (local.trim() === "") return null;
  const at = localToInstant(local, timeZone);
  if (at) return at;
  const message = `${local.trim()} is not a time that exists in ${timeZone}.`;
  throw new DomainError("VALIDATION", message, { fieldErrors: { startsAt: [message] } });
}

/** The secretariat, or the group's chairs, schedule a session. */
export async function createSession(
  db: Db,
  actor: MaybeActor,
  raw: z.input<typeof ZCreateSession>,
) {
  const input = ZCreateSession.parse(raw);
  const manage = decide(actor, "meeting.manage", NO_RESOURCE);
  const capacity = manage.allowed
    ? manage.capacity
    : assertCan(actor, "agenda.manage", { kind: "group", acronym: input.group });
  return db.transaction(async (tx) => {
    const [meeting] = await tx
      .select()
      .from(meetings)
      .where(eq(meetings.number, input.meetingNumber));
    if (!meeting) throw new DomainError("NOT_FOUND", `There is no IETF ${input.meetingNumber}.`);
    const [group] = await tx.select().from(groups).where(eq(groups.acronym, input.group));
    if (!group) {
      throw new DomainError("VALIDATION", `There is no group called ${input.group}.`, {
        fieldErrors: { group: [`There is no group called ${input.group}.`] },
      });
    }
    const startsAt = sessionStart(input.startsAt, meeting.timeZone);
    const [row] = await tx
      .insert(sessions)
      .values({
        meetingNumber: input.meetingNumber,
        groupAcronym: input.group,
        startsAt,
        durationMinutes: input.durationMinutes,
        room: input.room,
      })
      .returning({ id: sessions.id });
    await recordEvent(tx, {
      subjectType: "meeting",
      subjectKey: input.meetingNumber,
      type: "session-created",
      actorId: actor!.personId,
      actorCapacity: capacity,
      groupAcronym: input.group,
      payload: {
        sessionId: row!.id,
        startsAt: startsAt?.toISOString() ?? null,
        durationMinutes: input.durationMinutes,
        room: input.room,
      },
    });
    return { id: row!.id };
  });
}

/** Issues the chairs may put on an agenda: public ones in discussion, not already on it. */
export async function agendaCandidates(db: Db, sessionId: number, group: string) {
  const rows = await db
    .select({ id: issues.id, title: issues.title, recommendation: issues.recommendation })
    .from(issues)
    .where(
      and(
        eq(issues.state, "in-discussion"),
        eq(issues.confidential, false),
        sql`not exists (select 1 from ${agendaItems} a where a.session_id = ${sessionId} and a.issue_id = ${issues.id})`,
      ),
    )
    .orderBy(asc(issues.id))
    .limit(200);
  return rows
    .filter((r) => {
      const rec = r.recommendation;
      return sessionMayDiscuss(group, rec ? outcomeTargetGroup(rec.outcome) : null);
    })
    .map(({ id, title }) => ({ id, title }));
}
