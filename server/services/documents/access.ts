import { eq } from "drizzle-orm";
import type { Queryable } from "~/db/client";
import { accounts, documentAuthors, documents, documentStates, groups, people } from "~/db/schema";
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
    adEmail: await responsibleAdEmail(db, doc.ad),
    authorEmails: authors.map((a) => a.email).filter((e): e is string => !!e),
    mirrored: doc.datatrackerTime !== null,
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

/**
 * The responsible AD's e-mail. Datatracker imports record the AD as a person id;
 * it is resolved through a linked Datatracker sign-in. An AD we cannot identify
 * still counts as recorded, so other ADs are not let in by default: only the
 * secretariat can act until that AD signs in with the Datatracker.
 */
async function responsibleAdEmail(db: Queryable, ad: string | null): Promise<string | null> {
  if (!ad) return null;
  if (ad.includes("@")) return ad;
  const [linked] = await db
    .select({ email: people.email })
    .from(accounts)
    .innerJoin(people, eq(people.id, accounts.personId))
    .where(eq(accounts.providerAccountId, ad));
  return linked?.email ?? `unresolved-datatracker-person:${ad}`;
}
