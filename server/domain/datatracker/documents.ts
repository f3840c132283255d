import { parseDatatrackerImport, type ImportedDocument } from "../documents/import-parse";
import { isPlainObject, uriKey, uriPk, URI } from "./tastypie";

/** A state known by its Datatracker id: its state type (axis) and slug. */
export interface KnownState {
  type: string;
  slug: string;
}

/** A document as the sync stores it: the import's fields, and one state per axis on every axis. */
export interface SyncedDocument extends Omit<ImportedDocument, "states" | "time"> {
  /** State slug by state type, on every axis the Datatracker reports (draft, WG, IESG, RFC Editor, IANA, ...). */
  states: Record<string, string>;
  /** When the document last changed in the Datatracker (ISO-8601 UTC). */
  time: string;
}

export type MappedDocument =
  | { kind: "document"; value: SyncedDocument; warnings: string[] }
  /** Well-formed, but not ours to sync (a charter, slides, ...). */
  | { kind: "skip"; reason: string }
  | { kind: "error"; problem: string }
  /** States it refers to that are not known yet: fetch them, then map again. */
  | { kind: "needs-states"; pks: number[] };

export interface DocumentContext {
  groupAcronymsByPk: Readonly<Record<number, string>>;
  stateByPk: (pk: number) => KnownState | undefined;
}

/**
 * Map one `/api/v1/doc/document/` object. The fields are read by the document
 * import's parser (one vocabulary, one set of rules); the states are read here,
 * on every axis, from the Datatracker's state ids.
 */
export function mapDocument(o: unknown, ctx: DocumentContext): MappedDocument {
  if (!isPlainObject(o)) return { kind: "error", problem: "expected a document object" };
  const states: Record<string, string> = {};
  const unknown: number[] = [];
  const raw = o.states ?? [];
  if (!Array.isArray(raw)) return { kind: "error", problem: `"states" must be an array` };
  for (const [i, entry] of raw.entries()) {
    let known: KnownState | undefined;
    if (isPlainObject(entry)) {
      const type = uriKey(entry.type, URI.stateType);
      if (type === null || typeof entry.slug !== "string") {
        return { kind: "error", problem: `"states[${i}]" must have a state "type" and a "slug"` };
      }
      known = { type, slug: entry.slug };
    } else {
      const pk = uriPk(entry, URI.state) ?? (typeof entry === "number" ? entry : null);
      if (pk === null)
        return { kind: "error", problem: `"states[${i}]" must be a ${URI.state}<id>/ URI` };
      known = ctx.stateByPk(pk);
      if (!known) {
        unknown.push(pk);
        continue;
      }
    }
    const prior = states[known.type];
    if (prior !== undefined && prior !== known.slug) {
      return {
        kind: "error",
        problem: `"states" has two ${known.type} states: "${prior}" and "${known.slug}"`,
      };
    }
    states[known.type] = known.slug;
  }
  if (unknown.length > 0) return { kind: "needs-states", pks: [...new Set(unknown)] };

  // The import's parser checks name, revision, title, group, stream, level, tags,
  // AD, shepherd and time; its own state reading covers three axes only, so the
  // states are left to the reading above.
  const parsed = parseDatatrackerImport(JSON.stringify([{ ...o, states: [] }]), {
    groupAcronymsByPk: ctx.groupAcronymsByPk,
    maxErrors: 5,
  });
  if (!parsed.ok) {
    return { kind: "error", problem: parsed.errors.map((e) => e.problem).join("; ") };
  }
  if (parsed.skipped[0]) return { kind: "skip", reason: parsed.skipped[0].problem };
  const record = parsed.records[0];
  if (!record) return { kind: "error", problem: "the document could not be read" };
  if (record.time === null) return { kind: "error", problem: `"time" is missing` };
  return {
    kind: "document",
    value: { ...record, states, time: record.time },
    warnings: parsed.warnings.map((w) => w.problem),
  };
}

/** A state object from `/api/v1/doc/state/`, for the vocabulary. */
export interface MappedState {
  datatrackerId: number;
  type: string;
  slug: string;
  name: string;
  order: number;
  used: boolean;
  /** Datatracker ids of the suggested next states. */
  nextStateIds: number[];
  description: string;
}

export function mapState(
  o: unknown,
): { ok: true; value: MappedState } | { ok: false; problem: string } {
  if (!isPlainObject(o)) return { ok: false, problem: "expected a state object" };
  const id =
    typeof o.id === "number" && Number.isInteger(o.id) && o.id > 0
      ? o.id
      : uriPk(o.resource_uri, URI.state);
  if (id === null) return { ok: false, problem: `"id" must be a positive integer` };
  const type = uriKey(o.type, URI.stateType);
  if (type === null || !/^[a-z0-9][a-z0-9-]{0,39}$/.test(type)) {
    return { ok: false, problem: `"type" must be a ${URI.stateType}<slug>/ URI` };
  }
  if (typeof o.slug !== "string" || !/^[a-z0-9][a-z0-9_.-]{0,59}$/.test(o.slug)) {
    return { ok: false, problem: `"slug" must be a state slug` };
  }
  if (typeof o.name !== "string" || o.name.trim() === "")
    return { ok: false, problem: `"name" must be a non-empty string` };
  const next: number[] = [];
  if (o.next_states !== undefined && o.next_states !== null) {
    if (!Array.isArray(o.next_states))
      return { ok: false, problem: `"next_states" must be an array` };
    for (const n of o.next_states) {
      const pk = uriPk(n, URI.state);
      if (pk === null)
        return { ok: false, problem: `"next_states" must hold ${URI.state}<id>/ URIs` };
      next.push(pk);
    }
  }
  return {
    ok: true,
    value: {
      datatrackerId: id,
      type,
      slug: o.slug,
      name: o.name.trim(),
      order: typeof o.order === "number" && Number.isInteger(o.order) ? o.order : 0,
      used: o.used !== false,
      nextStateIds: next,
      description: typeof o.desc === "string" ? o.desc.trim() : "",
    },
  };
}

/** The Datatracker's page for a document: where its states are changed. */
export function documentDatatrackerUrl(name: string): string {
  return `https://datatracker.ietf.org/doc/${encodeURIComponent(name)}/`;
}
