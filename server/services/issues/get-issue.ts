import { resolveReferences } from "./text-references";
import { latestReturnNote } from "~/server/domain/dispatch/return-note";
import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "~/db/client";
import {
  dispatchedRevisions,
  documents,
  documentStates,
  issueComments,
  issueDocuments,
  people,
} from "~/db/schema";
import { legalCommands } from "~/server/domain/dispatch/machine";
import { assessReadiness } from "~/server/domain/dispatch/readiness";
import { checkDispatchOnce } from "~/server/domain/dispatch/dispatch-once";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { COMMAND_ACTION } from "~/server/domain/permissions/issue-commands";
import { can } from "~/server/domain/permissions/policy";
import { loadTimeline } from "../events";
import { issueResource, loadVisibleIssue } from "./access";
import { hiddenIssueIds, redactIssueRefs, redactSimilarIssues } from "./issue-refs";

/**
 * Linked documents with their current revision and states, and past dispatches
 * of them. A past dispatch by an issue the actor may not see keeps its revision
 * (the dispatch-once rule still applies) but not its issue number.
 */
export async function linkedDocuments(db: Db, issueId: number, actor: MaybeActor) {
  const links = await db
    .select({
      name: issueDocuments.documentName,
      title: documents.title,
      rev: documents.rev,
      group: documents.groupAcronym,
    })
    .from(issueDocuments)
    .leftJoin(documents, eq(documents.name, issueDocuments.documentName))
    .where(eq(issueDocuments.issueId, issueId))
    .orderBy(asc(issueDocuments.documentName));
  const names = links.map((l) => l.name);
  const states = names.length
    ? await db.select().from(documentStates).where(inArray(documentStates.documentName, names))
    : [];
  const dispatched = names.length
    ? await db
        .select({
          name: dispatchedRevisions.documentName,
          rev: dispatchedRevisions.rev,
          issueNumber: dispatchedRevisions.issueId,
        })
        .from(dispatchedRevisions)
        .where(inArray(dispatchedRevisions.documentName, names))
    : [];
  const hidden = await hiddenIssueIds(
    db,
    actor,
    dispatched.map((d) => d.issueNumber),
  );
  return {
    documents: links.map((l) => ({
      ...l,
      known: l.title !== null,
      states: Object.fromEntries(
        states.filter((s) => s.documentName === l.name).map((s) => [s.stateType, s.slug]),
      ) as Record<string, string>,
    })),
    dispatched: dispatched.map((d) => ({
      ...d,
      issueNumber: hidden.has(d.issueNumber) ? null : d.issueNumber,
    })),
  };
}

/** Everything the issue page shows, for an actor allowed to see the issue. */
export async function getIssue(db: Db, actor: MaybeActor, id: number) {
  const row = await loadVisibleIssue(db, actor, id);
  const resource = issueResource(row);
  const [submitter] = await db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(eq(people.id, row.submitterId));
  const [chair] = row.responsibleChairId
    ? await db
        .select({ id: people.id, name: people.name })
        .from(people)
        .where(eq(people.id, row.responsibleChairId))
    : [];
  const { documents: docs, dispatched } = await linkedDocuments(db, id, actor);
  const comments = await db
    .select({
      id: issueComments.id,
      body: issueComments.body,
      createdAt: issueComments.createdAt,
      authorName: people.name,
    })
    .from(issueComments)
    .innerJoin(people, eq(people.id, issueComments.authorId))
    .where(eq(issueComments.issueId, id))
    .orderBy(asc(issueComments.id));
  const timeline = await redactIssueRefs(db, actor, await loadTimeline(db, "issue", id));
  const duplicateOf =
    row.duplicateOf !== null && (await hiddenIssueIds(db, actor, [row.duplicateOf])).size > 0
      ? null
      : row.duplicateOf;

  const [suggestion] = await redactSimilarIssues(db, actor, [row.suggestion]);
  const recommendation = row.recommendation;
  const commands = legalCommands(row.state, { recommendation }).filter((c) =>
    can(actor, COMMAND_ACTION[c], resource),
  );
  const dispatchOnce = checkDispatchOnce(
    docs.filter((d) => d.known).map((d) => ({ name: d.name, rev: d.rev })),
    dispatched,
  );
  const returnNote = latestReturnNote(row.state, timeline);
  const references = await resolveReferences(db, actor, [
    row.problemStatement,
    row.desiredOutcome,
    row.overlapNotes,
    recommendation?.rationale ?? "",
    returnNote?.text ?? "",
    ...comments.map((c) => c.body),
  ]);
  return {
    issue: { ...row, suggestion: suggestion ?? null, recommendation, duplicateOf },
    submitter: submitter ?? null,
    responsibleChair: chair ?? null,
    readiness: assessReadiness({ ...row, relatedDocuments: docs.map((d) => d.name) }),
    documents: docs,
    comments,
    timeline,
    dispatchBlock: dispatchOnce.ok ? null : dispatchOnce.error.message,
    returnNote,
    /** What the Markdown fields may link to, resolved for this reader. */
    references,
    permissions: {
      commands,
      triage: can(actor, "issue.triage", resource),
      comment: can(actor, "issue.comment", resource),
      edit: can(actor, "issue.edit", resource),
      linkDocument: can(actor, "issue.link-document", resource),
    },
  };
}
