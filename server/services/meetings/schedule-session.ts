import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~/db/client";
import { meetings, sessions } from "~/db/schema";
import { DomainError } from "~/server/domain/errors";
import {
  describeSessionTime,
  localToInstant,
  ZSessionMinutes,
  ZSessionStart,
} from "~/server/domain/meetings/session-time";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { assertCan, decide, NO_RESOURCE } from "~/server/domain/permissions/policy";
import { zId, zText, zVersion } from "~/server/domain/validation";
import { recordEvent } from "../events";

export const ZScheduleSession = z.object({
  sessionId: zId("The session"),
  expectedVersion: zVersion(),
  /** Local date and time in the meeting's zone; empty puts the session back to "to be announced". */
  startsAt: ZSessionStart,
  durationMinutes: ZSessionMinutes,
  room: zText("the room", 100).default(""),
});

/**
 * Set or change a session's time, length and room: the secretariat or the
 * group's chairs, with a version check (the agenda shares the session's
 * version) and an event. Setting a time clears the note kept from the old
 * free-text time.
 */
export async function scheduleSession(
  db: Db,
  actor: MaybeActor,
  input: z.input<typeof ZScheduleSession>,
) {
  const f = ZScheduleSession.parse(input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ session: sessions, timeZone: meetings.timeZone })
      .from(sessions)
      .innerJoin(meetings, eq(meetings.number, sessions.meetingNumber))
      .where(eq(sessions.id, f.sessionId))
      .for("update", { of: sessions });
    if (!row) throw new DomainError("NOT_FOUND", `There is no session ${f.sessionId}.`);
    const manage = decide(actor, "meeting.manage", NO_RESOURCE);
    const capacity = manage.allowed
      ? manage.capacity
      : assertCan(actor, "agenda.manage", { kind: "group", acronym: row.session.groupAcronym });
    if (row.session.version !== f.expectedVersion) {
      throw new DomainError(
        "CONFLICT",
        "The session was changed by someone else. Reload to see the changes, then try again.",
      );
    }
    let startsAt: Date | null = null;
    if (f.startsAt.trim() !== "") {
      startsAt = localToInstant(f.startsAt, row.timeZone);
      if (!startsAt) {
        const message = `${f.startsAt.trim()} is not a time that exists in ${row.timeZone}.`;
        throw new DomainError("VALIDATION", message, { fieldErrors: { startsAt: [message] } });
      }
    }
    const [updated] = await tx
      .update(sessions)
      .set({
        startsAt,
        durationMinutes: f.durationMinutes,
        room: f.room,
        timeNote: startsAt ? "" : row.session.timeNote,
        version: sql`${sessions.version} + 1`,
      })
      .where(eq(sessions.id, f.sessionId))
      .returning({ version: sessions.version });
    const describe = (s: { startsAt: Date | null; durationMinutes: number; timeNote: string }) =>
      describeSessionTime({ ...s, timeZone: row.timeZone }) || "to be announced";
    await recordEvent(tx, {
      subjectType: "meeting",
      subjectKey: row.session.meetingNumber,
      type: "session-scheduled",
      actorId: actor!.personId,
      actorCapacity: capacity,
      groupAcronym: row.session.groupAcronym,
      payload: {
        sessionId: f.sessionId,
        before: describe(row.session),
        after: describe({ startsAt, durationMinutes: f.durationMinutes, timeNote: "" }),
        startsAt: startsAt?.toISOString() ?? null,
        durationMinutes: f.durationMinutes,
        room: f.room,
      },
    });
    return { version: updated!.version };
  });
}
