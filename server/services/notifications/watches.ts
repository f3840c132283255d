import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { zText } from "~/server/domain/validation";
import type { Db } from "~/db/client";
import { notificationPrefs, notifications, watches } from "~/db/schema";
import type { Actor, MaybeActor } from "~/server/domain/permissions/actor";
import { assertCan, NO_RESOURCE } from "~/server/domain/permissions/policy";
import { ownVisibleNotifications, unreadCount } from "./notify";

export const ZWatchSubject = z.object({
  subjectType: z.enum(["issue", "group", "document"], {
    error: "Watch an issue, a group or a document.",
  }),
  subjectKey: zText("what to watch", 120, 1),
});

/** Signed-in people manage only their own watches; the policy's `issue.file` means "signed in". */
function me(actor: MaybeActor): Actor {
  assertCan(actor, "issue.file", NO_RESOURCE);
  return actor!;
}

export async function setWatch(
  db: Db,
  actor: MaybeActor,
  input: z.infer<typeof ZWatchSubject> & { active: boolean },
) {
  const personId = me(actor).personId;
  await db
    .insert(watches)
    .values({ personId, ...input, active: input.active })
    .onConflictDoUpdate({
      target: [watches.personId, watches.subjectType, watches.subjectKey],
      set: { active: input.active },
    });
  return { watching: input.active };
}

export async function isWatching(db: Db, actor: MaybeActor, input: z.infer<typeof ZWatchSubject>) {
  if (!actor) return false;
  const [row] = await db
    .select({ active: watches.active })
    .from(watches)
    .where(
      and(
        eq(watches.personId, actor.personId),
        eq(watches.subjectType, input.subjectType),
        eq(watches.subjectKey, input.subjectKey),
      ),
    );
  return row?.active ?? false;
}

export async function getSettings(db: Db, actor: MaybeActor) {
  const personId = me(actor).personId;
  const list = await db
    .select()
    .from(watches)
    .where(eq(watches.personId, personId))
    .orderBy(watches.subjectType, watches.subjectKey);
  const [prefs] = await db
    .select()
    .from(notificationPrefs)
    .where(eq(notificationPrefs.personId, personId));
  return { watches: list, email: prefs?.email ?? true };
}

export async function setEmailPreference(db: Db, actor: MaybeActor, email: boolean) {
  const personId = me(actor).personId;
  await db
    .insert(notificationPrefs)
    .values({ personId, email })
    .onConflictDoUpdate({ target: notificationPrefs.personId, set: { email } });
  return { email };
}

export async function listNotifications(
  db: Db,
  actor: MaybeActor,
  opts: { unreadOnly?: boolean } = {},
) {
  const who = me(actor);
  const items = await db
    .select()
    .from(notifications)
    .where(
      and(ownVisibleNotifications(who), opts.unreadOnly ? isNull(notifications.readAt) : undefined),
    )
    .orderBy(desc(notifications.id))
    .limit(100);
  return { items, unread: await unreadCount(db, who) };
}

export async function markNotificationsRead(db: Db, actor: MaybeActor, ids: number[] | "all") {
  const who = me(actor);
  await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(
      and(
        eq(notifications.personId, who.personId),
        isNull(notifications.readAt),
        ids === "all" ? undefined : sql`${notifications.id} in ${ids.length ? ids : [0]}`,
      ),
    );
  return { unread: await unreadCount(db, who) };
}

export async function myUnreadCount(db: Db, actor: MaybeActor) {
  return actor ? unreadCount(db, actor) : 0;
}
