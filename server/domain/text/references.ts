/**
 * References in contributor text: RFC numbers ("RFC 8995", "rfc8995"), Internet-Draft
 * names ("draft-ietf-suit-manifest-25"), issue numbers ("#12") and group acronyms
 * written in capitals ("SUIT", "ANIMA"). Acronyms count only in capitals, because
 * many are also English words ("core", "ace"). Scanning finds the candidates a
 * server must resolve; linking turns text into plain and linked segments, using
 * only what the server resolved for the reader.
 */
import { datatrackerDocumentUrl } from "../documents/datatracker-links";
import { RFC_NUMBER_MAX, stripDraftRevision, validateDraftName } from "../documents/names";

/** What the server resolved for one reader. Issues are only those the reader may see. */
export interface ReferenceContext {
  issues: readonly number[];
  /** Canonical names of documents the tracker follows (`rfc8995`, `draft-...`). */
  documents: readonly string[];
  /** Lowercase acronyms of groups the tracker knows. */
  groups: readonly string[];
}

export const NO_REFERENCES: ReferenceContext = { issues: [], documents: [], groups: [] };

export type Segment = { text: string; href?: undefined } | { text: string; href: string };

type Reference =
  | { kind: "issue"; id: number }
  | { kind: "document"; name: string }
  | { kind: "group"; acronym: string };

/** Bounded so a pasted novel cannot make the scan slow. */
const MAX_TEXT = 100_000;
const ISSUE_ID_MAX = 2 ** 31 - 1;

// One pass, left to right. Each alternative must stand alone as a word: nothing
// word-like or URL-like directly before or after it.
const TOKEN =
  /(?<![\w/#&.-])(?:#(\d{1,10})|[Rr][Ff][Cc][ \u00a0]?(\d{1,6})|(draft-[a-z0-9]+(?:-[a-z0-9]+)+)|([A-Z][A-Z0-9]{1,11}))(?![\w-]|\.\w)/g;

function classify(m: RegExpExecArray): Reference | null {
  const [, issue, rfc, draft, acronym] = m;
  if (issue !== undefined) {
    const id = Number(issue);
    return id >= 1 && id <= ISSUE_ID_MAX ? { kind: "issue", id } : null;
  }
  if (rfc !== undefined) {
    const n = Number(rfc);
    return n >= 1 && n <= RFC_NUMBER_MAX ? { kind: "document", name: `rfc${n}` } : null;
  }
  if (draft !== undefined) {
    const name = validateDraftName(stripDraftRevision(draft));
    return name.ok ? { kind: "document", name: name.value } : null;
  }
  if (acronym !== undefined) return { kind: "group", acronym: acronym.toLowerCase() };
  return null;
}

function* references(text: string): Generator<{ ref: Reference; index: number; raw: string }> {
  const src = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  for (const m of src.matchAll(TOKEN)) {
    const ref = classify(m);
    if (ref) yield { ref, index: m.index, raw: m[0] };
  }
}

/** The candidates in `texts`, for the server to resolve (deduplicated, bounded). */
export function scanReferences(texts: readonly string[], max = 500) {
  const issues = new Set<number>();
  const documents = new Set<string>();
  const groups = new Set<string>();
  for (const t of texts) {
    for (const { ref } of references(t)) {
      if (issues.size + documents.size + groups.size >= max) break;
      if (ref.kind === "issue") issues.add(ref.id);
      else if (ref.kind === "document") documents.add(ref.name);
      else groups.add(ref.acronym);
    }
  }
  return { issues: [...issues], documents: [...documents], groups: [...groups] };
}

function hrefOf(ref: Reference, ctx: ResolvedContext): string | null {
  switch (ref.kind) {
    case "issue":
      return ctx.issues.has(ref.id) ? `/issues/${ref.id}` : null;
    case "document":
      return ctx.documents.has(ref.name)
        ? `/documents/${ref.name}`
        : datatrackerDocumentUrl(ref.name);
    case "group":
      return ctx.groups.has(ref.acronym) ? `/groups/${ref.acronym}` : null;
  }
}

interface ResolvedContext {
  issues: ReadonlySet<number>;
  documents: ReadonlySet<string>;
  groups: ReadonlySet<string>;
}

export function resolvedContext(ctx: ReferenceContext): ResolvedContext {
  return {
    issues: new Set(ctx.issues),
    documents: new Set(ctx.documents),
    groups: new Set(ctx.groups),
  };
}

/**
 * `text` as plain and linked segments. An issue the reader may not see (or that
 * does not exist) and an unknown acronym stay plain text; an untracked RFC or
 * draft links to the Datatracker.
 */
export function linkSegments(text: string, ctx: ResolvedContext): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const { ref, index, raw } of references(text)) {
    const href = hrefOf(ref, ctx);
    if (href === null) continue;
    if (index > at) out.push({ text: text.slice(at, index) });
    out.push({ text: raw, href });
    at = index + raw.length;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at) });
  return out;
}
