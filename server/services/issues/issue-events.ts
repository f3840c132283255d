import { and, asc, eq, gt, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "~/db/client";
import { events } from "~/db/schema";
import { DomainError } from "~/server/domain/errors";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { decodeCursor, encodeCursor, ZCursor, zId, zInt } from "~/server/domain/validation";
import { selectTimeline } from "../events";
import { loadVisibleIssue } from "./access";
import { redactIssueRefs } from "./issue-refs";

export const ZIssueEvents = z.object({
  id: zId("The issue number"),
  cursor: ZCursor.optional(),
  limit: zInt("The page size", 1, 100).default(50),
});

/**
 * One page of an issue's history, oldest first: the timeline of the issue page,
 * for an actor allowed to see the issue, with references to issues the actor
 * may not see redacted the same way.
 */
export async function listIssueEvents(
  db: Queryable,
  actor: MaybeActor,
  input: z.input<typeof ZIssueEvents>,
) {
  const f = ZIssueEvents.parse(input);
  await loadVisibleIssue(db, actor, f.id);
  const where: (SQL | undefined)[] = [
    eq(events.subjectType, "issue"),
    eq(events.subjectKey, String(f.id)),
  ];
  if (f.cursor) {
    const c = decodeCursor(f.cursor);
    if (!c) {
      throw new DomainError(
        "VALIDATION",
        "That page link is no longer valid. Start from the first page.",
        {
          fieldErrors: { cursor: ["Invalid page cursor."] },
        },
      );
    }
    where.push(gt(events.id, c.id));
  }
  const rows = await selectTimeline(db)
    .where(and(...where))
    .orderBy(asc(events.id))
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const items = await redactIssueRefs(db, actor, page);
  const last = rows.length > f.limit ? page.at(-1) : undefined;
  return {
    items,
    nextCursor: last ? encodeCursor({ c: last.createdAt.toISOString(), id: last.id }) : null,
  };
}
