import Link from "next/link";
import { datatrackerDocumentUrl } from "~/server/domain/documents/datatracker-links";
import { stateName, type StateTypeSlug } from "~/server/domain/documents/vocabulary";

/** A document's name and revision (`draft-x-03`), linked to its page. */
export function DocumentLink({ name, rev }: { name: string; rev: string | null }) {
  return (
    <Link href={`/documents/${name}`}>
      {name}
      {rev ? `-${rev}` : ""}
    </Link>
  );
}

/** A document named on an issue that the tracker does not follow yet: its Datatracker page. */
export function UntrackedDocumentLink({ name }: { name: string }) {
  return (
    <>
      <a href={datatrackerDocumentUrl(name)} rel="noreferrer">
        {name}
      </a>{" "}
      <span className="text-xs text-slate-600">(not yet tracked; on the Datatracker)</span>
    </>
  );
}

/** The display name of a document's state on one axis, or "—" when it has none. */
export function docStateName(
  type: StateTypeSlug,
  states: Partial<Record<string, string | null>>,
): string {
  const slug = states[type];
  return slug ? stateName(type, slug) : "—";
}
