import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { zId, zText, zVersion } from "~/server/domain/validation";
import type { Db } from "~/db/client";
import { issueDocuments, issues } from "~/db/schema";
import { parseDocumentRef } from "~/server/domain/documents/names";
import { DomainError } from "~/server/domain/errors";
import { DISPATCH_GROUP, type MaybeActor } from "~/server/domain/permissions/actor";
import { assertCan } from "~/server/domain/permissions/policy";
import { recordEvents } from "../events";
import { assertVersion, issueResource, loadVisibleIssue } from "./access";

export const ZLinkDocument = z.object({
  issueId: zId("The issue number"),
  /** The issue version the caller read; optional when linking from the document's side. */
  expectedVersion: zVersion().optional(),
  document: zText("a draft name or RFC number", 300, 1),
  unlink: z.boolean().default(false),
});

/** Link or unlink a document; recorded on the issue's and the document's history. */
export async function linkDocument(
  db: Db,
  actor: MaybeActor,
  input: z.infer<typeof ZLinkDocument>,
) {
  const ref = parseDocumentRef(input.document);
  if (!ref.ok) {
    throw new DomainError("VALIDATION", ref.error.message, {
      fieldErrors: { document: [ref.error.message] },
    });
  }
  const name = ref.value.name;
  return db.transaction(async (tx) => {
    const row = await loadVisibleIssue(tx, actor, input.issueId, { forUpdate: true });
    const capacity = assertCan(actor, "issue.link-document", issueResource(row));
    if (input.expectedVersion !== undefined) assertVersion(row, input.expectedVersion);
    if (input.unlink) {
      const gone = await tx
        .delete(issueDocuments)
        .where(and(eq(issueDocuments.issueId, row.id), eq(issueDocuments.documentName, name)))
        .returning();
      if (gone.length === 0)
        throw new DomainError("NOT_FOUND", `${name} is not linked to issue #${row.id}.`);
    } else {
      const added = await tx
        .insert(issueDocuments)
        .values({ issueId: row.id, documentName: name })
        .onConflictDoNothing()
        .returning();
      if (added.length === 0)
        throw new DomainError("CONFLICT", `${name} is already linked to issue #${row.id}.`);
    }
    const [updated] = await tx
      .update(issues)
      .set({ updatedAt: sql`now()`, version: sql`${issues.version} + 1` })
      .where(eq(issues.id, row.id))
      .returning({ version: issues.version });
    const type = input.unlink ? "document-unlinked" : "document-linked";
    await recordEvents(tx, [
      {
        subjectType: "issue",
        subjectKey: row.id,
        type,
        actorId: actor!.personId,
        actorCapacity: capacity,
        groupAcronym: DISPATCH_GROUP,
        payload: { document: name, version: updated!.version },
      },
      ...(row.confidential
        ? []
        : [
            {
              subjectType: "document" as const,
              subjectKey: name,
              type: input.unlink ? "issue-unlinked" : "issue-linked",
              actorId: actor!.personId,
              actorCapacity: capacity,
              payload: { issue: row.id },
            },
          ]),
    ]);
    return { version: updated!.version };
  });
}
