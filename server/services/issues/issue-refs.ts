import { and, inArray } from "drizzle-orm";
import type { Queryable } from "~/db/client";
import { issues } from "~/db/schema";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { visibleIssues } from "./access";

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
  // The same condition as lists (it mirrors `issue.view`), reading only ids.
  const rows = await db
    .select({ id: issues.id })
    .from(issues)
    .where(and(inArray(issues.id, wanted), visibleIssues(actor)));
  const seen = new Set(rows.map((r) => r.id));
  return new Set(wanted.filter((n) => !seen.has(n)));
}

function refsOf(payload: Record<string, unknown>): number[] {
  return ISSUE_REF_KEYS.map((k) => payload[k]).filter((v): v is number => typeof v === "number");
}

/**
 * Events as the actor may read them: a reference to an issue they may not see
 * is replaced by null, and the title beside it is left out (the payload's other
 * fields stay). With `drop`, events of those types that mention a hidden issue
 * are left out entirely.
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
      // A title beside a reference is the referenced issue's (a merged duplicate's): it
      // goes with the number, as it does when the duplicate was confidential at the merge.
      delete payload.title;
      out.push({ ...e, payload });
    }
  }
  return out;
}

/** How a routing record names an issue among its similar documents ("similar to issue-12"). */
const SIMILAR_ISSUE = /\bissue-(\d+)\b/g;

function similarIssueIds(value: unknown, out: number[] = []): number[] {
  if (typeof value === "string") {
    for (const m of value.matchAll(SIMILAR_ISSUE)) out.push(Number(m[1]));
  } else if (Array.isArray(value)) {
    for (const v of value) similarIssueIds(v, out);
  } else if (value && typeof value === "object") {
    for (const v of Object.values(value)) similarIssueIds(v, out);
  }
  return out;
}

/**
 * Routing records (an issue's stored suggestion, a list's top candidates) as the
 * actor may read them. They were written when the issue was filed, and name the
 * similar issues the routing engine knew then, which may have become
 * confidential since: those the actor may not see are left out of the lists of
 * similar documents and called "another issue" in the reasons.
 */
export async function redactSimilarIssues<T>(
  db: Queryable,
  actor: MaybeActor,
  records: readonly T[],
): Promise<T[]> {
  const hidden = await hiddenIssueIds(db, actor, similarIssueIds(records));
  if (hidden.size === 0) return [...records];
  const isHidden = (n: string) => hidden.has(Number(n));
  const scrub = (value: unknown): unknown => {
    if (typeof value === "string") {
      return value.replace(SIMILAR_ISSUE, (ref, n: string) =>
        isHidden(n) ? "another issue" : ref,
      );
    }
    if (Array.isArray(value)) {
      return value
        .filter((v) => !(typeof v === "string" && /^issue-\d+$/.test(v) && isHidden(v.slice(6))))
        .map(scrub);
    }
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
    }
    return value;
  };
  return records.map((r) => scrub(r) as T);
}
