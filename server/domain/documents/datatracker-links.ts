/** Where the IETF Datatracker shows a document (draft name without revision, or `rfcNNNN`). */
export function datatrackerDocumentUrl(name: string): string {
  return `https://datatracker.ietf.org/doc/${encodeURIComponent(name)}/`;
}

/** A Datatracker person id as stored from its API (`100002`), or null for names and emails. */
export function datatrackerPersonId(value: string): string | null {
  const m = /^(?:\/api\/v1\/person\/person\/)?(\d{1,10})\/?$/.exec(value.trim());
  return m ? m[1]! : null;
}
