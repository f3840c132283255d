import Link from "next/link";
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

/** The display name of a document's state on one axis, or "—" when it has none. */
export function docStateName(
  type: StateTypeSlug,
  states: Partial<Record<string, string | null>>,
): string {
  const slug = states[type];
  return slug ? stateName(type, slug) : "—";
}
