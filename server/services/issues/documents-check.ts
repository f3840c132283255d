import { inArray } from "drizzle-orm";
import type { Queryable } from "~/db/client";
import { documents } from "~/db/schema";
import { DomainError } from "~/server/domain/errors";
import { isDraftName } from "~/server/domain/documents/names";
import { dice, titleTerms } from "~/server/domain/intake/similarity";

/**
 * Internet-Drafts must be known to the tracker so their states can be followed;
 * RFCs are accepted by number. Unknown drafts get a message with close matches.
 */
export async function assertKnownDocuments(
  db: Queryable,
  names: readonly string[],
  field = "relatedDocuments",
): Promise<void> {
  const drafts = names.filter((n) => isDraftName(n));
  if (drafts.length === 0) return;
  const known = await db
    .select({ name: documents.name })
    .from(documents)
    .where(inArray(documents.name, drafts));
  const knownSet = new Set(known.map((k) => k.name));
  const unknown = drafts.filter((d) => !knownSet.has(d));
  if (unknown.length === 0) return;
  const all = await db.select({ name: documents.name }).from(documents);
  const messages = unknown.map((u) => {
    const terms = titleTerms(u.replace(/-/g, " "));
    const close = all
      .map((a) => ({ name: a.name, s: dice(terms, titleTerms(a.name.replace(/-/g, " "))) }))
      .filter((a) => a.s >= 0.5)
      .sort((a, b) => b.s - a.s)
      .slice(0, 2)
      .map((a) => a.name);
    return `${u} is not in the document tracker.${close.length ? ` Did you mean ${close.join(" or ")}?` : " Check the spelling, or ask the secretariat to import it."}`;
  });
  throw new DomainError("VALIDATION", messages.join(" "), { fieldErrors: { [field]: messages } });
}
