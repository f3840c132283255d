import { z } from "zod";
import { requiredText, safeString } from "../validation/text";
import { CHARTER_ITEM_IDS, type CharterItemId } from "../catalog";

/**
 * Where dispatched work can go. Combined from the DISPATCH / SECDISPATCH /
 * GENDISPATCH charters and wikis (RFC 7957 model), plus `iotops` for work
 * IOTOPS takes on itself (BCP or Informational documents).
 */
export const OUTCOME_KINDS = [
  "existing-wg",
  "bof",
  "new-wg",
  "ad-sponsored",
  "mailing-list",
  "irtf",
  "other-sdo",
  "iotops",
  "no-ietf-work",
] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export const OUTCOME_LABELS: Readonly<Record<OutcomeKind, string>> = {
  "existing-wg": "Existing working group",
  bof: "Birds-of-a-feather (BoF) session",
  "new-wg": "New working group",
  "ad-sponsored": "AD-sponsored document",
  "mailing-list": "More discussion on a mailing list",
  irtf: "IRTF research group",
  "other-sdo": "Another standards body",
  iotops: "IOTOPS document",
  "no-ietf-work": "No IETF work at present",
};

/** IOTOPS charter items an existing WG's work is filed under (from the catalog). */
export { CHARTER_ITEM_IDS, type CharterItemId };

export const IOTOPS_DOCUMENT_TYPES = ["bcp", "informational"] as const;
export type IotopsDocumentType = (typeof IOTOPS_DOCUMENT_TYPES)[number];
export const IOTOPS_DOCUMENT_TYPE_LABELS: Readonly<Record<IotopsDocumentType, string>> = {
  bcp: "BCP",
  informational: "Informational",
};

/** A draft charter shorter than this cannot state a problem and its deliverables. */
export const DRAFT_CHARTER_MIN_LENGTH = 200;
export const DRAFT_CHARTER_MAX_LENGTH = 50_000;
export const RATIONALE_MAX_LENGTH = 10_000;

/**
 * Datatracker group acronym: lowercase letters, digits and hyphens, starting
 * with a letter or digit (`6lo`, `t2trg`), 2–40 characters. Input is trimmed
 * and lower-cased first, so "SUIT" is accepted as `suit`.
 */
const ACRONYM = /^[a-z0-9][a-z0-9-]{1,39}$/;
function acronym(field: string) {
  return z
    .string({ error: `${field} is required.` })
    .trim()
    .toLowerCase()
    .min(1, { error: `${field} is required.` })
    .regex(ACRONYM, {
      error: `${field} must be a group acronym: lowercase letters, digits and hyphens (e.g. suit, 6lo, t2trg).`,
    });
}

/** A list address (`iot-onboarding@ietf.org`) or a bare list name (`iot-onboarding`). */
const LIST_ADDRESS = /^[a-z0-9][a-z0-9._+-]*@[a-z0-9-]+(\.[a-z0-9-]+)+$/;
const LIST_NAME = /^[a-z0-9][a-z0-9._+-]*$/;

/** The recommendation's or decision's reason, in the chairs' or AD's words. */
export const ZRationale = requiredText("Rationale", RATIONALE_MAX_LENGTH);

export const ZExistingWgOutcome = z.object({
  kind: z.literal("existing-wg"),
  targetGroup: acronym("Target group"),
  charterItem: z.enum(CHARTER_ITEM_IDS, {
    error: () => `Choose a charter item: ${CHARTER_ITEM_IDS.join(", ")}.`,
  }),
  needsRecharter: z.boolean({ error: "Say whether the group needs to recharter." }),
});

export const ZBofOutcome = z.object({
  kind: z.literal("bof"),
  proposedMeeting: z
    .number({ error: "Proposed meeting must be an IETF meeting number." })
    .int({ error: "Proposed meeting must be a whole IETF meeting number." })
    .positive({ error: "Proposed meeting must be a positive IETF meeting number." })
    .max(999, { error: "Proposed meeting must be an IETF meeting number (at most 999)." }),
});

export const ZNewWgOutcome = z.object({
  kind: z.literal("new-wg"),
  draftCharter: safeString({ error: "Draft charter is required." })
    .trim()
    .min(DRAFT_CHARTER_MIN_LENGTH, {
      error: `Draft charter must be at least ${DRAFT_CHARTER_MIN_LENGTH} characters: state the problem, the scope and the deliverables.`,
    })
    .max(DRAFT_CHARTER_MAX_LENGTH, {
      error: `Draft charter must be at most ${DRAFT_CHARTER_MAX_LENGTH} characters.`,
    }),
});

export const ZAdSponsoredOutcome = z.object({
  kind: z.literal("ad-sponsored"),
  /** The sponsoring AD's name or person id, as the caller stores it. */
  sponsoringAd: requiredText("Sponsoring AD", 200),
});

export const ZMailingListOutcome = z.object({
  kind: z.literal("mailing-list"),
  listName: z
    .string({ error: "Mailing list is required." })
    .trim()
    .toLowerCase()
    .min(1, { error: "Mailing list is required." })
    .max(200, { error: "Mailing list must be at most 200 characters." })
    .refine((v) => LIST_ADDRESS.test(v) || LIST_NAME.test(v), {
      error: "Mailing list must be a list address (iot-onboarding@ietf.org) or a list name.",
    }),
});

export const ZIrtfOutcome = z.object({
  kind: z.literal("irtf"),
  researchGroup: acronym("Research group"),
});

export const ZOtherSdoOutcome = z.object({
  kind: z.literal("other-sdo"),
  sdo: requiredText("Standards body", 200),
});

export const ZIotopsOutcome = z.object({
  kind: z.literal("iotops"),
  documentType: z.enum(IOTOPS_DOCUMENT_TYPES, {
    error: () => "Document type must be bcp or informational.",
  }),
});

export const ZNoIetfWorkOutcome = z.object({
  kind: z.literal("no-ietf-work"),
});

export const ZDispatchOutcome = z.discriminatedUnion(
  "kind",
  [
    ZExistingWgOutcome,
    ZBofOutcome,
    ZNewWgOutcome,
    ZAdSponsoredOutcome,
    ZMailingListOutcome,
    ZIrtfOutcome,
    ZOtherSdoOutcome,
    ZIotopsOutcome,
    ZNoIetfWorkOutcome,
  ],
  { error: () => `Choose an outcome: ${OUTCOME_KINDS.join(", ")}.` },
);
export type DispatchOutcome = z.output<typeof ZDispatchOutcome>;
export type DispatchOutcomeInput = z.input<typeof ZDispatchOutcome>;

/** What the chairs recommend (and what the AD approves): an outcome and why. */
export const ZRecommendation = z.object({
  outcome: ZDispatchOutcome,
  rationale: ZRationale,
});
export type Recommendation = z.output<typeof ZRecommendation>;
export type RecommendationInput = z.input<typeof ZRecommendation>;

/**
 * The group whose chairs must acknowledge the dispatched work, or `null` when
 * the outcome has no receiving group in the IETF WG sense.
 */
export function outcomeTargetGroup(outcome: DispatchOutcome): string | null {
  switch (outcome.kind) {
    case "existing-wg":
      return outcome.targetGroup;
    case "iotops":
      return "iotops";
    case "bof":
    case "new-wg":
    case "ad-sponsored":
    case "mailing-list":
    case "irtf":
    case "other-sdo":
    case "no-ietf-work":
      return null;
  }
}

/** One line for lists and timelines, e.g. "Existing WG: SUIT (recharter needed)". */
export function describeOutcome(outcome: DispatchOutcome): string {
  switch (outcome.kind) {
    case "existing-wg":
      return `Existing WG: ${outcome.targetGroup.toUpperCase()}${outcome.needsRecharter ? " (recharter needed)" : ""}`;
    case "bof":
      return `BoF at IETF ${outcome.proposedMeeting}`;
    case "new-wg":
      return "New WG (draft charter proposed)";
    case "ad-sponsored":
      return `AD-sponsored by ${outcome.sponsoringAd}`;
    case "mailing-list":
      return `Mailing list: ${outcome.listName}`;
    case "irtf":
      return `IRTF: ${outcome.researchGroup.toUpperCase()}`;
    case "other-sdo":
      return `Other SDO: ${outcome.sdo}`;
    case "iotops":
      return `IOTOPS ${IOTOPS_DOCUMENT_TYPE_LABELS[outcome.documentType]} document`;
    case "no-ietf-work":
      return "No IETF work at present";
  }
}
