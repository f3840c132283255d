/** The Datatracker API import format: a `/api/v1/doc/document/` page (import-parse.ts). */
import { isTrackedStateType, TRACKED_STATE_TYPE_LABELS, type TrackedStateType } from "./machine";
import { groupFromDraftName, isRevision, normalizeRfcName, validateDraftName } from "./names";
import {
  findDocTag,
  findIntendedStdLevel,
  findState,
  isStateTypeSlug,
  stateByDatatrackerPk,
} from "./vocabulary";
import { issue, type Collector, type ImportParseOptions, type Where } from "./import-records";
import {
  isPlainObject,
  SLUG,
  type Field,
  good,
  bad,
  describe,
  apiPath,
  foreignKey,
  textField,
  optionalTextField,
  acronym,
} from "./import-fields";

const P = {
  docType: "/api/v1/name/doctypename/",
  stream: "/api/v1/name/streamname/",
  stdLevel: "/api/v1/name/intendedstdlevelname/",
  group: "/api/v1/group/group/",
  person: "/api/v1/person/person/",
  email: "/api/v1/person/email/",
  state: "/api/v1/doc/state/",
  stateType: "/api/v1/doc/statetype/",
  tag: "/api/v1/name/doctagname/",
  document: "/api/v1/doc/document/",
} as const;

const IMPORTED_TYPES = ["draft", "rfc"] as const;

export function parseApi(parsed: unknown, c: Collector, options: ImportParseOptions): void {
  let objects: unknown[];
  const top: Where = { line: null, index: null, name: null };
  if (Array.isArray(parsed)) {
    objects = parsed;
  } else if (isPlainObject(parsed) && ("objects" in parsed || "meta" in parsed)) {
    if (!Array.isArray(parsed.objects)) {
      return c.error(top, `"objects" must be an array, got ${describe(parsed.objects)}`);
    }
    objects = parsed.objects;
    pageWarning(parsed.meta, objects.length, c);
  } else if (isPlainObject(parsed)) {
    objects = [parsed];
  } else {
    return c.error(top, `expected a JSON object or array, got ${describe(parsed)}`);
  }
  if (objects.length === 0) return c.error(top, "the file has no documents");
  objects.forEach((o, i) => parseApiObject(o, i + 1, c, options));
}

function pageWarning(meta: unknown, count: number, c: Collector): void {
  if (!isPlainObject(meta)) return;
  const total = typeof meta.total_count === "number" ? meta.total_count : null;
  if (typeof meta.next === "string" && meta.next !== "") {
    c.warnings.push(
      issue(
        { line: null, index: null, name: null },
        `this is one page of a larger result (${count}${total !== null ? ` of ${total}` : ""} documents); fetch the other pages (next: ${meta.next}) to import them`,
      ),
    );
  }
}

function parseApiObject(
  o: unknown,
  index: number,
  c: Collector,
  options: ImportParseOptions,
): void {
  const where: Where = { line: null, index, name: null };
  if (!isPlainObject(o)) return c.error(where, `expected a document object, got ${describe(o)}`);
  if (typeof o.name !== "string" || o.name.trim() === "") {
    return c.error(
      where,
      o.name === undefined
        ? `"name" is missing`
        : `"name" must be a non-empty string, got ${describe(o.name)}`,
    );
  }
  where.name = o.name;
  const errors: string[] = [];
  const warn = (problem: string) => c.warnings.push(issue(where, problem));

  // Type first: documents we do not import are skipped, whatever their other fields.
  const type = foreignKey("type", o.type, P.docType, SLUG);
  if (!type.ok) return c.error(where, type.problem);
  const kind = type.value ?? (o.name.startsWith("rfc") ? "rfc" : "draft");
  if (!(IMPORTED_TYPES as readonly string[]).includes(kind)) {
    c.skipped.push(issue(where, `document type "${kind}" is not imported (only drafts and RFCs)`));
    return;
  }

  // Name and revision.
  let name = o.name;
  let rev: string | null = null;
  if (kind === "draft") {
    const n = validateDraftName(o.name);
    if (!n.ok) errors.push(`"name": ${n.error.message}`);
    if (!isRevision(o.rev)) errors.push(`"rev" must be two digits, got ${describe(o.rev)}`);
    else rev = o.rev;
  } else {
    const n = normalizeRfcName(o.name);
    if (!n.ok) errors.push(`"name": ${n.error.message}`);
    else name = n.value;
    if (o.rev !== undefined && o.rev !== null && o.rev !== "") {
      errors.push(`"rev" must be empty for an RFC, got ${describe(o.rev)}`);
    }
  }
  if (o.resource_uri !== undefined && o.resource_uri !== null) {
    const uri = foreignKey("resource_uri", o.resource_uri, P.document, null);
    if (!uri.ok) errors.push(uri.problem);
    else if (uri.value !== null && uri.value !== o.name) {
      errors.push(`"resource_uri" names ${describe(uri.value)}, not ${describe(o.name)}`);
    }
  }

  const title = textField("title", o.title);
  if (!title.ok) errors.push(title.problem);
  const abstract = optionalTextField("abstract", o.abstract);
  if (!abstract.ok) errors.push(abstract.problem);

  const group = apiGroup(o.group, name, kind, options);
  if (!group.ok) errors.push(group.problem);

  const stream = foreignKey("stream", o.stream, P.stream, SLUG);
  if (!stream.ok) errors.push(stream.problem);

  let intendedStdLevel: string | null = null;
  const level = foreignKey("intended_std_level", o.intended_std_level, P.stdLevel, SLUG);
  if (!level.ok) errors.push(level.problem);
  else if (level.value !== null) {
    if (findIntendedStdLevel(level.value)) intendedStdLevel = level.value;
    else
      errors.push(
        `"intended_std_level" ${describe(level.value)} is not a known intended standards level`,
      );
  }

  const states = apiStates(o.states, errors, warn);
  const tags = apiTags(o.tags, errors, warn);

  const ad = foreignKey("ad", typeof o.ad === "number" ? String(o.ad) : o.ad, P.person, null);
  if (!ad.ok) errors.push(ad.problem);
  const shepherd = apiShepherd(o.shepherd);
  if (!shepherd.ok) errors.push(shepherd.problem);

  const time = apiTime(o.time);
  if (!time.ok) errors.push(time.problem);

  if (errors.length > 0) {
    for (const e of errors) c.error(where, e);
    return;
  }
  c.claim(where, name);
  if (!title.ok || !abstract.ok || !group.ok || !stream.ok || !ad.ok || !shepherd.ok || !time.ok) {
    return; // unreachable: every failure above was recorded in `errors`
  }
  c.records.push({
    name,
    rev,
    title: title.value,
    abstract: abstract.value,
    group: group.value,
    stream: stream.value,
    intendedStdLevel,
    states,
    tags,
    ad: ad.value,
    shepherd: shepherd.value,
    time: time.value,
  });
}

function apiGroup(
  value: unknown,
  name: string,
  kind: string,
  options: ImportParseOptions,
): Field<string | null> {
  const fromName = () => good(kind === "draft" ? groupFromDraftName(name) : null);
  if (value === null || value === undefined || value === "") return fromName();
  if (isPlainObject(value)) {
    if (typeof value.acronym !== "string") return bad(`"group" object has no "acronym"`);
    return acronym("group.acronym", value.acronym);
  }
  if (typeof value !== "string")
    return bad(`"group" must be a URI, an acronym or an object, got ${describe(value)}`);
  const path = apiPath(value.trim());
  if (path.startsWith("/")) {
    const key = foreignKey("group", value, P.group, null);
    if (!key.ok) return key;
    const pk = Number(key.value);
    if (!Number.isInteger(pk))
      return bad(`"group" URI must end in a numeric pk, got ${describe(value)}`);
    const known = options.groupAcronymsByPk?.[pk];
    return known !== undefined ? acronym("group", known) : fromName();
  }
  return acronym("group", value);
}

function apiStates(
  value: unknown,
  errors: string[],
  warn: (problem: string) => void,
): Partial<Record<TrackedStateType, string>> {
  const states: Partial<Record<TrackedStateType, string>> = {};
  if (value === undefined || value === null) return states;
  if (!Array.isArray(value)) {
    errors.push(`"states" must be an array, got ${describe(value)}`);
    return states;
  }
  const unknownPks: string[] = [];
  const set = (type: string, slug: string, source: string) => {
    if (!isTrackedStateType(type)) return; // another axis (RFC Editor, IANA, charter, ...)
    const prior = states[type];
    if (prior !== undefined && prior !== slug) {
      errors.push(
        `"states" has two ${TRACKED_STATE_TYPE_LABELS[type]}s: ${describe(prior)} and ${describe(slug)} (${source})`,
      );
    } else {
      states[type] = slug;
    }
  };
  value.forEach((entry, i) => {
    if (typeof entry === "string" || typeof entry === "number") {
      const key = foreignKey(`states[${i}]`, String(entry), P.state, /^\d+$/);
      if (!key.ok || key.value === null || !/^\d+$/.test(key.value)) {
        errors.push(`"states[${i}]" must be a ${P.state}<pk>/ URI, got ${describe(entry)}`);
        return;
      }
      const found = stateByDatatrackerPk(Number(key.value));
      if (!found) unknownPks.push(key.value);
      else set(found.stateType, found.state.slug, `${P.state}${key.value}/`);
      return;
    }
    if (isPlainObject(entry)) {
      const t = foreignKey(`states[${i}].type`, entry.type, P.stateType, SLUG);
      if (!t.ok || t.value === null || typeof entry.slug !== "string") {
        errors.push(`"states[${i}]" must have a state "type" and a "slug"`);
        return;
      }
      if (!isStateTypeSlug(t.value)) {
        warn(`state type ${describe(t.value)} is not in our vocabulary; ignored`);
        return;
      }
      if (!findState(t.value, entry.slug)) {
        errors.push(`"states[${i}]": ${describe(entry.slug)} is not a known ${t.value} state`);
        return;
      }
      set(t.value, entry.slug, `states[${i}]`);
      return;
    }
    errors.push(`"states[${i}]" must be a URI or a state object, got ${describe(entry)}`);
  });
  if (unknownPks.length > 0) {
    warn(
      `state pk${unknownPks.length > 1 ? "s" : ""} ${unknownPks.join(", ")} not in our vocabulary (another axis?); ignored`,
    );
  }
  return states;
}

function apiTags(value: unknown, errors: string[], warn: (problem: string) => void): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    errors.push(`"tags" must be an array, got ${describe(value)}`);
    return [];
  }
  const tags: string[] = [];
  value.forEach((entry, i) => {
    const key = foreignKey(`tags[${i}]`, entry, P.tag, SLUG);
    if (!key.ok) return void errors.push(key.problem);
    if (key.value === null) return void errors.push(`"tags[${i}]" is empty`);
    if (!findDocTag(key.value))
      return warn(`tag ${describe(key.value)} is not in our vocabulary; ignored`);
    if (!tags.includes(key.value)) tags.push(key.value);
  });
  return tags;
}

function apiShepherd(value: unknown): Field<string | null> {
  if (typeof value === "string" && apiPath(value.trim()).startsWith(P.person)) {
    return foreignKey("shepherd", value, P.person, null);
  }
  return foreignKey("shepherd", value, P.email, null);
}

function apiTime(value: unknown): Field<string | null> {
  if (value === null || value === undefined || value === "") return good(null);
  if (typeof value !== "string")
    return bad(`"time" must be a date-time string, got ${describe(value)}`);
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(text)) {
    return bad(`"time" must be an ISO 8601 date-time, got ${describe(value)}`);
  }
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text) && text.length > 10;
  const iso = text.length === 10 ? `${text}T00:00:00Z` : hasZone ? text : `${text}Z`;
  const [y, m, d] = text.slice(0, 10).split("-").map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) {
    return bad(`"time" is not a real date: ${describe(value)}`);
  }
  const ms = Date.parse(iso.replace(" ", "T"));
  return Number.isNaN(ms)
    ? bad(`"time" is not a real date: ${describe(value)}`)
    : good(new Date(ms).toISOString());
}
