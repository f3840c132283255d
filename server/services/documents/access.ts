import { eq } from "drizzle-orm";
import type { Queryable } from "~/db/client";
import { documentAuthors, documents, documentStates, groups } from "~/db/schema";
import { DomainError } from "~/server/domain/errors";
import type { DocumentStates } from "~/server/domain/documents/machine";
import type { DocumentResource } from "~/server/domain/permissions/policy";

export type DocumentRow = typeof documents.$inferSelect;

/** Load a document with what the policy and the state machine need. */
export async function loadDocument(
  db: Queryable,
  name: string,
  opts: { forUpdate?: boolean } = {},
) {
  const q = db.select().from(documents).where(eq(documents.name, name));
  const [doc] = opts.forUpdate ? await q.for("update") : await q;
  if (!doc)
    throw new DomainError("NOT_FOUND", `There is no document called ${name} in the tracker.`);
  const stateRows = await db
    .select()
    .from(documentStates)
    .where(eq(documentStates.documentName, name));
  const states: Record<string, string> = {};
  for (const s of stateRows) states[s.stateType] = s.slug;
  const authors = await db
    .select()
    .from(documentAuthors)
    .where(eq(documentAuthors.documentName, name))
    .orderBy(documentAuthors.position);
  const [group] = doc.groupAcronym
    ? await db
        .select({ area: groups.area })
        .from(groups)
        .where(eq(groups.acronym, doc.groupAcronym))
    : [];
  const resource: DocumentResource = {
    kind: "document",
    group: doc.groupAcronym,
    area: group?.area ?? null,
    adEmail: doc.ad && doc.ad.includes("@") ? doc.ad : null,
    authorEmails: authors.map((a) => a.email).filter((e): e is string => !!e),
  };
  return { doc, states: states as DocumentStates & Record<string, string>, authors, resource };
}

export function assertDocumentVersion(doc: DocumentRow, expectedVersion: number) {
  if (doc.version !== expectedVersion) {
    throw new DomainError(
      "CONFLICT",
      `${doc.name} was changed by someone else while you were looking at it. Reload to see the changes, then try again.`,
      { current: { version: doc.version, updatedAt: doc.updatedAt.toISOString() } },
    );
  }
}
