import { z } from "zod";
import type { Db } from "~/db/client";
import { notificationKindPrefs } from "~/db/schema";
import {
  DELIVERIES,
  effectivePreferences,
  NOTIFICATION_KINDS,
  type Delivery,
  type NotificationKind,
} from "~/server/domain/notifications/preferences";
import type { Actor, MaybeActor } from "~/server/domain/permissions/actor";
import { assertCan, NO_RESOURCE } from "~/server/domain/permissions/policy";
import { waitingForDigest } from "./build-digests";
import { preferencesOf } from "./mail-routing";

export const ZSetDelivery = z.object({
  kind: z.enum(NOTIFICATION_KINDS, { error: "Choose a kind of notification from the list." }),
  delivery: z.enum(DELIVERIES, { error: "Choose immediately, daily digest or off." }),
});

/** Signed-in people manage only their own choices; the policy's `issue.file` means "signed in". */
function me(actor: MaybeActor): Actor {
  assertCan(actor, "issue.file", NO_RESOURCE);
  return actor!;
}

/** The person's effective delivery per kind, and how many notifications wait for their digest. */
export async function getDeliveryPreferences(db: Db, actor: MaybeActor) {
  const who = me(actor);
  const p = (await preferencesOf(db, [who.personId])).get(who.personId)!;
  return {
    kinds: effectivePreferences(p.stored),
    emailOn: p.emailOn,
    waitingForDigest: await waitingForDigest(db, who.personId),
  };
}

export async function setDeliveryPreference(
  db: Db,
  actor: MaybeActor,
  input: { kind: NotificationKind; delivery: Delivery },
) {
  const who = me(actor);
  const { kind, delivery } = ZSetDelivery.parse(input);
  await db
    .insert(notificationKindPrefs)
    .values({ personId: who.personId, kind, delivery })
    .onConflictDoUpdate({
      target: [notificationKindPrefs.personId, notificationKindPrefs.kind],
      set: { delivery },
    });
  return { kind, delivery };
}
