/**
 * Plain-text notifications in the style of the Datatracker's: a subject line
 * that names the item and what happened, a short body, and a link.
 */
import { describeOutcome, type DispatchOutcome } from "../dispatch/outcomes";
import { ISSUE_STATE_LABELS, isIssueState } from "../dispatch/states";
import { stateName } from "../documents/vocabulary";
import { DISPATCH_GROUP } from "../permissions/actor";

export interface EventForMessage {
  type: string;
  subjectType: string;
  subjectKey: string;
  actorName: string | null;
  payload: Record<string, unknown>;
}

export interface Message {
  subject: string;
  body: string;
  /** Path of the page to link to, e.g. `/issues/12`. */
  path: string;
  /** Whether this event is worth an e-mail (state changes and agenda publication). */
  email: boolean;
}

const s = (v: unknown) => (typeof v === "string" ? v : v == null ? "" : String(v));
const issueState = (v: unknown) => (isIssueState(v) ? ISSUE_STATE_LABELS[v] : s(v));

function issueLine(e: EventForMessage): string {
  const p = e.payload;
  switch (e.type) {
    case "filed":
      return "A new issue was filed.";
    case "info-requested":
      return `The chairs asked for more information:\n\n  ${s(p.message)}`;
    case "recommendation-recorded":
      return `The chairs recorded a dispatch recommendation: ${s(p.summary)}.`;
    case "review-requested":
      return `A recommendation awaits area director review: ${s(p.summary)}.`;
    case "ad-approved":
      return `The area director approved the dispatch: ${s(p.summary)}.${p.targetGroup ? `\nIt now awaits acknowledgement by the ${s(p.targetGroup).toUpperCase()} chairs.` : ""}`;
    case "ad-returned":
      return `The area director returned the recommendation to the chairs:\n\n  ${s(p.comment)}`;
    case "acknowledged":
      return `The ${s(p.targetGroup).toUpperCase()} chairs acknowledged the dispatched work.`;
    case "declined":
      return `The receiving group declined the dispatched work:\n\n  ${s(p.reason)}`;
    case "closed":
      return `The issue was closed (${s(p.reason)}${p.duplicateOf ? ` of #${s(p.duplicateOf)}` : ""}).`;
    case "commented":
      return `New comment:\n\n  ${s(p.excerpt)}`;
    default:
      return `${e.type.replace(/-/g, " ")}.`;
  }
}

const upper = (v: unknown) => s(v).toUpperCase();

/** A plain-English subject line: who did what to which issue. */
export function issueSubject(e: EventForMessage, subjectTitle: string, area?: string): string {
  const p = e.payload;
  const ref = `#${e.subjectKey} ${subjectTitle}`;
  const ad = area ? `${area.toUpperCase()} AD` : "The area director";
  switch (e.type) {
    case "filed":
      return `New issue ${ref}`;
    case "edited":
      return `${ref} was edited`;
    case "info-requested":
      return `More information requested on ${ref}`;
    case "discussion-started":
      return `${ref} is in discussion`;
    case "recommendation-recorded":
      return `Recommendation recorded for ${ref}: ${s(p.summary)}`;
    case "review-requested":
      return `${ad} review requested: ${ref} (${s(p.summary)})`;
    case "ad-approved":
      return p.targetGroup
        ? `${ad} approved: ${ref} is dispatched to ${upper(p.targetGroup)}`
        : `${ad} approved: ${ref} (${s(p.summary)})`;
    case "ad-returned":
      return `${ad} returned ${ref} to the ${DISPATCH_GROUP.toUpperCase()} chairs`;
    case "acknowledged":
      return `${upper(p.targetGroup)} accepted ${ref}`;
    case "declined":
      return `${p.targetGroup ? upper(p.targetGroup) : "The receiving group"} declined ${ref}`;
    case "closed":
      return `${ref} was closed: ${s(p.reason).replace(/-/g, " ")}${p.duplicateOf ? ` of #${s(p.duplicateOf)}` : ""}`;
    case "reopened":
      return `${ref} was reopened`;
    case "commented":
      return `New comment on ${ref}`;
    default: {
      const changed =
        typeof p.before === "string" && typeof p.after === "string" && p.before !== p.after;
      return changed
        ? `${ref} moved from ${issueState(p.before)} to ${issueState(p.after)}`
        : `${ref}: ${e.type.replace(/-/g, " ")}`;
    }
  }
}

export function messageFor(
  e: EventForMessage,
  subjectTitle: string,
  context: { area?: string } = {},
): Message {
  const p = e.payload;
  const by = e.actorName ? ` by ${e.actorName}` : "";
  if (e.subjectType === "issue") {
    const changed =
      typeof p.before === "string" && typeof p.after === "string" && p.before !== p.after;
    const state = changed ? `\nState: ${issueState(p.before)} -> ${issueState(p.after)}.` : "";
    const recommended =
      e.type === "recommendation-recorded" && p.recommendation
        ? `\nOutcome: ${describeOutcome((p.recommendation as { outcome: DispatchOutcome }).outcome)}`
        : "";
    return {
      subject: issueSubject(e, subjectTitle, context.area),
      body: `${issueLine(e)}${recommended}${state}\n\nChanged${by}.`,
      path: `/issues/${e.subjectKey}`,
      email: changed,
    };
  }
  if (e.subjectType === "document" && e.type === "state-changed") {
    const t = s(p.stateType) as never;
    const from = p.before ? stateName(t, s(p.before)) : "none";
    return {
      subject: `${e.subjectKey}: ${stateName(t, s(p.after))}`,
      body: `The state of ${e.subjectKey} (${subjectTitle}) changed from ${from} to ${stateName(t, s(p.after))}${by}.${p.comment ? `\n\n  ${s(p.comment)}` : ""}`,
      path: `/documents/${e.subjectKey}`,
      email: true,
    };
  }
  if (e.type === "agenda-published") {
    return {
      subject: `Agenda published: ${subjectTitle}`,
      body: `The agenda for ${subjectTitle} was published${by}.\n\n${s(p.text)}`,
      path: s(p.path) || "/meetings",
      email: true,
    };
  }
  return {
    subject: `${subjectTitle}: ${e.type.replace(/-/g, " ")}`,
    body: `${e.type.replace(/-/g, " ")}${by}.`,
    path: e.subjectType === "document" ? `/documents/${e.subjectKey}` : "/",
    email: false,
  };
}

/** The full plain-text e-mail, with the link and how to stop receiving it. */
export function emailText(m: Message, baseUrl: string): string {
  const url = `${baseUrl.replace(/\/$/, "")}${m.path}`;
  return `${m.body}\n\n${url}\n\n--\nYou receive this because you watch this item in IOTOPS Dispatch.\nChange what you watch: ${baseUrl.replace(/\/$/, "")}/settings\n`;
}

/** Retry delay after `attempts` failed sends: 30 s doubling, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** After this many failed attempts a message is marked failed. */
export const MAX_ATTEMPTS = 8;
