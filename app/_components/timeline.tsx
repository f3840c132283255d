import { charterItemLabel, formatDateTime, stateLabel } from "./labels";

export interface TimelineEvent {
  id: number;
  type: string;
  actorName: string | null;
  actorCapacity: string | null;
  groupAcronym: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
}

const FIELD_LABELS: Record<string, string> = {
  title: "the title",
  problemStatement: "the problem statement",
  deviceClass: "the device class",
  scale: "the scale",
  networkType: "the network type",
  desiredOutcome: "the desired outcome",
  overlapNotes: "the overlap notes",
  interestedPeople: "the people interested",
  implementers: "the implementers",
  slidesUrl: "the slides link",
  confidential: "the confidentiality",
  relatedDocuments: "the related documents",
  charterItem: "the charter item",
};

function fieldList(fields: unknown): string {
  const list = Array.isArray(fields) ? fields.map((f) => FIELD_LABELS[String(f)] ?? String(f)) : [];
  if (list.length === 0) return "the issue";
  return list.length === 1 ? list[0]! : `${list.slice(0, -1).join(", ")} and ${list.at(-1)}`;
}

const str = (v: unknown) => (typeof v === "string" ? v : v == null ? "" : JSON.stringify(v));

/** One sentence per event, in the style of the Datatracker's history. */
export function describeEvent(e: TimelineEvent): string {
  const p = e.payload;
  switch (e.type) {
    case "filed":
      return `Filed the issue${p.confidential ? " (confidential)" : ""}.`;
    case "edited":
      return `Edited ${fieldList(p.changedFields)}${p.answersInfoRequest ? ", answering the request for information" : ""}.`;
    case "info-requested":
      return `Asked the submitter for more information: “${str(p.message)}”`;
    case "discussion-started":
      return `Moved the issue to discussion.${p.note ? ` ${str(p.note)}` : ""}`;
    case "recommendation-recorded":
      return `Recorded the dispatch recommendation: ${str(p.summary)}.`;
    case "review-requested":
      return `Sent the recommendation (${str(p.summary)}) to the area director for review.`;
    case "ad-approved":
      return `Approved the dispatch: ${str(p.summary)}. Rationale: ${str(p.rationale)}`;
    case "ad-returned":
      return `Returned the recommendation to the chairs: “${str(p.comment)}”`;
    case "acknowledged":
      return `Acknowledged the dispatched work for ${str(p.targetGroup).toUpperCase()}.${p.note ? ` ${str(p.note)}` : ""}`;
    case "declined":
      return `Declined the dispatched work${p.targetGroup ? ` for ${str(p.targetGroup).toUpperCase()}` : ""}: “${str(p.reason)}”`;
    case "closed":
      return p.reason === "duplicate"
        ? typeof p.duplicateOf === "number"
          ? `Closed as a duplicate of #${p.duplicateOf}.`
          : "Closed as a duplicate of another issue."
        : p.reason === "withdrawn"
          ? "Withdrew the issue."
          : "Closed the issue as out of scope.";
    case "reopened":
      return "Reopened the issue.";
    case "charter-item-set":
      return `Set the charter item to ${charterItemLabel(str(p.after))}${p.before ? ` (was ${charterItemLabel(str(p.before))})` : ""}.`;
    case "chair-assigned":
      return p.after
        ? `Assigned ${str(p.chairName)} as responsible chair.`
        : "Cleared the responsible chair.";
    case "commented":
      return "Commented.";
    case "document-linked":
      return `Linked ${str(p.document)}.`;
    case "document-unlinked":
      return `Unlinked ${str(p.document)}.`;
    case "minutes-recorded":
      return `Recorded minutes at IETF ${str(p.meeting)}: ${str(p.minutes)}`;
    case "duplicate-merged":
      return p.duplicate
        ? `Issue #${str(p.duplicate)} was merged into this one as a duplicate.`
        : "A confidential issue was merged into this one as a duplicate.";
    default:
      return e.type.replace(/-/g, " ");
  }
}

export function Timeline({
  events,
  label = "History",
}: {
  events: TimelineEvent[];
  label?: string;
}) {
  if (events.length === 0) return <p className="text-sm text-slate-600">No history yet.</p>;
  return (
    <ol className="space-y-2" aria-label={label}>
      {events.map((e) => {
        const before = typeof e.payload.before === "string" ? e.payload.before : null;
        const after = typeof e.payload.after === "string" ? e.payload.after : null;
        const stateChange =
          before && after && before !== after && !["charter-item-set"].includes(e.type)
            ? `${stateLabel(before)} → ${stateLabel(after)}`
            : null;
        return (
          <li key={e.id} className="border-l-2 border-slate-300 pl-3 text-sm">
            <div className="text-xs text-slate-600">
              <time dateTime={e.createdAt.toISOString()}>{formatDateTime(e.createdAt)}</time>
              {" · "}
              {e.actorName ?? "System"}
              {e.actorCapacity && !["participant", "public"].includes(e.actorCapacity)
                ? ` (as ${e.actorCapacity})`
                : ""}
              {stateChange && (
                <span className="ml-2 font-medium text-slate-800">{stateChange}</span>
              )}
            </div>
            <div>{describeEvent(e)}</div>
          </li>
        );
      })}
    </ol>
  );
}
