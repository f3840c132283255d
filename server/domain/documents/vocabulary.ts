/**
 * IETF Datatracker document vocabulary: state types, states, tags, intended
 * standards levels, group states and meeting important dates.
 *
 * Source: ietf-tools/datatracker `ietf/name/fixtures/names.json` at commit
 * 0038b243dfa10a9270417ba9e70239ed5d1f53f4 (via the shared
 * `ietf-states.json`). Slugs, display names, orders, `next_states` and primary keys
 * are copied verbatim because they are facts other systems key on. Every `meaning`
 * sentence is written for this project (the Datatracker has no such field).
 *
 * Notes on the data:
 * - `nextStates` are the Datatracker's *suggested* successors. The state machine in
 *   `./machine.ts` builds on them and documents where it adds to them.
 * - `datatrackerPk` is the fixture primary key at that commit. It is only used to
 *   read API exports (`/api/v1/doc/state/<pk>/`); key on (type, slug) everywhere else.
 * - The RFC Editor states carry no pk or order in our source, so both are `null`.
 * - The IANA review/action and the IRTF/IAB/ISE stream state types are listed, but
 *   their states are not in the shared data, so their lists are empty.
 */

export interface StateTypeDef {
  readonly slug: string;
  readonly label: string;
}

export const STATE_TYPES = [
  { slug: "draft", label: "State" },
  { slug: "draft-stream-ietf", label: "IETF WG state" },
  { slug: "draft-iesg", label: "IESG state" },
  { slug: "draft-rfceditor", label: "RFC Editor state" },
  { slug: "draft-iana-review", label: "IANA Review state" },
  { slug: "draft-iana-action", label: "IANA Action state" },
  { slug: "charter", label: "State" },
  { slug: "bofreq", label: "BOF Request State" },
  { slug: "draft-stream-irtf", label: "IRTF state" },
  { slug: "draft-stream-iab", label: "IAB state" },
  { slug: "draft-stream-ise", label: "ISE state" },
] as const satisfies readonly StateTypeDef[];

export type StateTypeSlug = (typeof STATE_TYPES)[number]["slug"];

export interface StateDef {
  readonly slug: string;
  /** Datatracker display name (verbatim). */
  readonly name: string;
  /** Datatracker display order; `null` where the source has none. */
  readonly order: number | null;
  /** Datatracker-suggested successors, by slug, within the same state type. */
  readonly nextStates: readonly string[];
  readonly used: boolean;
  /** Fixture primary key, for reading API exports only. */
  readonly datatrackerPk: number | null;
  /** One line in plain words, written for this project. */
  readonly meaning?: string;
}

export const STATES = {
  draft: [
    {
      slug: "active",
      name: "Active",
      order: 1,
      nextStates: [],
      used: true,
      datatrackerPk: 1,
      meaning: "The latest revision is current and has not expired.",
    },
    {
      slug: "expired",
      name: "Expired",
      order: 2,
      nextStates: [],
      used: true,
      datatrackerPk: 2,
      meaning:
        "No new revision appeared within the expiry period, so the draft is no longer current.",
    },
    {
      slug: "rfc",
      name: "RFC",
      order: 3,
      nextStates: [],
      used: true,
      datatrackerPk: 3,
      meaning: "The draft was published as an RFC.",
    },
    {
      slug: "repl",
      name: "Replaced",
      order: 4,
      nextStates: [],
      used: true,
      datatrackerPk: 4,
      meaning: "Another draft has taken over this work; follow the replacing document.",
    },
    {
      slug: "auth-rm",
      name: "Withdrawn by Submitter",
      order: 5,
      nextStates: [],
      used: true,
      datatrackerPk: 5,
      meaning: "The authors withdrew the draft.",
    },
    {
      slug: "ietf-rm",
      name: "Withdrawn by IETF",
      order: 6,
      nextStates: [],
      used: true,
      datatrackerPk: 6,
      meaning: "The IETF (for example the IESG or a stream manager) withdrew the draft.",
    },
  ],
  "draft-stream-ietf": [
    {
      slug: "wg-cand",
      name: "Candidate for WG Adoption",
      order: 0,
      nextStates: ["c-adopt"],
      used: true,
      datatrackerPk: 134,
      meaning:
        "The chairs have listed the draft as one the WG might adopt; no adoption call has started.",
    },
    {
      slug: "c-adopt",
      name: "Call For Adoption By WG Issued",
      order: 1,
      nextStates: ["adopt-wg", "info"],
      used: true,
      datatrackerPk: 35,
      meaning:
        "The chairs have asked the WG list whether to adopt the draft, and that call is still open.",
    },
    {
      slug: "adopt-wg",
      name: "Adopted by a WG",
      order: 2,
      nextStates: ["wg-doc"],
      used: true,
      datatrackerPk: 36,
      meaning:
        "The WG agreed to adopt the draft; the renamed draft-ietf-<wg> version may not be posted yet.",
    },
    {
      slug: "info",
      name: "Adopted for WG Info Only",
      order: 3,
      nextStates: [],
      used: true,
      datatrackerPk: 37,
      meaning:
        "The WG keeps the draft as background material only; it is not meant to become an RFC.",
    },
    {
      slug: "wg-doc",
      name: "WG Document",
      order: 4,
      nextStates: ["parked", "dead", "wg-lc", "writeupw"],
      used: true,
      datatrackerPk: 38,
      meaning: "A WG work item that the group is actively developing.",
    },
    {
      slug: "parked",
      name: "Parked WG Document",
      order: 5,
      nextStates: ["wg-doc"],
      used: true,
      datatrackerPk: 39,
      meaning: "A WG work item on hold, e.g. while it has no editor or waits on other work.",
    },
    {
      slug: "dead",
      name: "Dead WG Document",
      order: 6,
      nextStates: ["wg-doc"],
      used: true,
      datatrackerPk: 40,
      meaning: "The WG stopped working on the draft; it can be revived if the WG agrees.",
    },
    {
      slug: "wg-lc",
      name: "In WG Last Call",
      order: 7,
      nextStates: ["wg-doc", "chair-w", "writeupw"],
      used: true,
      datatrackerPk: 41,
      meaning: "The WG last call is open: the group is checking that the draft is ready.",
    },
    {
      slug: "waiting-for-implementation",
      name: "Waiting for Implementation",
      order: 8,
      nextStates: [],
      used: true,
      datatrackerPk: 145,
      meaning:
        "Last call is done, but the WG wants running, ideally interoperable, code before moving on.",
    },
    {
      slug: "held-by-wg",
      name: "Held by WG",
      order: 9,
      nextStates: [],
      used: true,
      datatrackerPk: 146,
      meaning: "The WG is holding the draft on purpose after last call; the history says why.",
    },
    {
      slug: "chair-w",
      name: "Waiting for WG Chair Go-Ahead",
      order: 10,
      nextStates: ["wg-lc", "writeupw"],
      used: true,
      datatrackerPk: 42,
      meaning:
        "Last call has ended; the chairs wait for open comments to be resolved before calling consensus.",
    },
    {
      slug: "writeupw",
      name: "WG Consensus: Waiting for Write-Up",
      order: 11,
      nextStates: ["sub-pub"],
      used: true,
      datatrackerPk: 43,
      meaning:
        "The WG has consensus and the shepherd is preparing the write-up for the publication request.",
    },
    {
      slug: "sub-pub",
      name: "Submitted to IESG for Publication",
      order: 12,
      nextStates: ["wg-doc"],
      used: true,
      datatrackerPk: 44,
      meaning: "The WG has requested publication; the IESG state shows what happens next.",
    },
  ],
  "draft-iesg": [
    {
      slug: "idexists",
      name: "I-D Exists",
      order: 0,
      nextStates: ["pub-req", "watching"],
      used: true,
      datatrackerPk: 150,
      meaning: "The IESG is not (or no longer) processing the draft.",
    },
    {
      slug: "pub-req",
      name: "Publication Requested",
      order: 10,
      nextStates: ["ad-eval", "watching", "dead"],
      used: true,
      datatrackerPk: 16,
      meaning: "Publication has been requested; the responsible AD has not started on it.",
    },
    {
      slug: "ad-eval",
      name: "AD Evaluation",
      order: 11,
      nextStates: ["review-e", "lc-req", "iesg-eva", "watching"],
      used: true,
      datatrackerPk: 13,
      meaning:
        "The responsible AD is checking whether the draft is ready for IETF last call or IESG review.",
    },
    {
      slug: "review-e",
      name: "Expert Review",
      order: 12,
      nextStates: ["ad-eval"],
      used: true,
      datatrackerPk: 21,
      meaning: "The AD has asked an expert or a directorate to review the draft.",
    },
    {
      slug: "lc-req",
      name: "Last Call Requested",
      order: 15,
      nextStates: ["lc"],
      used: true,
      datatrackerPk: 14,
      meaning: "The AD has asked for an IETF last call, which has not been announced yet.",
    },
    {
      slug: "lc",
      name: "In Last Call",
      order: 16,
      nextStates: ["writeupw", "goaheadw"],
      used: true,
      datatrackerPk: 15,
      meaning: "The IETF-wide last call is open for community comments.",
    },
    {
      slug: "writeupw",
      name: "Waiting for Writeup",
      order: 18,
      nextStates: ["goaheadw"],
      used: true,
      datatrackerPk: 19,
      meaning: "Last call is over and the AD still has to write the ballot text.",
    },
    {
      slug: "goaheadw",
      name: "Waiting for AD Go-Ahead",
      order: 19,
      nextStates: ["iesg-eva"],
      used: true,
      datatrackerPk: 20,
      meaning: "Last-call comments are being worked through; the AD decides when to go on.",
    },
    {
      slug: "iesg-eva",
      name: "IESG Evaluation",
      order: 20,
      nextStates: ["defer", "approved", "nopubadw"],
      used: true,
      datatrackerPk: 12,
      meaning: "The IESG is balloting on the draft, usually ahead of a telechat.",
    },
    {
      slug: "defer",
      name: "IESG Evaluation - Defer",
      order: 21,
      nextStates: ["iesg-eva"],
      used: true,
      datatrackerPk: 18,
      meaning: "The ballot was postponed to a later telechat at an AD's request.",
    },
    {
      slug: "approved",
      name: "Approved-announcement to be sent",
      order: 27,
      nextStates: ["ann"],
      used: true,
      datatrackerPk: 9,
      meaning: "The IESG approved the draft; the approval has not been announced yet.",
    },
    {
      slug: "ann",
      name: "Approved-announcement sent",
      order: 30,
      nextStates: ["rfcqueue"],
      used: true,
      datatrackerPk: 10,
      meaning: "The approval has been announced and the draft handed to the RFC Editor.",
    },
    {
      slug: "rfcqueue",
      name: "RFC Ed Queue",
      order: 31,
      nextStates: ["pub"],
      used: true,
      datatrackerPk: 17,
      meaning: "The RFC Editor is preparing the draft for publication.",
    },
    {
      slug: "pub",
      name: "RFC Published",
      order: 32,
      nextStates: ["dead"],
      used: true,
      datatrackerPk: 7,
      meaning: "The draft is out as an RFC.",
    },
    {
      slug: "nopubadw",
      name: "DNP-waiting for AD note",
      order: 33,
      nextStates: ["nopubanw"],
      used: true,
      datatrackerPk: 22,
      meaning:
        "The IESG decided against publication; the AD still has to write the note explaining it.",
    },
    {
      slug: "nopubanw",
      name: "DNP-announcement to be sent",
      order: 34,
      nextStates: ["dead"],
      used: true,
      datatrackerPk: 23,
      meaning: "The do-not-publish note is written; the announcement has not gone out yet.",
    },
    {
      slug: "watching",
      name: "AD is watching",
      order: 42,
      nextStates: ["pub-req"],
      used: true,
      datatrackerPk: 11,
      meaning: "The AD follows the draft informally; nobody has requested publication.",
    },
    {
      slug: "dead",
      name: "Dead",
      order: 99,
      nextStates: ["pub-req"],
      used: true,
      datatrackerPk: 8,
      meaning:
        "The IESG has stopped processing the draft, e.g. because it was withdrawn or replaced.",
    },
  ],
  "draft-rfceditor": [
    {
      slug: "auth",
      name: "AUTH",
      order: null,
      nextStates: [],
      used: true,
      datatrackerPk: null,
      meaning: "Waiting for the authors to respond.",
    },
    {
      slug: "auth48",
      name: "AUTH48",
      order: null,
      nextStates: [],
      used: true,
      datatrackerPk: null,
      meaning: "In the authors' final review before publication.",
    },
    {
      slug: "auth48-done",
      name: "AUTH48-DONE",
      order: null,
      nextStates: [],
      used: true,
      datatrackerPk: null,
      meaning: "Every author has signed off on the final text.",
    },
    {
      slug: "edit",
      name: "EDIT",
      order: null,
      nextStates: [],
      used: true,
      datatrackerPk: null,
      meaning: "Approved by the stream; the RFC Editor has not started editing.",
    },
    {
      slug: "iana",
      name: "IANA",
      order: null,
      nextStates: [],
      used: true,
      datatrackerPk: null,
      meaning: "Editing is finished; waiting for IANA to complete its actions.",
    },
    {
      slug: "iana-crd",
      name: "IANA",
      order: null,
      nextStates: [],
      used: true,
      datatrackerPk: null,
      meaning: "The RFC Editor and IANA are lining up the registry entries.",
    },
    {
      slug: "iesg",
      name: "IESG",
      order: null,
      nextStates: [],
      used: true,
      datatrackerPk: null,
      meaning: "Waiting for the IESG to act.",
    },
    {
      slug: "isr",
      name: "ISR",
      order: null,
      nextStates: [],
      used: true,
      datatrackerPk: null,
      meaning: "The Independent Submissions Editor is reviewing the document.",
    },
    {
      slug: "isr-auth",
      name: "ISR-AUTH",
      order: null,
      nextStates: [],
      used: true,
      datatrackerPk: null,
      meaning: "An independent submission waiting on its authors or on further talks with the ISE.",
    },
    {
      slug: "ref",
      name: "REF",
      order: null,
      nextStates: [],
      used: true,
      datatrackerPk: null,
      meaning: "Waiting for a normatively referenced document to be ready.",
    },
    {
      slug: "missref",
      name: "MISSREF",
      order: null,
      nextStates: [],
      used: true,
      datatrackerPk: null,
      meaning: "A normative reference has not reached the RFC Editor yet.",
    },
    {
      slug: "rfc-edit",
      name: "RFC-EDITOR",
      order: null,
      nextStates: [],
      used: true,
      datatrackerPk: null,
      meaning: "The RFC Editor's last pass before AUTH48.",
    },
    {
      slug: "timeout",
      name: "TO",
      order: null,
      nextStates: [],
      used: true,
      datatrackerPk: null,
      meaning: "Waiting out the period allowed for an IESG conflict review.",
    },
    {
      slug: "tooling-issue",
      name: "TI",
      order: null,
      nextStates: [],
      used: true,
      datatrackerPk: null,
      meaning: "Waiting for a fix in the publication tools.",
    },
    {
      slug: "pending",
      name: "Pending",
      order: null,
      nextStates: [],
      used: true,
      datatrackerPk: null,
    },
  ],
  "draft-iana-review": [],
  "draft-iana-action": [],
  charter: [
    {
      slug: "notrev",
      name: "Not currently under review",
      order: 0,
      nextStates: [],
      used: true,
      datatrackerPk: 83,
    },
    {
      slug: "infrev",
      name: "Draft Charter",
      order: 0,
      nextStates: [],
      used: true,
      datatrackerPk: 84,
    },
    {
      slug: "intrev",
      name: "Start Chartering/Rechartering (Internal Steering Group/IAB Review)",
      order: 0,
      nextStates: [],
      used: true,
      datatrackerPk: 85,
    },
    {
      slug: "extrev",
      name: "External Review (Message to Community, Selected by Secretariat)",
      order: 0,
      nextStates: [],
      used: true,
      datatrackerPk: 86,
    },
    {
      slug: "iesgrev",
      name: "IESG Review (Charter for Approval, Selected by Secretariat)",
      order: 0,
      nextStates: [],
      used: true,
      datatrackerPk: 87,
    },
    { slug: "approved", name: "Approved", order: 0, nextStates: [], used: true, datatrackerPk: 88 },
    {
      slug: "replaced",
      name: "Replaced",
      order: 0,
      nextStates: [],
      used: true,
      datatrackerPk: 157,
    },
  ],
  bofreq: [
    {
      slug: "proposed",
      name: "Proposed",
      order: 0,
      nextStates: ["approved", "declined", "replaced", "abandoned"],
      used: true,
      datatrackerPk: 158,
    },
    {
      slug: "approved",
      name: "Approved",
      order: 1,
      nextStates: [],
      used: true,
      datatrackerPk: 159,
    },
    {
      slug: "declined",
      name: "Declined",
      order: 2,
      nextStates: [],
      used: true,
      datatrackerPk: 160,
    },
    {
      slug: "replaced",
      name: "Replaced",
      order: 3,
      nextStates: [],
      used: true,
      datatrackerPk: 161,
    },
    {
      slug: "abandoned",
      name: "Abandoned",
      order: 4,
      nextStates: [],
      used: true,
      datatrackerPk: 162,
    },
  ],
  "draft-stream-irtf": [],
  "draft-stream-iab": [],
  "draft-stream-ise": [],
} as const satisfies Record<StateTypeSlug, readonly StateDef[]>;

export interface DocTagDef {
  readonly slug: string;
  readonly name: string;
  readonly order: number;
  readonly used: boolean;
  /** Shown by the Datatracker as an IESG sub-state (e.g. "AD Followup"). */
  readonly iesgSubstateTag: boolean;
  /** One of the WG annotation tags defined by RFC 6174. */
  readonly rfc6174WgAnnotationTag: boolean;
}

export const DOC_TAGS = [
  {
    slug: "ad-f-up",
    name: "AD Followup",
    order: 2,
    used: true,
    iesgSubstateTag: true,
    rfc6174WgAnnotationTag: false,
  },
  {
    slug: "app-min",
    name: "Approved in minutes",
    order: 0,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: false,
  },
  {
    slug: "errata",
    name: "Has errata",
    order: 0,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: false,
  },
  {
    slug: "extpty",
    name: "External Party",
    order: 3,
    used: true,
    iesgSubstateTag: true,
    rfc6174WgAnnotationTag: false,
  },
  {
    slug: "iana",
    name: "IANA",
    order: 0,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: false,
  },
  {
    slug: "iana-crd",
    name: "IANA coordination",
    order: 0,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: false,
  },
  {
    slug: "iesg-com",
    name: "IESG Review Completed",
    order: 0,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: false,
  },
  {
    slug: "missref",
    name: "Missing references",
    order: 0,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: false,
  },
  {
    slug: "need-aut",
    name: "Author or Editor Needed",
    order: 4,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: true,
  },
  {
    slug: "need-ed",
    name: "Editor Needed",
    order: 1,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: false,
  },
  {
    slug: "need-rev",
    name: "Revised I-D Needed",
    order: 5,
    used: true,
    iesgSubstateTag: true,
    rfc6174WgAnnotationTag: false,
  },
  {
    slug: "need-sh",
    name: "Shepherd Needed",
    order: 0,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: false,
  },
  {
    slug: "no-adopt",
    name: "Polled for WG adoption but not adopted",
    order: 0,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: false,
  },
  {
    slug: "other",
    name: "Other - see Comment Log",
    order: 11,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: true,
  },
  {
    slug: "point",
    name: "Point Raised - writeup needed",
    order: 1,
    used: false,
    iesgSubstateTag: true,
    rfc6174WgAnnotationTag: false,
  },
  {
    slug: "ref",
    name: "Holding for references",
    order: 0,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: false,
  },
  {
    slug: "rev-ad",
    name: "Revised I-D Needed - Issue raised by AD",
    order: 8,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: true,
  },
  {
    slug: "rev-iesg",
    name: "Revised I-D Needed - Issue raised by IESG",
    order: 9,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: true,
  },
  {
    slug: "rev-wg",
    name: "Revised I-D Needed - Issue raised by WG",
    order: 0,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: false,
  },
  {
    slug: "rev-wglc",
    name: "Revised I-D Needed - Issue raised by WGLC",
    order: 7,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: true,
  },
  {
    slug: "rfc-rev",
    name: "Review by RFC Editor",
    order: 0,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: false,
  },
  {
    slug: "sh-f-up",
    name: "Document Shepherd Followup",
    order: 4,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: false,
  },
  {
    slug: "sheph-u",
    name: "Doc Shepherd Follow-up Underway",
    order: 10,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: true,
  },
  {
    slug: "verified-errata",
    name: "Has verified errata",
    order: 0,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: false,
  },
  {
    slug: "via-rfc",
    name: "Via RFC Editor",
    order: 0,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: false,
  },
  {
    slug: "w-dep",
    name: "Waiting for Dependency on Other Document",
    order: 0,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: false,
  },
  {
    slug: "w-expert",
    name: "Awaiting Expert Review/Resolution of Issues Raised",
    order: 1,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: true,
  },
  {
    slug: "w-extern",
    name: "Awaiting External Review/Resolution of Issues Raised",
    order: 2,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: true,
  },
  {
    slug: "w-merge",
    name: "Awaiting Merge with Other Document",
    order: 3,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: true,
  },
  {
    slug: "w-part",
    name: "Waiting for Partner Feedback",
    order: 2,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: false,
  },
  {
    slug: "w-refdoc",
    name: "Waiting for Referenced Document",
    order: 5,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: true,
  },
  {
    slug: "w-refing",
    name: "Waiting for Referencing Document",
    order: 6,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: true,
  },
  {
    slug: "w-review",
    name: "Awaiting Reviews",
    order: 3,
    used: true,
    iesgSubstateTag: false,
    rfc6174WgAnnotationTag: false,
  },
] as const satisfies readonly DocTagDef[];

export type DocTagSlug = (typeof DOC_TAGS)[number]["slug"];

export interface NameDef {
  readonly slug: string;
  readonly name: string;
  readonly used: boolean;
}

export const INTENDED_STD_LEVELS = [
  { slug: "ps", name: "Proposed Standard", order: 1, used: true },
  { slug: "ds", name: "Draft Standard", order: 2, used: false },
  { slug: "std", name: "Internet Standard", order: 3, used: true },
  { slug: "bcp", name: "Best Current Practice", order: 4, used: true },
  { slug: "inf", name: "Informational", order: 5, used: true },
  { slug: "exp", name: "Experimental", order: 6, used: true },
  { slug: "hist", name: "Historic", order: 7, used: true },
] as const satisfies readonly (NameDef & { readonly order: number })[];

export type IntendedStdLevelSlug = (typeof INTENDED_STD_LEVELS)[number]["slug"];

export const GROUP_STATES = [
  { slug: "bof", name: "BOF", used: true },
  { slug: "proposed", name: "Proposed", used: true },
  { slug: "active", name: "Active", used: true },
  { slug: "dormant", name: "Dormant", used: true },
  { slug: "conclude", name: "Concluded", used: true },
  { slug: "bof-conc", name: "BOF Concluded", used: true },
  {
    slug: "abandon",
    name: "Abandoned",
    used: true,
    meaning: "The group was never formed, e.g. a BoF or proposed WG that did not go ahead.",
  },
  {
    slug: "replaced",
    name: "Replaced",
    used: true,
    meaning: "A group with a different acronym took over.",
  },
  { slug: "unknown", name: "Unknown", used: true },
] as const satisfies readonly (NameDef & { readonly meaning?: string })[];

export type GroupStateSlug = (typeof GROUP_STATES)[number]["slug"];

export interface ImportantDateDef {
  readonly slug: string;
  readonly name: string;
  /** Days relative to the first day of the meeting (negative = before). */
  readonly defaultOffsetDays: number;
  readonly used: boolean;
}

export const MEETING_IMPORTANT_DATES = [
  { slug: "opensched", name: "Scheduling Opens", defaultOffsetDays: -89, used: true },
  { slug: "openreg", name: "Registration Opens", defaultOffsetDays: -82, used: true },
  {
    slug: "online-announcement",
    name: "Online or in-person Announcement",
    defaultOffsetDays: -70,
    used: true,
  },
  {
    slug: "bofprelimcutoff",
    name: "Cut-off preliminary BOF requests",
    defaultOffsetDays: -57,
    used: true,
  },
  { slug: "earlybird", name: "Earlybird cutoff", defaultOffsetDays: -47, used: true },
  {
    slug: "bofrevcutoff",
    name: "Cut-off revised BOF requests",
    defaultOffsetDays: -43,
    used: true,
  },
  {
    slug: "cutoffwgreq",
    name: "Cut-off WG scheduling Requests",
    defaultOffsetDays: -43,
    used: true,
  },
  { slug: "cutoffbofapprove", name: "Cut-off BOF approval", defaultOffsetDays: -36, used: true },
  { slug: "prelimagenda", name: "Preliminary Agenda", defaultOffsetDays: -29, used: true },
  {
    slug: "cutoffresched",
    name: "Cut-off Reschedule Requests",
    defaultOffsetDays: -24,
    used: true,
  },
  { slug: "finalagenda", name: "Final Agenda", defaultOffsetDays: -22, used: true },
  { slug: "idcutoff", name: "ID Cutoff", defaultOffsetDays: -12, used: true },
  {
    slug: "stdratecutoff",
    name: "Standard rate registration ends",
    defaultOffsetDays: -12,
    used: true,
  },
  {
    slug: "draftwgagenda",
    name: "Draft Working Group Agendas",
    defaultOffsetDays: -10,
    used: true,
  },
  { slug: "revwgagenda", name: "Revised Working Group Agendas", defaultOffsetDays: -5, used: true },
  {
    slug: "cutoffcancel",
    name: "Registration Cancellation Cut-off",
    defaultOffsetDays: -5,
    used: true,
  },
  { slug: "procsub", name: "Proceedings Submission Cut-off", defaultOffsetDays: 27, used: true },
  {
    slug: "revsub",
    name: "Proceedings Submission Revision Cut-off",
    defaultOffsetDays: 51,
    used: true,
  },
] as const satisfies readonly ImportantDateDef[];

export type ImportantDateSlug = (typeof MEETING_IMPORTANT_DATES)[number]["slug"];
/** Slugs of the states of one state type, e.g. `StateSlug<"draft-iesg">`. */
export type StateSlug<T extends StateTypeSlug> = (typeof STATES)[T][number]["slug"];

export const STATE_TYPE_SLUGS: readonly StateTypeSlug[] = STATE_TYPES.map((t) => t.slug);

export function isStateTypeSlug(value: unknown): value is StateTypeSlug {
  return typeof value === "string" && (STATE_TYPE_SLUGS as readonly string[]).includes(value);
}

/** The Datatracker label of a state type ("IESG state"). */
export function stateTypeLabel(type: StateTypeSlug): string {
  return STATE_TYPES.find((t) => t.slug === type)?.label ?? type;
}

/** All states of one type, in Datatracker display order (source order where there is none). */
export function statesOf(type: StateTypeSlug): readonly StateDef[] {
  const list: readonly StateDef[] = STATES[type];
  return [...list].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
}

export function findState(type: StateTypeSlug, slug: string): StateDef | undefined {
  const list: readonly StateDef[] = STATES[type];
  return list.find((s) => s.slug === slug);
}

export function isStateSlug<T extends StateTypeSlug>(type: T, slug: unknown): slug is StateSlug<T> {
  return typeof slug === "string" && findState(type, slug) !== undefined;
}

/** Display name of a state; falls back to the slug for unknown states. */
export function stateName(type: StateTypeSlug, slug: string): string {
  return findState(type, slug)?.name ?? slug;
}

const STATES_BY_PK: ReadonlyMap<number, { stateType: StateTypeSlug; state: StateDef }> = new Map(
  STATE_TYPE_SLUGS.flatMap((stateType) =>
    (STATES[stateType] as readonly StateDef[])
      .filter((s) => s.datatrackerPk !== null)
      .map((state) => [state.datatrackerPk as number, { stateType, state }] as const),
  ),
);

/** Resolve a Datatracker `doc.state` primary key (from `/api/v1/doc/state/<pk>/`). */
export function stateByDatatrackerPk(
  pk: number,
): { stateType: StateTypeSlug; state: StateDef } | undefined {
  return STATES_BY_PK.get(pk);
}

export function findDocTag(slug: string): DocTagDef | undefined {
  return (DOC_TAGS as readonly DocTagDef[]).find((t) => t.slug === slug);
}

export function findIntendedStdLevel(slug: string): (NameDef & { order: number }) | undefined {
  return (INTENDED_STD_LEVELS as readonly (NameDef & { order: number })[]).find(
    (l) => l.slug === slug,
  );
}

export function findGroupState(slug: string): (NameDef & { meaning?: string }) | undefined {
  return (GROUP_STATES as readonly (NameDef & { meaning?: string })[]).find((g) => g.slug === slug);
}
