/**
 * The intake form: field limits, choices and validation, shared by filing,
 * editing and autosaved drafts.
 */
import { z } from "zod";
import { safeString } from "../validation/text";
import { CHARTER_ITEM_IDS } from "../catalog";
import { parseDocumentRef } from "../documents/names";

export const LIMITS = {
  title: 200,
  problemStatement: 20_000,
  desiredOutcome: 5_000,
  overlapNotes: 5_000,
  interestedPeople: 2_000,
  implementers: 2_000,
  networkType: 200,
  slidesUrl: 500,
  relatedDocuments: 20,
} as const;

/** Fewer characters than this is not yet an issue ("IoT", "help"). */
export const MINIMUMS = { title: 8, problemStatement: 20 } as const;

/** RFC 7228 constrained-node classes, plus the usual alternatives. */
export const DEVICE_CLASSES = [
  { id: "class-0", label: "Class 0 (well under 10 KiB RAM)" },
  { id: "class-1", label: "Class 1 (about 10 KiB RAM, 100 KiB flash)" },
  { id: "class-2", label: "Class 2 (about 50 KiB RAM, 250 KiB flash)" },
  { id: "unconstrained", label: "Unconstrained (gateway, appliance, Linux-class)" },
  { id: "mixed", label: "Mixed fleet" },
] as const;

export const SCALES = [
  { id: "lab", label: "Lab or pilot" },
  { id: "hundreds", label: "Hundreds of devices" },
  { id: "thousands", label: "Thousands of devices" },
  { id: "millions", label: "Millions of devices" },
] as const;

const tooLong = (what: string, max: number) =>
  `Keep ${what} under ${max.toLocaleString("en")} characters.`;

const text = (what: string, max: number) => safeString().trim().max(max, tooLong(what, max));

/** Split a free-text list of document references on commas, semicolons, spaces and newlines. */
export function splitDocumentList(raw: string): string[] {
  return raw
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Parse document references ("RFC 9019", "draft-ietf-suit-manifest-25", URLs) to
 * canonical names. Returns the names, or the messages for the ones that failed.
 */
export function parseDocumentList(items: readonly string[]): { names: string[]; errors: string[] } {
  const names: string[] = [];
  const errors: string[] = [];
  // "RFC 9019" arrives split in two: rejoin a bare "rfc" with the number after it.
  const joined: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const cur = items[i]!;
    const next = items[i + 1];
    if (/^rfc$/i.test(cur) && next && /^\d+$/.test(next)) {
      joined.push(`${cur}${next}`);
      i++;
    } else joined.push(cur);
  }
  for (const item of joined) {
    const r = parseDocumentRef(item);
    if (r.ok) {
      if (!names.includes(r.value.name)) names.push(r.value.name);
    } else errors.push(`"${item}": ${r.error.message}`);
  }
  return { names, errors };
}

const ZDocumentList = z
  .preprocess(
    (v) => (typeof v === "string" ? splitDocumentList(v) : v),
    z
      .array(safeString().trim().min(1).max(300), { error: "List documents by name or number." })
      .max(LIMITS.relatedDocuments, `List at most ${LIMITS.relatedDocuments} related documents.`),
  )
  .default([])
  .transform((items: string[], ctx) => {
    const { names, errors } = parseDocumentList(items);
    for (const message of errors) ctx.addIssue({ code: "custom", message });
    return names;
  });

export const ZIssueFields = z.object({
  title: safeString({ error: "Give the issue a title." })
    .trim()
    .min(1, { message: "Give the issue a title.", abort: true })
    .min(
      MINIMUMS.title,
      `Give the issue a title of at least ${MINIMUMS.title} characters that says what the problem is.`,
    )
    .max(LIMITS.title, tooLong("the title", LIMITS.title)),
  problemStatement: safeString({ error: "Describe the problem." })
    .trim()
    .min(1, { message: "Describe the problem.", abort: true })
    .min(
      MINIMUMS.problemStatement,
      `Describe the problem in at least ${MINIMUMS.problemStatement} characters: what fails, where, for whom.`,
    )
    .max(LIMITS.problemStatement, tooLong("the problem statement", LIMITS.problemStatement)),
  deviceClass: z
    .enum(["", ...DEVICE_CLASSES.map((d) => d.id)] as [string, ...string[]], {
      error: "Choose a device class from the list.",
    })
    .default(""),
  scale: z
    .enum(["", ...SCALES.map((d) => d.id)] as [string, ...string[]], {
      error: "Choose a scale from the list.",
    })
    .default(""),
  networkType: text("the network type", LIMITS.networkType).default(""),
  relatedDocuments: ZDocumentList,
  desiredOutcome: text("the desired outcome", LIMITS.desiredOutcome).default(""),
  overlapNotes: text("the overlap notes", LIMITS.overlapNotes).default(""),
  interestedPeople: text("the list of interested people", LIMITS.interestedPeople).default(""),
  implementers: text("the list of implementers", LIMITS.implementers).default(""),
  slidesUrl: safeString()
    .trim()
    .max(LIMITS.slidesUrl, tooLong("the slides link", LIMITS.slidesUrl))
    .refine((v) => v === "" || /^https?:\/\/[^\s]+$/i.test(v), {
      message: "Give the slides as an http:// or https:// link.",
    })
    .default(""),
  charterItem: z
    .enum(["", ...CHARTER_ITEM_IDS] as [string, ...string[]], {
      error: "Choose a charter item from the list.",
    })
    .default(""),
  confidential: z.boolean().default(false),
});

export type IssueFieldsInput = z.input<typeof ZIssueFields>;
export type IssueFields = z.output<typeof ZIssueFields>;

/** The text the routing engine and duplicate check read. */
export function routingText(f: Pick<IssueFields, "problemStatement" | "desiredOutcome">): string {
  return [f.problemStatement, f.desiredOutcome].filter(Boolean).join("\n\n");
}
