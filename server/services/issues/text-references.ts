import { inArray } from "drizzle-orm";
import type { Queryable } from "~/db/client";
import { documents, groups } from "~/db/schema";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { scanReferences, type ReferenceContext } from "~/server/domain/text/references";
import { hiddenIssueIds } from "./issue-refs";

/**
 * Resolve the references in texts an actor is about to read: the issues among
 * them that exist and the actor may see (others stay plain text, so a
 * confidential issue's existence is not revealed), the documents the tracker
 * follows, and the groups it knows.
 */
export async function resolveReferences(
  db: Queryable,
  actor: MaybeActor,
  texts: readonly string[],
): Promise<ReferenceContext> {
  const found = scanReferences(texts);
  const hidden = await hiddenIssueIds(db, actor, found.issues);
  const [docs, known] = await Promise.all([
    found.documents.length === 0
      ? []
      : db
          .select({ name: documents.name })
          .from(documents)
          .where(inArray(documents.name, found.documents)),
    found.groups.length === 0
      ? []
      : db
          .select({ acronym: groups.acronym })
          .from(groups)
          .where(inArray(groups.acronym, found.groups)),
  ]);
  return {
    issues: found.issues.filter((id) => !hidden.has(id)),
    documents: docs.map((d) => d.name),
    groups: known.map((g) => g.acronym),
  };
}
