import { DomainError, fail, ok, type Result } from "~/server/domain/errors";

/**
 * Document names and revisions.
 *
 * Internet-Draft names follow the Datatracker's submission check
 * (`validate_submission_name` in ietf/submit/utils.py): `draft-`, then a lowercase
 * letter, then lowercase ASCII letters, digits and hyphens; at most 50 characters;
 * no empty hyphen-separated part (so no "--" and no trailing "-"); at least three
 * parts. The name never carries the revision: `draft-foo-bar-07` is the file name
 * of revision 07 of `draft-foo-bar`, so a name ending in `-NN` is rejected here and
 * split by {@link parseDocumentRef}.
 *
 * RFCs are named `rfc<number>` without leading zeros, as in the Datatracker
 * (`rfc9019`, `rfc791`).
 */

export const DRAFT_NAME_MAX_LENGTH = 50;
export const RFC_NUMBER_MAX = 99_999;

export type DocumentKind = "draft" | "rfc";

export interface DocumentRef {
  kind: DocumentKind;
  name: string;
  /** Two-digit revision, or `null` when none was given (always `null` for RFCs). */
  rev: string | null;
}

const DRAFT_CHARS = /^[a-z0-9-]+$/;
const REV_SUFFIX = /-(\d{2})$/;
const RFC_INPUT = /^rfc[\s-]*0*(\d+)$/i;
const FILE_EXTENSION = /\.(txt|xml|html|htm|pdf)$/i;
const REVISION = /^\d{2}$/;

/**
 * A draft name as written, reduced to the document: lowercased and without a
 * trailing `-NN` revision (`Draft-IETF-SUIT-Manifest-07` -> `draft-ietf-suit-manifest`).
 * No validity check; see {@link parseDocumentRef} for that.
 */
export function stripDraftRevision(name: string): string {
  return name.toLowerCase().replace(REV_SUFFIX, "");
}

/** Strict check of an Internet-Draft name (no revision suffix, already lowercase). */
export function validateDraftName(name: string): Result<string> {
  if (typeof name !== "string" || name.trim() === "") {
    return fail("VALIDATION", "The document name is empty.", { name });
  }
  const bad = (message: string) => fail<string>("VALIDATION", message, { name });
  if (name !== name.trim()) return bad(`"${name}" has leading or trailing spaces.`);
  if (/[A-Z]/.test(name)) {
    return bad(`"${name}" has uppercase letters; Internet-Draft names are lowercase.`);
  }
  if (!name.startsWith("draft-")) {
    return bad(`Internet-Draft names start with "draft-"; got "${name}".`);
  }
  if (FILE_EXTENSION.test(name)) {
    return bad(`"${name}" looks like a file name; give the draft name without the extension.`);
  }
  if (!DRAFT_CHARS.test(name)) {
    return bad(`"${name}" has characters other than lowercase ASCII letters, digits and hyphens.`);
  }
  const rev = REV_SUFFIX.exec(name)?.[1];
  if (rev !== undefined) {
    return bad(
      `"${name}" ends in a revision number; the name is "${name.slice(0, -3)}" and the revision "${rev}".`,
    );
  }
  if (name.length > DRAFT_NAME_MAX_LENGTH) {
    return bad(
      `Internet-Draft names are at most ${DRAFT_NAME_MAX_LENGTH} characters; "${name}" has ${name.length}.`,
    );
  }
  const parts = name.split("-");
  if (parts.includes("")) {
    return bad(`"${name}" has two hyphens in a row or ends with a hyphen.`);
  }
  if (!/^[a-z]/.test(parts[1] ?? "")) {
    return bad(`The part after "draft-" must start with a letter; got "${name}".`);
  }
  if (parts.length < 3) {
    return bad(
      `"${name}" needs at least three hyphen-separated parts, e.g. draft-<author>-<topic>.`,
    );
  }
  return ok(name);
}

export function isDraftName(name: string): boolean {
  return validateDraftName(name).ok;
}

/** Accepts "RFC 9019", "rfc9019", "RFC-9019", "rfc09019"; returns the canonical "rfc9019". */
export function normalizeRfcName(input: string): Result<string> {
  const m = RFC_INPUT.exec(typeof input === "string" ? input.trim() : "");
  const digits = m?.[1];
  if (digits === undefined) {
    return fail("VALIDATION", `"${input}" is not an RFC reference; expected e.g. "RFC 9019".`, {
      name: input,
    });
  }
  const n = Number(digits);
  if (n < 1 || n > RFC_NUMBER_MAX) {
    return fail("VALIDATION", `RFC numbers run from 1 to ${RFC_NUMBER_MAX}; got "${input}".`, {
      name: input,
    });
  }
  return ok(`rfc${n}`);
}

/** The number of a canonical RFC name ("rfc9019" -> 9019), else `null`. */
export function rfcNumber(name: string): number | null {
  const m = /^rfc([1-9]\d*)$/.exec(name);
  return m?.[1] !== undefined ? Number(m[1]) : null;
}

/**
 * Validate a document name: a strict draft name, or any accepted RFC spelling
 * (normalised to `rfcNNNN`).
 */
export function validateDocumentName(name: string): Result<{ kind: DocumentKind; name: string }> {
  if (typeof name === "string" && /^rfc/i.test(name.trim())) {
    const r = normalizeRfcName(name);
    return r.ok ? ok({ kind: "rfc", name: r.value }) : r;
  }
  const r = validateDraftName(name);
  return r.ok ? ok({ kind: "draft", name: r.value }) : r;
}

/** Reduce a pasted Datatracker / archive / RFC Editor URL to its document part. */
function stripUrl(input: string): string {
  if (!/^https?:\/\//i.test(input)) return input;
  let path: string;
  try {
    path = new URL(input).pathname;
  } catch {
    return input;
  }
  const segments = path.split("/").filter((s) => s !== "");
  const last = segments.at(-1) ?? "";
  const previous = segments.at(-2);
  // /doc/draft-foo-bar/07/ names a revision in its own path segment.
  if (REVISION.test(last) && previous !== undefined && previous.startsWith("draft-")) {
    return `${previous}-${last}`;
  }
  return last;
}

/**
 * Parse what a person types or pastes: "draft-ietf-suit-manifest-25",
 * "draft-ietf-suit-manifest", "draft-ietf-suit-manifest-25.txt", "RFC 9019", or a
 * Datatracker/archive/RFC Editor URL. Input is trimmed and lowercased; the name is
 * then checked strictly.
 */
export function parseDocumentRef(input: string): Result<DocumentRef> {
  if (typeof input !== "string" || input.trim() === "") {
    return fail("VALIDATION", "The document reference is empty.", { input });
  }
  const text = stripUrl(input.trim()).replace(FILE_EXTENSION, "").toLowerCase();
  if (/^rfc/.test(text)) {
    const r = normalizeRfcName(text);
    return r.ok ? ok({ kind: "rfc", name: r.value, rev: null }) : r;
  }
  const rev = REV_SUFFIX.exec(text)?.[1] ?? null;
  const name = stripDraftRevision(text);
  const r = validateDraftName(name);
  if (!r.ok) return r;
  return ok({ kind: "draft", name: r.value, rev });
}

export function isRevision(rev: unknown): rev is string {
  return typeof rev === "string" && REVISION.test(rev);
}

export function validateRevision(rev: string): Result<string> {
  return isRevision(rev)
    ? ok(rev)
    : fail("VALIDATION", `A revision is two digits from "00" to "99"; got "${rev}".`, { rev });
}

function requireRevision(rev: string): number {
  const r = validateRevision(rev);
  if (!r.ok) throw r.error;
  return Number(rev);
}

/**
 * The revision after `rev`; `null` (no revision yet) gives "00".
 * Throws a `VALIDATION` DomainError for a malformed revision or after "99".
 */
export function nextRevision(rev: string | null): string {
  if (rev === null) return "00";
  const n = requireRevision(rev);
  if (n >= 99) {
    throw new DomainError("VALIDATION", `Revision "${rev}" is the last one; there is no "100".`, {
      rev,
    });
  }
  return String(n + 1).padStart(2, "0");
}

/**
 * Sort comparator for revisions: negative if `a` is older. `null` (no revision)
 * sorts before "00". Throws a `VALIDATION` DomainError for malformed revisions.
 */
export function compareRevisions(a: string | null, b: string | null): number {
  const na = a === null ? -1 : requireRevision(a);
  const nb = b === null ? -1 : requireRevision(b);
  return na - nb;
}

/**
 * The group a draft name points at: `draft-ietf-<wg>-...` -> wg and
 * `draft-irtf-<rg>-...` -> rg. `null` for any other draft (individual, IAB, ...),
 * for RFCs and for invalid names.
 */
export function groupFromDraftName(name: string): string | null {
  const m = /^draft-(?:ietf|irtf)-([a-z0-9]+)-[a-z0-9]/.exec(name);
  return m?.[1] ?? null;
}
