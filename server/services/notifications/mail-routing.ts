import { and, eq, inArray, or } from "drizzle-orm";
import type { Queryable } from "~/db/client";
import {
  digestItems,
  notificationKindPrefs,
  notificationPrefs,
  outbox,
  watches,
} from "~/db/schema";
import { emailText, type Message } from "~/server/domain/notifications/messages";
import {
  deliveryFor,
  kindFor,
  type RecipientRelation,
  type StoredPreferences,
} from "~/server/domain/notifications/preferences";
import type { Actor } from "~/server/domain/permissions/actor";
export { eventNeedsAction } from "~/server/domain/notifications/actionable";
import { publicBaseUrl } from "~/server/env";

export interface WatchSubject {
  type: string;
  key: string;
}

/** People among `ids` who follow one of `subjects` through a watch they added themselves. */
async function explicitWatchers(
  db: Queryable,
  ids: number[],
  subjects: readonly WatchSubject[],
): Promise<Set<number>> {
  if (ids.length === 0 || subjects.length === 0) return new Set();
  const rows = await db
    .select({ id: watches.personId })
    .from(watches)
    .where(
      and(
        inArray(watches.personId, ids),
        eq(watches.active, true),
        eq(watches.automatic, false),
        or(
          ...subjects.map((s) =>
            and(eq(watches.subjectType, s.type), eq(watches.subjectKey, s.key)),
          ),
        ),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

/** Each person's stored choices and whether their e-mail is on at all. */
export async function preferencesOf(
  db: Queryable,
  ids: number[],
): Promise<Map<number, { stored: StoredPreferences; emailOn: boolean }>> {
  const out = new Map<number, { stored: StoredPreferences; emailOn: boolean }>();
  for (const id of ids) out.set(id, { stored: {}, emailOn: true });
  if (ids.length === 0) return out;
  const [kinds, master] = await Promise.all([
    db.select().from(notificationKindPrefs).where(inArray(notificationKindPrefs.personId, ids)),
    db.select().from(notificationPrefs).where(inArray(notificationPrefs.personId, ids)),
  ]);
  for (const k of kinds) out.get(k.personId)!.stored[k.kind] = k.delivery;
  for (const m of master) out.get(m.personId)!.emailOn = m.email;
  return out;
}

/**
 * Mail an event's message to its entitled recipients as each chose for its kind:
 * into the outbox now, into the next digest, or not at all. In the caller's
 * transaction, like the event itself.
 */
export async function routeMail(
  db: Queryable,
  event: { id: number },
  message: Message,
  recipients: readonly Actor[],
  relation: (a: Actor) => Omit<RecipientRelation, "watchesExplicitly">,
  subjects: readonly WatchSubject[],
): Promise<void> {
  const ids = recipients.map((a) => a.personId);
  const [explicit, prefs] = await Promise.all([
    explicitWatchers(db, ids, subjects),
    preferencesOf(db, ids),
  ]);
  const now: Actor[] = [];
  const later: Actor[] = [];
  for (const a of recipients) {
    const p = prefs.get(a.personId)!;
    const kind = kindFor({ ...relation(a), watchesExplicitly: explicit.has(a.personId) });
    const d = deliveryFor(kind, p.stored, p.emailOn);
    if (d === "immediately") now.push(a);
    else if (d === "digest") later.push(a);
  }
  if (now.length > 0) {
    const text = emailText(message, publicBaseUrl());
    await db
      .insert(outbox)
      .values(
        now.map((a) => ({
          personId: a.personId,
          toAddress: a.email,
          subject: message.subject,
          body: text,
          // One stable Message-ID per (event, recipient): the idempotency key of the send.
          messageId: `<event-${event.id}.person-${a.personId}@iotops-dispatch>`,
          eventId: event.id,
        })),
      )
      .onConflictDoNothing();
  }
  if (later.length > 0) {
    await db
      .insert(digestItems)
      .values(
        later.map((a) => ({
          personId: a.personId,
          eventId: event.id,
          subject: message.subject,
          path: message.path,
        })),
      )
      .onConflictDoNothing();
  }
}
