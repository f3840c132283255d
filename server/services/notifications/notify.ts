import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "~/db/client";
import { documents, events, issues, notifications, people, roleGrants, watches } from "~/db/schema";
import { outcomeTargetGroup } from "~/server/domain/dispatch/outcomes";
import { messageFor } from "~/server/domain/notifications/messages";
import { DISPATCH_GROUP, type Actor } from "~/server/domain/permissions/actor";
import { decide, type Duty } from "~/server/domain/permissions/policy";
import { issueResource, visibleIssues } from "../issues/access";
import { holdingDuty } from "../roles/duty-holders";
import { eventNeedsAction, routeMail, type WatchSubject } from "./mail-routing";

export interface StoredEvent {
  id: number;
  subjectType: string;
  subjectKey: string;
  type: string;
  actorId: number | null;
  groupAcronym: string | null;
  payload: Record<string, unknown>;
}

/** Add automatic watches, never re-adding one the person turned off. */
export async function autoWatch(
  db: Queryable,
  personIds: number[],
  subjectType: string,
  subjectKey: string,
) {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return;
  await db
    .insert(watches)
    .values(ids.map((personId) => ({ personId, subjectType, subjectKey, automatic: true })))
    .onConflictDoNothing();
}

async function dutyHolders(db: Queryable, duty: Duty): Promise<number[]> {
  const rows = await db
    .select({ id: roleGrants.personId })
    .from(roleGrants)
    .where(holdingDuty(duty));
  return rows.map((r) => r.id);
}

async function activeWatchers(
  db: Queryable,
  subjects: { type: string; key: string }[],
): Promise<number[]> {
  const out = new Set<number>();
  for (const s of subjects) {
    const rows = await db
      .select({ id: watches.personId })
      .from(watches)
      .where(
        and(
          eq(watches.subjectType, s.type),
          eq(watches.subjectKey, s.key),
          eq(watches.active, true),
        ),
      );
    for (const r of rows) out.add(r.id);
  }
  return [...out];
}

export async function actorsFor(db: Queryable, ids: number[]): Promise<Map<number, Actor>> {
  const out = new Map<number, Actor>();
  if (ids.length === 0) return out;
  const ps = await db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      emailVerified: people.emailVerified,
    })
    .from(people)
    .where(inArray(people.id, ids));
  const grants = await db
    .select({
      personId: roleGrants.personId,
      role: roleGrants.role,
      group: roleGrants.groupAcronym,
    })
    .from(roleGrants)
    .where(inArray(roleGrants.personId, ids));
  for (const p of ps) {
    out.set(p.id, {
      personId: p.id,
      name: p.name,
      email: p.email,
      emailVerified: p.emailVerified !== null,
      roles: grants
        .filter((g) => g.personId === p.id)
        .map((g) => ({ role: g.role, group: g.group })),
    });
  }
  return out;
}

/**
 * Turn freshly written events into watches, in-app notifications and outbox
 * e-mail, in the caller's transaction. Recipients of a confidential issue are
 * filtered through the same policy as the issue page, so nothing confidential is
 * ever addressed to someone not entitled to see it.
 */
export async function notifyForEvents(
  db: Queryable,
  events: readonly StoredEvent[],
): Promise<void> {
  for (const e of events) {
    let title = e.subjectKey;
    let recipients: number[] = [];
    let visible: (a: Actor) => boolean = () => true;
    let subjects: WatchSubject[] = [];
    let area: string | undefined;
    let relation = (_a: Actor) => ({ needsAction: false, submitter: false });

    if (e.subjectType === "issue") {
      const [issue] = await db
        .select()
        .from(issues)
        .where(eq(issues.id, Number(e.subjectKey)));
      if (!issue) continue;
      title = issue.title;
      const key = String(issue.id);
      if (e.type === "filed") {
        await autoWatch(
          db,
          [issue.submitterId, ...(await dutyHolders(db, { duty: "review", area: issue.area }))],
          "issue",
          key,
        );
      }
      if (e.type === "chair-assigned" && typeof e.payload.after === "number") {
        await autoWatch(db, [e.payload.after], "issue", key);
      }
      const target = issue.recommendation ? outcomeTargetGroup(issue.recommendation.outcome) : null;
      if (e.type === "ad-approved" && target) {
        await autoWatch(
          db,
          await dutyHolders(db, { duty: "lead-group", group: target }),
          "issue",
          key,
        );
      }
      // Group followers hear about public dispatch activity of their group.
      const groupSubjects = issue.confidential
        ? []
        : [...new Set([DISPATCH_GROUP, ...(target ? [target] : [])])].map((g) => ({
            type: "group",
            key: g,
          }));
      // Someone who stopped watching the issue hears nothing more about it, even
      // through a group they follow.
      const stopped = await db
        .select({ id: watches.personId })
        .from(watches)
        .where(
          and(
            eq(watches.subjectType, "issue"),
            eq(watches.subjectKey, key),
            eq(watches.active, false),
          ),
        );
      const muted = new Set(stopped.map((w) => w.id));
      subjects = [{ type: "issue", key }, ...groupSubjects];
      recipients = (await activeWatchers(db, subjects)).filter((id) => !muted.has(id));
      const resource = issueResource(issue);
      visible = (a) => decide(a, "issue.view", resource).allowed;
      area = issue.area;
      relation = (a) => ({
        needsAction: eventNeedsAction(a, e.type, e.payload, resource),
        submitter: a.personId === issue.submitterId,
      });
    } else if (e.subjectType === "document") {
      // Only state changes notify; imports and other document events need no lookup.
      if (e.type !== "state-changed") continue;
      const [doc] = await db
        .select({ title: documents.title, group: documents.groupAcronym })
        .from(documents)
        .where(eq(documents.name, e.subjectKey));
      if (!doc) continue;
      title = doc.title;
      subjects = [
        { type: "document", key: e.subjectKey },
        ...(doc.group ? [{ type: "group", key: doc.group }] : []),
      ];
      recipients = await activeWatchers(db, subjects);
    } else if (e.type === "agenda-published") {
      title = String(e.payload.title ?? e.subjectKey);
      subjects = e.groupAcronym ? [{ type: "group", key: e.groupAcronym }] : [];
      recipients = await activeWatchers(db, subjects);
    } else {
      continue;
    }

    recipients = recipients.filter((id) => id !== e.actorId);
    if (recipients.length === 0) continue;
    const actors = await actorsFor(db, recipients);
    const entitled = [...actors.values()].filter(visible);
    if (entitled.length === 0) continue;
    const [actor] = e.actorId
      ? await db.select({ name: people.name }).from(people).where(eq(people.id, e.actorId))
      : [];
    const message = messageFor({ ...e, actorName: actor?.name ?? null }, title, { area });
    await db
      .insert(notifications)
      .values(
        entitled.map((a) => ({
          personId: a.personId,
          eventId: e.id,
          subject: message.subject,
          url: message.path,
        })),
      )
      .onConflictDoNothing();
    if (!message.email) continue;
    await routeMail(db, e, message, entitled, relation, subjects);
  }
}

/**
 * The person's notifications they may still read: one about an issue they may no
 * longer see (it was made confidential after they were notified) stays out of
 * their list and count, as the issue itself does.
 */
export function ownVisibleNotifications(actor: Actor): SQL {
  const visible = visibleIssues(actor);
  const own = eq(notifications.personId, actor.personId);
  if (!visible) return own;
  return and(
    own,
    sql`not exists (select 1 from ${events} inner join ${issues}
      on ${events.subjectType} = 'issue' and ${issues.id}::text = ${events.subjectKey}
      where ${events.id} = ${notifications.eventId} and not (${visible}))`,
  )!;
}

/** Count of unread notifications, for the header badge. */
export async function unreadCount(db: Queryable, actor: Actor): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(ownVisibleNotifications(actor), sql`${notifications.readAt} is null`));
  return r?.n ?? 0;
}
