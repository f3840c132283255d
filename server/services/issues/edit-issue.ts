import { eq } from "drizzle-orm";
import { z } from "zod";
import { zId, zVersion } from "~/server/domain/validation";
import type { Db } from "~/db/client";
import { issueDocuments } from "~/db/schema";
import { routingText, ZIssueFields } from "~/server/domain/intake/fields";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { routingEngine } from "../routing/engine";
import { readinessOf, suggestionRecord } from "./file-issue";
import { transitionIssue } from "./transition-issue";

export const ZEditIssue = z.object({
  issueId: zId("The issue number"),
  expectedVersion: zVersion(),
  fields: ZIssueFields,
});

const EDITABLE = [
  "title",
  "problemStatement",
  "deviceClass",
  "scale",
  "networkType",
  "desiredOutcome",
  "overlapNotes",
  "interestedPeople",
  "implementers",
  "slidesUrl",
  "confidential",
] as const;

/**
 * The submitter edits their issue (before triage). An edit in `needs-info`
 * answers the chairs' request and returns the issue to `submitted`.
 */
export async function editIssue(db: Db, actor: MaybeActor, input: z.infer<typeof ZEditIssue>) {
  const f = input.fields;
  const routed = (await routingEngine(db)).route({ title: f.title, text: routingText(f) });
  return transitionIssue(
    db,
    actor,
    { issueId: input.issueId, expectedVersion: input.expectedVersion, command: { type: "edit" } },
    async (tx, row) => {
      const changes: Record<string, { before: unknown; after: unknown }> = {};
      for (const k of EDITABLE) if (row[k] !== f[k]) changes[k] = { before: row[k], after: f[k] };
      const links = await tx
        .select({ name: issueDocuments.documentName })
        .from(issueDocuments)
        .where(eq(issueDocuments.issueId, row.id));
      const had = links.map((l) => l.name).sort();
      const now = [...f.relatedDocuments].sort();
      if (had.join() !== now.join()) {
        changes.relatedDocuments = { before: had, after: now };
        await tx.delete(issueDocuments).where(eq(issueDocuments.issueId, row.id));
        if (now.length) {
          await tx
            .insert(issueDocuments)
            .values(now.map((d) => ({ issueId: row.id, documentName: d })));
        }
      }
      // The submitter's own charter-item pick; an empty pick keeps what is set.
      const charterItem = f.charterItem || row.charterItem;
      if (charterItem !== row.charterItem) {
        changes.charterItem = { before: row.charterItem, after: charterItem };
      }
      return {
        set: {
          ...Object.fromEntries(EDITABLE.map((k) => [k, f[k]])),
          charterItem,
          readiness: readinessOf(f),
          ...suggestionRecord(routed),
        },
        command: { changedFields: Object.keys(changes) },
        payload: { changes },
      };
    },
  );
}
