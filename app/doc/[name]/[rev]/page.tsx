import { notFound } from "next/navigation";
import { isRevision } from "~/server/domain/documents/names";
import { redirectToDocument } from "../../resolve";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ name: string; rev: string }> };

/** Datatracker-shaped /doc/<name>/<rev>/. */
export default async function DatatrackerDocumentRevision({ params }: Props) {
  const { name, rev } = await params;
  if (!isRevision(rev)) notFound();
  return redirectToDocument(name, rev);
}
