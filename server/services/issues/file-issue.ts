import { eq } from "drizzle-orm";
import type { Db } from "~/db/client";
import { issueDocuments, issueDrafts, issues } from "~/db/schema";
import { assessReadiness } from "~/server/domain/dispatch/readiness";
import { routingText, type IssueFields } from "~/server/domain/intake/fields";
import { DISPATCH_GROUP, type MaybeActor } from "~/server/domain/permissions/actor";
import { assertCan, NO_RESOURCE } from "~/server/domain/permissions/policy";
import type { RoutingResult } from "~/server/domain/routing";
import { recordEvent } from "../events";
import { routingEngine } from "../routing/engine";

/** The part of a routing result kept on the issue, beside any human choice. */
export function suggestionRecord(result: RoutingResult) {
  const topGroup = result.candidates.find((c) => c.kind !== "outcome");
  return {
    suggestion: {
      charterItem: result.charterItem,
      candidates: result.candidates.slice(0, 5),
    },
    suggestedCharterItem: result.charterItem.id,
    suggestedCharterScore: result.charterItem.score,
    suggestedGroup: topGroup?.wg ?? null,
  };
}

export function readinessOf(f: IssueFields): number {
  return assessReadiness({ ...f }).score;
}

/** File a new issue: validate, score readiness, route, store, record the event. */
export async function fileIssue(
  db: Db,
  actor: MaybeActor,
  fields: IssueFields,
): Promise<{ id: number }> {
  const capacity = assertCan(actor, "issue.file", NO_RESOURCE);
  const engine = await routingEngine(db);
  const routed = engine.route({ title: fields.title, text: routingText(fields) });
  const suggested = suggestionRecord(routed);
  const charterItem =
    fields.charterItem || (routed.charterItem.id !== "other" ? routed.charterItem.id : null);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(issues)
      .values({
        title: fields.title,
        problemStatement: fields.problemStatement,
        deviceClass: fields.deviceClass,
        scale: fields.scale,
        networkType: fields.networkType,
        desiredOutcome: fields.desiredOutcome,
        overlapNotes: fields.overlapNotes,
        interestedPeople: fields.interestedPeople,
        implementers: fields.implementers,
        slidesUrl: fields.slidesUrl,
        confidential: fields.confidential,
        readiness: readinessOf(fields),
        charterItem,
        ...suggested,
        submitterId: actor!.personId,
      })
      .returning({ id: issues.id });
    if (!row) throw new Error("insert returned no row");
    if (fields.relatedDocuments.length > 0) {
      await tx
        .insert(issueDocuments)
        .values(fields.relatedDocuments.map((d) => ({ issueId: row.id, documentName: d })));
    }
    await tx.delete(issueDrafts).where(eq(issueDrafts.personId, actor!.personId));
    await recordEvent(tx, {
      subjectType: "issue",
      subjectKey: row.id,
      type: "filed",
      actorId: actor!.personId,
      actorCapacity: capacity,
      groupAcronym: DISPATCH_GROUP,
      payload: {
        before: null,
        after: "submitted",
        title: fields.title,
        charterItem,
        chosenCharterItem: fields.charterItem || null,
        suggestedCharterItem: routed.charterItem.id,
        suggestedGroup: suggested.suggestedGroup,
        relatedDocuments: fields.relatedDocuments,
        confidential: fields.confidential,
      },
    });
    return { id: row.id };
  });
}
