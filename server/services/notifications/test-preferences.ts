import type { Db } from "~/db/client";
import { NOTIFICATION_KINDS } from "~/server/domain/notifications/preferences";
import type { Actor } from "~/server/domain/permissions/actor";
import { setDeliveryPreference } from "./preferences";

/**
 * For tests about who may receive mail (confidentiality, delivery, atomicity):
 * these people ask for every kind of notification immediately, so the tests
 * see every message the rules allow rather than only the default ones.
 */
export async function mailEverything(db: Db, actors: readonly Actor[]): Promise<void> {
  for (const a of actors) {
    for (const kind of NOTIFICATION_KINDS) {
      await setDeliveryPreference(db, a, { kind, delivery: "immediately" });
    }
  }
}
