import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { zId, zText, zVersion } from "~/server/domain/validation";
import type { Db } from "~/db/client";
import { agendaItems, groups, issues, meetings, sessions } from "~/db/schema";
import { outcomeTargetGroup, ZRecommendation } from "~/server/domain/dispatch/outcomes";
import { DomainError } from "~/server/domain/errors";
import {
  agendaMarkdown,
  agendaText,
  orderAgenda,
  sessionMayDiscuss,
  type AgendaEntry,
  type SessionInfo,
} from "~/server/domain/meetings/agenda";
import { describeSessionTime, instantToLocal } from "~/server/domain/meetings/session-time";
import { DISPATCH_GROUP, type MaybeActor } from "~/server/domain/permissions/actor";
import { assertCan, can } from "~/server/domain/permissions/policy";
import { publicBaseUrl } from "~/server/env";
import { recordEvent } from "../events";
import { issueResource, loadVisibleIssue, type IssueRow } from "../issues/access";
import { transitionIssue } from "../issues/transition-issue";
import { agendaCandidates } from "./meetings";

/** The group an issue's recommendation sends it to, if any. */
function targetGroupOf(issue: IssueRow): string | null {
  const rec = issue.recommendation;
  return rec ? outcomeTargetGroup(rec.outcome) : null;
}

async function loadSession(db: Db, id: number, opts: { forUpdate?: boolean } = {}) {
  const q = db
    .select({ session: sessions, meeting: meetings, groupName: groups.name })
    .from(sessions)
    .innerJoin(meetings, eq(meetings.number, sessions.meetingNumber))
    .leftJoin(groups, eq(groups.acronym, sessions.groupAcronym))
    .where(eq(sessions.id, id));
  const [row] = opts.forUpdate ? await q.for("update", { of: sessions }) : await q;
  if (!row) throw new DomainError("NOT_FOUND", `There is no session ${id}.`);
  return row;
}

function info(row: Awaited<ReturnType<typeof loadSession>>): SessionInfo {
  return {
    meetingNumber: row.meeting.number,
    meetingStart: row.meeting.startDate,
    venue: row.meeting.venue,
    timeZone: row.meeting.timeZone,
    group: row.session.groupAcronym,
    groupName: row.groupName ?? row.session.groupAcronym.toUpperCase(),
    startsAt: describeSessionTime({ ...row.session, timeZone: row.meeting.timeZone }),
    room: row.session.room,
  };
}

/**
 * The session's agenda entries. Confidential issues never appear on an agenda
 * (they cannot be added), and this read filters them again as a second guard.
 */
async function entries(db: Db, sessionId: number) {
  return db
    .select({
      id: agendaItems.id,
      issueId: agendaItems.issueId,
      title: issues.title,
      state: issues.state,
      presenter: agendaItems.presenter,
      minutesRequested: agendaItems.minutesRequested,
      minutes: agendaItems.minutes,
      position: agendaItems.position,
      addedAt: agendaItems.createdAt,
      issueVersion: issues.version,
    })
    .from(agendaItems)
    .innerJoin(issues, eq(issues.id, agendaItems.issueId))
    .where(and(eq(agendaItems.sessionId, sessionId), eq(issues.confidential, false)))
    .orderBy(asc(agendaItems.position), asc(agendaItems.id));
}

export async function getSessionAgenda(db: Db, actor: MaybeActor, sessionId: number) {
  const row = await loadSession(db, sessionId);
  const list = orderAgenda(await entries(db, sessionId), row.meeting.startDate);
  const canManage = can(actor, "agenda.manage", {
    kind: "group",
    acronym: row.session.groupAcronym,
  });
  return {
    ...info(row),
    /** Whether the session has a start time (and so a calendar entry). */
    scheduled: row.session.startsAt !== null,
    /** The start as a `datetime-local` value in the meeting's zone, for the schedule form. */
    startsAtLocal: row.session.startsAt
      ? instantToLocal(row.session.startsAt, row.meeting.timeZone).replace(" ", "T")
      : "",
    durationMinutes: row.session.durationMinutes,
    sessionId,
    version: row.session.version,
    publishedAt: row.session.agendaPublishedAt,
    items: list,
    canManage,
    candidates: canManage ? await agendaCandidates(db, sessionId, row.session.groupAcronym) : [],
  };
}

export async function exportAgenda(db: Db, sessionId: number, format: "md" | "txt") {
  const row = await loadSession(db, sessionId);
  const list: AgendaEntry[] = await entries(db, sessionId);
  return format === "md"
    ? agendaMarkdown(info(row), list, publicBaseUrl())
    : agendaText(info(row), list);
}

const ZSessionRef = z.object({
  sessionId: zId("The session"),
  expectedVersion: zVersion(),
});

export const ZAgendaChange = z.discriminatedUnion("op", [
  ZSessionRef.extend({
    op: z.literal("add"),
    issueId: zId("The issue number"),
    presenter: zText("the presenter", 200).default(""),
    minutesRequested: z
      .number()
      .int()
      .min(5, "Ask for at least 5 minutes.")
      .max(120, "Ask for at most 120 minutes.")
      .default(15),
  }),
  ZSessionRef.extend({
    op: z.literal("update"),
    itemId: zId("The agenda item"),
    presenter: zText("the presenter", 200),
    minutesRequested: z
      .number()
      .int()
      .min(5, "Ask for at least 5 minutes.")
      .max(120, "Ask for at most 120 minutes."),
  }),
  ZSessionRef.extend({
    op: z.literal("move"),
    itemId: zId("The agenda item"),
    direction: z.enum(["up", "down"]),
  }),
  ZSessionRef.extend({ op: z.literal("remove"), itemId: zId("The agenda item") }),
  ZSessionRef.extend({ op: z.literal("publish") }),
]);

/** Every agenda change: the group's chairs (or secretariat), a version check, an event. */
export async function changeAgenda(
  db: Db,
  actor: MaybeActor,
  input: z.infer<typeof ZAgendaChange>,
) {
  return db.transaction(async (tx) => {
    const row = await loadSession(tx, input.sessionId, { forUpdate: true });
    const group = row.session.groupAcronym;
    const capacity = assertCan(actor, "agenda.manage", { kind: "group", acronym: group });
    if (row.session.version !== input.expectedVersion) {
      throw new DomainError(
        "CONFLICT",
        "The agenda was changed by someone else. Reload to see the changes, then try again.",
      );
    }
    const current = await entries(tx, input.sessionId);
    const item = "itemId" in input ? current.find((i) => i.id === input.itemId) : undefined;
    if ("itemId" in input && !item)
      throw new DomainError("NOT_FOUND", "That agenda item no longer exists.");
    let payload: Record<string, unknown> = { op: input.op };
    switch (input.op) {
      case "add": {
        const [issue] = await tx.select().from(issues).where(eq(issues.id, input.issueId));
        if (!issue || issue.confidential) {
          throw new DomainError("VALIDATION", "Only public issues can go on a public agenda.", {
            fieldErrors: { issueId: ["Choose a public issue."] },
          });
        }
        if (!sessionMayDiscuss(group, targetGroupOf(issue))) {
          throw new DomainError(
            "FORBIDDEN",
            `Issue #${issue.id} is ${DISPATCH_GROUP.toUpperCase()}'s to discuss; only an ${DISPATCH_GROUP.toUpperCase()} session, or one of the group it is recommended to, can take it.`,
            { fieldErrors: { issueId: ["This session's group cannot discuss this issue."] } },
          );
        }
        if (issue.state !== "in-discussion") {
          throw new DomainError(
            "VALIDATION",
            `Issue #${issue.id} is not in discussion; move it to discussion first.`,
            {
              fieldErrors: { issueId: ["Only issues in discussion can go on the agenda."] },
            },
          );
        }
        const added = await tx
          .insert(agendaItems)
          .values({
            sessionId: input.sessionId,
            issueId: issue.id,
            presenter: input.presenter,
            minutesRequested: input.minutesRequested,
            position: current.length ? Math.max(...current.map((c) => c.position)) + 1 : 0,
          })
          .onConflictDoNothing()
          .returning({ id: agendaItems.id });
        if (added.length === 0)
          throw new DomainError("CONFLICT", `Issue #${issue.id} is already on this agenda.`);
        payload = {
          ...payload,
          issueId: issue.id,
          presenter: input.presenter,
          minutesRequested: input.minutesRequested,
        };
        break;
      }
      case "update":
        await tx
          .update(agendaItems)
          .set({ presenter: input.presenter, minutesRequested: input.minutesRequested })
          .where(eq(agendaItems.id, item!.id));
        payload = {
          ...payload,
          issueId: item!.issueId,
          presenter: input.presenter,
          minutesRequested: input.minutesRequested,
        };
        break;
      case "move": {
        const idx = current.findIndex((c) => c.id === item!.id);
        const other = current[input.direction === "up" ? idx - 1 : idx + 1];
        if (other) {
          await tx
            .update(agendaItems)
            .set({ position: other.position })
            .where(eq(agendaItems.id, item!.id));
          await tx
            .update(agendaItems)
            .set({ position: item!.position })
            .where(eq(agendaItems.id, other.id));
          if (other.position === item!.position) {
            await tx
              .update(agendaItems)
              .set({ position: item!.position + (input.direction === "up" ? -1 : 1) })
              .where(eq(agendaItems.id, item!.id));
          }
        }
        payload = { ...payload, issueId: item!.issueId, direction: input.direction };
        break;
      }
      case "remove":
        await tx.delete(agendaItems).where(eq(agendaItems.id, item!.id));
        payload = { ...payload, issueId: item!.issueId };
        break;
      case "publish":
        await tx
          .update(sessions)
          .set({ agendaPublishedAt: sql`now()` })
          .where(eq(sessions.id, input.sessionId));
        break;
    }
    const [updated] = await tx
      .update(sessions)
      .set({ version: sql`${sessions.version} + 1` })
      .where(eq(sessions.id, input.sessionId))
      .returning({ version: sessions.version });
    const title = `${row.groupName ?? group.toUpperCase()} at IETF ${row.meeting.number}`;
    await recordEvent(tx, {
      subjectType: "meeting",
      subjectKey: row.meeting.number,
      type: input.op === "publish" ? "agenda-published" : "agenda-changed",
      actorId: actor!.personId,
      actorCapacity: capacity,
      groupAcronym: group,
      payload:
        input.op === "publish"
          ? {
              ...payload,
              sessionId: input.sessionId,
              title,
              path: `/meetings/${row.meeting.number}/sessions/${input.sessionId}`,
              text: agendaText(info(row), await entries(tx, input.sessionId)),
            }
          : { ...payload, sessionId: input.sessionId },
    });
    return { version: updated!.version };
  });
}

export const ZRecordMinutes = z
  .object({
    sessionId: zId("The session"),
    itemId: zId("The agenda item"),
    minutes: zText("the minutes", 20_000),
    /** Optionally record the dispatch recommendation in the same step. */
    recommendation: ZRecommendation.optional(),
    /**
     * The issue's version as the chair saw it (the agenda lists it): a
     * recommendation on an issue changed since is refused as a conflict.
     */
    issueVersion: zVersion().optional(),
    sendToReview: z.boolean().default(true),
  })
  .refine((v) => !v.recommendation || v.issueVersion !== undefined, {
    message: "Reload the agenda: the issue's version is missing.",
    path: ["issueVersion"],
  });

/**
 * Record the minutes of one agenda item and, optionally, the chairs'
 * recommendation. The recommendation goes through the same service as on the
 * issue page (same policy, same state machine, same events).
 */
export async function recordMinutes(
  db: Db,
  actor: MaybeActor,
  input: z.infer<typeof ZRecordMinutes>,
) {
  const row = await loadSession(db, input.sessionId);
  const group = row.session.groupAcronym;
  const capacity = assertCan(actor, "agenda.manage", { kind: "group", acronym: group });
  const [item] = await db
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.id, input.itemId), eq(agendaItems.sessionId, input.sessionId)));
  if (!item) throw new DomainError("NOT_FOUND", "That agenda item no longer exists.");
  // Minutes go on the issue's timeline: the actor must be allowed to write there,
  // and the session must belong to a group that discusses this issue.
  const issue = await loadVisibleIssue(db, actor, item.issueId);
  assertCan(actor, "issue.comment", issueResource(issue));
  if (!sessionMayDiscuss(group, targetGroupOf(issue))) {
    throw new DomainError(
      "FORBIDDEN",
      `Minutes for issue #${issue.id} can be recorded only in a ${DISPATCH_GROUP.toUpperCase()} session or one of the group it is recommended to.`,
    );
  }
  return db.transaction(async (tx) => {
    await tx.update(agendaItems).set({ minutes: input.minutes }).where(eq(agendaItems.id, item.id));
    await recordEvent(tx, {
      subjectType: "issue",
      subjectKey: item.issueId,
      type: "minutes-recorded",
      actorId: actor!.personId,
      actorCapacity: capacity,
      groupAcronym: group,
      payload: {
        meeting: row.meeting.number,
        sessionId: input.sessionId,
        minutes: input.minutes.slice(0, 2000),
      },
    });
    if (!input.recommendation) return { recommended: false };
    if (input.issueVersion === undefined) {
      throw new DomainError("VALIDATION", "Reload the agenda: the issue's version is missing.", {
        fieldErrors: { issueVersion: ["Required with a recommendation."] },
      });
    }
    const r = await transitionIssue(tx, actor, {
      issueId: item.issueId,
      expectedVersion: input.issueVersion,
      command: { type: "recommend", recommendation: input.recommendation },
    });
    if (input.sendToReview) {
      await transitionIssue(tx, actor, {
        issueId: item.issueId,
        expectedVersion: r.version,
        command: { type: "request-review" },
      });
    }
    return { recommended: true };
  });
}
