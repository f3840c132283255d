import { notFound, redirect } from "next/navigation";
import { parseDocumentRef } from "~/server/domain/documents/names";
import { api, orNotFound } from "../_trpc/server";

/**
 * Answers a Datatracker document URL (/doc/<name>/, /doc/<name>/<rev>/,
 * /doc/rfc<N>/) with a redirect to the tracked document. A name with a
 * revision suffix (draft-ietf-suit-manifest-34) finds the document. A name
 * that is malformed or not tracked here is a 404 that points to the Datatracker.
 */
export async function redirectToDocument(name: string, rev?: string): Promise<never> {
  const raw = decodeURIComponent(name);
  const ref = parseDocumentRef(rev === undefined ? raw : `${raw}-${decodeURIComponent(rev)}`);
  if (!ref.ok) notFound();
  const caller = await api();
  const doc = await orNotFound(caller.document.get({ name: ref.value.name }));
  redirect(`/documents/${encodeURIComponent(doc.document.name)}`);
}
