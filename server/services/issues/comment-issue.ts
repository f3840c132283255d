import { sql, eq } from "drizzle-orm";
import { z } from "zod";
import { safeString, zId } from "~/server/domain/validation";
import type { Db } from "~/db/client";
import { issueComments, issues } from "~/db/schema";
import { DISPATCH_GROUP, type MaybeActor } from "~/server/domain/permissions/actor";
import { assertCan } from "~/server/domain/permissions/policy";
import { recordEvent } from "../events";
import { issueResource, loadVisibleIssue } from "./access";

export const ZCommentIssue = z.object({
  issueId: zId("The issue number"),
  body: safeString()
    .trim()
    .min(1, "Write something before posting.")
    .max(20_000, "Keep a comment under 20,000 characters."),
});

/** Add a comment (Markdown, rendered sanitised) and record it on the timeline. */
export async function commentOnIssue(
  db: Db,
  actor: MaybeActor,
  input: z.infer<typeof ZCommentIssue>,
) {
  return db.transaction(async (tx) => {
    const row = await loadVisibleIssue(tx, actor, input.issueId);
    const capacity = assertCan(actor, "issue.comment", issueResource(row));
    const [c] = await tx
      .insert(issueComments)
      .values({ issueId: row.id, authorId: actor!.personId, body: input.body })
      .returning({ id: issueComments.id });
    await tx
      .update(issues)
      .set({ updatedAt: sql`now()` })
      .where(eq(issues.id, row.id));
    await recordEvent(tx, {
      subjectType: "issue",
      subjectKey: row.id,
      type: "commented",
      actorId: actor!.personId,
      actorCapacity: capacity,
      groupAcronym: DISPATCH_GROUP,
      payload: { commentId: c!.id, excerpt: input.body.slice(0, 200) },
    });
    return { id: c!.id };
  });
}
