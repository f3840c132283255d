import { fail, ok, type Result } from "~/server/domain/errors";

/**
 * "An I-D is not dispatched more than once unless the proposal has been
 * substantially revised" (DISPATCH charter). We make "substantially revised"
 * checkable: a newer revision of the draft must be linked.
 *
 * Rules:
 * - Only Internet-Drafts count (`draft-...`). RFCs (`rfcNNNN`) and anything
 *   else are ignored: an RFC is published work, not a proposal being dispatched.
 * - A linked draft is blocked when some issue (this one or any other) already
 *   dispatched the same revision or a newer one. A linked revision newer than
 *   every dispatched revision of that draft clears it.
 * - A draft linked without a revision is blocked if any revision of it was
 *   dispatched, because we cannot tell whether it is newer; link a specific
 *   revision. If it was never dispatched, a missing revision is fine.
 * - Names compare case-insensitively; revisions compare as numbers ("03" < "10").
 *
 * Refusals use CONFLICT, not INVALID_TRANSITION: the issue's state may well
 * allow approval, and nothing about the state has to change. What conflicts is
 * the recorded dispatch history, and linking a newer revision resolves it.
 * A revision that is not a number is VALIDATION.
 */

export interface LinkedDocument {
  name: string;
  /** The linked revision ("00", "01", ...); null for RFCs or when none was given. */
  rev: string | null;
}

export interface DispatchedRevision {
  name: string;
  rev: string;
  /** The issue whose dispatch sent this revision; null when the reader may not see it. */
  issueNumber: number | null;
}

/** One draft that stands in the way, as reported in `details.blocked`. */
export interface DispatchOnceBlock {
  name: string;
  linkedRev: string | null;
  dispatchedRev: string;
  issueNumber: number | null;
}

const REV = /^\d{1,3}$/;

/**
 * True for anything shaped like an Internet-Draft name (`draft-...`, any case),
 * false for RFCs and others. Looser than `isDraftName` in documents/names.ts
 * (which validates a canonical name): here it only has to tell drafts from RFCs,
 * whatever the case or spacing of the list it is given.
 */
export function looksLikeDraftName(name: string): boolean {
  return /^draft-[a-z0-9]/.test(name.trim().toLowerCase());
}

function normalName(name: string): string {
  return name.trim().toLowerCase();
}

function nextRev(rev: string): string {
  return String(Number(rev) + 1).padStart(2, "0");
}

export function checkDispatchOnce(
  linked: readonly LinkedDocument[],
  alreadyDispatched: readonly DispatchedRevision[],
): Result<void> {
  const badRevs = [
    ...linked
      .filter((d) => looksLikeDraftName(d.name) && d.rev !== null && !REV.test(d.rev.trim()))
      .map((d) => `${d.name} (linked) has revision "${d.rev}"`),
    ...alreadyDispatched
      .filter((d) => !REV.test(d.rev.trim()))
      .map((d) => `${d.name} (dispatched by ${issueName(d.issueNumber)}) has revision "${d.rev}"`),
  ];
  if (badRevs.length > 0) {
    return fail(
      "VALIDATION",
      `Cannot compare draft revisions: ${badRevs.join("; ")}. A revision is a number such as 00 or 07.`,
      { fieldErrors: { rev: badRevs }, formErrors: [] },
    );
  }

  const blocked: DispatchOnceBlock[] = [];
  const seen = new Set<string>();
  for (const doc of linked) {
    if (!looksLikeDraftName(doc.name)) continue;
    const name = normalName(doc.name);
    const linkedRev = doc.rev === null ? null : doc.rev.trim();
    const key = `${name}@${linkedRev ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);

    // The most recent dispatched revision of this draft (first listed on a tie).
    let latest: DispatchedRevision | undefined;
    for (const d of alreadyDispatched) {
      if (normalName(d.name) !== name) continue;
      if (!latest || Number(d.rev) > Number(latest.rev)) latest = d;
    }
    if (!latest) continue;
    if (linkedRev !== null && Number(linkedRev) > Number(latest.rev)) continue;

    blocked.push({
      name,
      linkedRev,
      dispatchedRev: latest.rev.trim(),
      issueNumber: latest.issueNumber,
    });
  }

  if (blocked.length === 0) return ok(undefined);
  return fail("CONFLICT", `This issue cannot be dispatched. ${blocked.map(explain).join(" ")}`, {
    blocked,
  });
}

/** "issue #12", or "another issue" for one the reader may not see (its number stays hidden). */
function issueName(n: number | null): string {
  return n === null ? "another issue" : `issue #${n}`;
}

function explain(b: DispatchOnceBlock): string {
  const was = `revision -${b.dispatchedRev} was already dispatched by ${issueName(b.issueNumber)}`;
  const first =
    b.linkedRev === null
      ? `${b.name} is linked without a revision, and ${was}.`
      : Number(b.linkedRev) === Number(b.dispatchedRev)
        ? `${b.name}-${b.linkedRev} was already dispatched by ${issueName(b.issueNumber)}.`
        : `This issue links ${b.name}-${b.linkedRev}, but a later ${was}.`;
  return `${first} A draft is dispatched only once per revision: link a newer revision of ${b.name} (-${nextRev(b.dispatchedRev)} or later) to dispatch it again.`;
}
