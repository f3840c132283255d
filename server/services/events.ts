import type { Queryable } from "~/db/client";
import { and, asc, eq } from "drizzle-orm";
import { events, people } from "~/db/schema";
import { notifyForEvents } from "./notifications/notify";

export interface EventInput {
  subjectType: "issue" | "document" | "person" | "group" | "meeting" | "vocabulary" | "view";
  subjectKey: string | number;
  type: string;
  actorId: number | null;
  actorCapacity?: string | null;
  groupAcronym?: string | null;
  payload?: Record<string, unknown>;
}

/** Append one event. Call it with the same transaction handle as the change it records. */
export async function recordEvent(tx: Queryable, e: EventInput): Promise<void> {
  await recordEvents(tx, [e]);
}

/**
 * Append events and, in the same transaction, the notifications and outbox
 * e-mail they cause.
 */
export async function recordEvents(tx: Queryable, list: readonly EventInput[]): Promise<void> {
  if (list.length === 0) return;
  const stored = await tx
    .insert(events)
    .values(
      list.map((e) => ({
        subjectType: e.subjectType,
        subjectKey: String(e.subjectKey),
        type: e.type,
        actorId: e.actorId,
        actorCapacity: e.actorCapacity ?? null,
        groupAcronym: e.groupAcronym ?? null,
        payload: e.payload ?? {},
      })),
    )
    .returning();
  await notifyForEvents(tx, stored);
}

/** The history of one subject, oldest first, with actor names: what timelines show. */
export async function loadTimeline(
  db: Queryable,
  subjectType: EventInput["subjectType"],
  subjectKey: string | number,
) {
  return selectTimeline(db)
    .where(and(eq(events.subjectType, subjectType), eq(events.subjectKey, String(subjectKey))))
    .orderBy(asc(events.id));
}

/** Timeline rows (an event with its actor's name), for the caller to filter and order. */
export function selectTimeline(db: Queryable) {
  return db
    .select({
      id: events.id,
      type: events.type,
      actorName: people.name,
      actorCapacity: events.actorCapacity,
      groupAcronym: events.groupAcronym,
      payload: events.payload,
      createdAt: events.createdAt,
    })
    .from(events)
    .leftJoin(people, eq(people.id, events.actorId));
}
