/**
 * Why a returned issue came back: the AD's comment when review returned it to the
 * chairs, or the receiving group's reason when it declined a dispatch. Read from
 * the events, latest first; only while the issue is in `returned`.
 */
export interface ReturnNote {
  kind: "ad-returned" | "declined";
  /** The comment or reason, as written. */
  text: string;
  /** Who returned it, when known. */
  by: string | null;
  at: Date;
}

interface EventLike {
  type: string;
  payload: Record<string, unknown>;
  actorName: string | null;
  createdAt: Date;
}

export function latestReturnNote(state: string, events: readonly EventLike[]): ReturnNote | null {
  if (state !== "returned") return null;
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type !== "ad-returned" && e.type !== "declined") continue;
    const text = e.type === "ad-returned" ? e.payload.comment : e.payload.reason;
    return {
      kind: e.type,
      text: typeof text === "string" ? text : "",
      by: e.actorName,
      at: e.createdAt,
    };
  }
  return null;
}
