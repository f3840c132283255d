/**
 * What kind of notification an event is for one recipient, and how that person
 * wants that kind delivered: at once, in the daily digest, or not by e-mail.
 * In-app notifications are always kept; these rules decide only the e-mail.
 */

/** Why a person hears about an event, most demanding first. */
export const NOTIFICATION_KINDS = ["action", "watched", "filed", "activity"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const DELIVERIES = ["immediately", "digest", "off"] as const;
export type Delivery = (typeof DELIVERIES)[number];

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  action: "Work that needs your action",
  watched: "Items you chose to watch",
  filed: "Progress of issues you filed",
  activity: "Other activity you follow through your role",
};

export const NOTIFICATION_KIND_HINTS: Record<NotificationKind, string> = {
  action:
    "A recommendation awaiting your review, work dispatched to your group, a question on your issue, an issue assigned or returned to you.",
  watched: "Issues, groups and documents you follow with the Watch button.",
  filed: "State changes of the issues you submitted.",
  activity:
    "Everything else on issues you follow automatically, for example every change on the issues of an area you direct.",
};

export const DELIVERY_LABELS: Record<Delivery, string> = {
  immediately: "Immediately",
  digest: "Daily digest",
  off: "Off",
};

/**
 * Mail only what needs the person's action or what they chose to follow (a watch
 * they added, an issue they filed); everything else stays in-app unless they ask.
 */
export const DEFAULT_DELIVERY: Record<NotificationKind, Delivery> = {
  action: "immediately",
  watched: "immediately",
  filed: "immediately",
  activity: "off",
};

export const isNotificationKind = (v: unknown): v is NotificationKind =>
  typeof v === "string" && (NOTIFICATION_KINDS as readonly string[]).includes(v);
export const isDelivery = (v: unknown): v is Delivery =>
  typeof v === "string" && (DELIVERIES as readonly string[]).includes(v);

/** What the recipient is to this event; each flag is decided by the caller from the policy. */
export interface RecipientRelation {
  /** The event asks this person to act (review, acknowledge, answer, take over). */
  needsAction: boolean;
  /** They follow the subject through a watch they added themselves. */
  watchesExplicitly: boolean;
  /** They submitted the issue. */
  submitter: boolean;
}

/** The most demanding kind that applies. */
export function kindFor(r: RecipientRelation): NotificationKind {
  if (r.needsAction) return "action";
  if (r.watchesExplicitly) return "watched";
  if (r.submitter) return "filed";
  return "activity";
}

/** The person's stored choices: one per kind at most; missing kinds take the default. */
export type StoredPreferences = Partial<Record<NotificationKind, Delivery>>;

export function deliveryFor(
  kind: NotificationKind,
  stored: StoredPreferences,
  emailOn: boolean,
): Delivery {
  if (!emailOn) return "off";
  return stored[kind] ?? DEFAULT_DELIVERY[kind];
}

/** Every kind with the person's effective choice, for the settings page. */
export function effectivePreferences(
  stored: StoredPreferences,
): Record<NotificationKind, Delivery> {
  const out = { ...DEFAULT_DELIVERY };
  for (const k of NOTIFICATION_KINDS) {
    const v = stored[k];
    if (v) out[k] = v;
  }
  return out;
}
