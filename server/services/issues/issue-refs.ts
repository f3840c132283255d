import { inArray } from "drizzle-orm";
import type { Queryable } from "~/db/client";
import { issues } from "~/db/schema";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { decide } from "~/server/domain/permissions/policy";
import { issueResource } from "./access";

/** Event payload keys that hold another issue's number. */
export const ISSUE_REF_KEYS = ["issue", "duplicateOf", "duplicate"] as const;

/**
 * The issue numbers among `ids` the actor may not see: confidential issues
 * outside their view, and numbers that name no issue. Both are treated alike,
 * so what a reader is shown never tells a hidden issue from a missing one.
 */
export async function hiddenIssueIds(
  db: Queryable,
  actor: MaybeActor,
  ids: Iterable<number>,
): Promise<Set<number>> {
  const wanted = [...new Set(ids)].filter((n) => Number.isInteger(n) && n > 0 && n < 2 ** 31);
  if (wanted.length === 0) return new Set();
  const rows = await db.select().from(issues).where(inArray(issues.id, wanted));
  const seen = new Set(
    rows.filter((r) => decide(actor, "issue.view", issueResource(r)).allowed).map((r) => r.id),
  );
  return new Set(wanted.filter((n) => !seen.has(n)));
}

function refsOf(payload: Record<string, unknown>): number[] {
  return ISSUE_REF_KEYS.map((k) => payload[k]).filter((v): v is number => typeof v === "number");
}

/**
 * Events as the actor may read them: a reference to an issue they may not see
 * is replaced by null (the payload's other fields stay). With `drop`, events of
 * those types that mention a hidden issue are left out entirely.
 */
export async function redactIssueRefs<E extends { type: string; payload: unknown }>(
  db: Queryable,
  actor: MaybeActor,
  events: readonly E[],
  drop: readonly string[] = [],
): Promise<E[]> {
  const payloadOf = (e: E) =>
    e.payload && typeof e.payload === "object" ? (e.payload as Record<string, unknown>) : {};
  const hidden = await hiddenIssueIds(
    db,
    actor,
    events.flatMap((e) => refsOf(payloadOf(e))),
  );
  if (hidden.size === 0) return [...events];
  const out: E[] = [];
  for (const e of events) {
    const p = payloadOf(e);
    const hides = refsOf(p).some((n) => hidden.has(n));
    if (!hides) out.push(e);
    else if (!drop.includes(e.type)) {
      const payload = { ...p };
      for (const k of ISSUE_REF_KEYS) {
        if (typeof payload[k] === "number" && hidden.has(payload[k])) payload[k] = null;
      }
      out.push({ ...e, payload });
    }
  }
  return out;
}
