/** One generated issue in its dispatch life: state, path of events, outcome, comments and links. */
import { CHARTER_ITEM_IDS, type CharterItemId } from "~/server/domain/catalog";
import { SEED_CATALOG } from "~/db/seed/group-catalog";
import {
  describeOutcome,
  outcomeTargetGroup,
  type DispatchOutcome,
  type Recommendation,
} from "~/server/domain/dispatch/outcomes";
import type { IssueState } from "~/server/domain/dispatch/states";
import { suggestionRecord } from "~/server/services/issues/file-issue";
import { int, pick, weighted, type Rand } from "./random";
import { COMMENTS, DEVICES, RATIONALES } from "./words";
import { issueText } from "./text";
import type { Tables } from "./tables";

const DAY = 86_400_000;

const STATE_WEIGHTS_RECENT: Partial<Record<IssueState, number>> = {
  submitted: 45,
  "needs-info": 15,
  "in-discussion": 20,
  recommended: 8,
  "ad-review": 5,
  dispatched: 2,
  closed: 5,
};
const STATE_WEIGHTS_MONTHS: Partial<Record<IssueState, number>> = {
  submitted: 12,
  "needs-info": 8,
  "in-discussion": 12,
  recommended: 8,
  "ad-review": 6,
  dispatched: 16,
  accepted: 18,
  returned: 4,
  closed: 16,
};
const STATE_WEIGHTS_OLD: Partial<Record<IssueState, number>> = {
  submitted: 4,
  "needs-info": 3,
  "in-discussion": 3,
  recommended: 2,
  "ad-review": 1,
  dispatched: 22,
  accepted: 35,
  returned: 3,
  closed: 27,
};

/** Commands (as event types with before/after) leading from `submitted` to `state`. */
function pathTo(r: Rand, state: IssueState): { type: string; to: IssueState }[] {
  const discuss = { type: "discussion-started", to: "in-discussion" as const };
  const recommend = { type: "recommendation-recorded", to: "recommended" as const };
  const review = { type: "review-requested", to: "ad-review" as const };
  const approve = { type: "ad-approved", to: "dispatched" as const };
  switch (state) {
    case "submitted":
      return [];
    case "needs-info":
      return [{ type: "info-requested", to: "needs-info" }];
    case "in-discussion":
      return r() < 0.3 ? [{ type: "info-requested", to: "needs-info" }, discuss] : [discuss];
    case "recommended":
      return [discuss, recommend];
    case "ad-review":
      return [discuss, recommend, review];
    case "dispatched":
      return [discuss, recommend, review, approve];
    case "accepted":
      return [discuss, recommend, review, approve, { type: "acknowledged", to: "accepted" }];
    case "returned":
      return [discuss, recommend, review, { type: "ad-returned", to: "returned" }];
    case "closed":
      return r() < 0.5
        ? [{ type: "closed", to: "closed" }]
        : [discuss, { type: "closed", to: "closed" }];
  }
}

export const WG_GROUPS = SEED_CATALOG.groups.filter((g) => g.type === "wg");

function groupsFor(item: CharterItemId): string[] {
  const gs = WG_GROUPS.filter((g) => g.charterItems.includes(item)).map((g) => g.acronym);
  return gs.length ? gs : ["iotops"];
}

function outcomeFor(
  r: Rand,
  item: CharterItemId,
  acceptable: boolean,
  adName: string,
): DispatchOutcome {
  const kind = acceptable
    ? weighted(r, { "existing-wg": 92, iotops: 8 })
    : weighted(r, {
        "existing-wg": 85,
        iotops: 5,
        bof: 4,
        "ad-sponsored": 3,
        "mailing-list": 3,
      });
  switch (kind) {
    case "iotops":
      return { kind: "iotops", documentType: r() < 0.6 ? "bcp" : "informational" };
    case "bof":
      return { kind: "bof", proposedMeeting: int(r, 121, 127) };
    case "ad-sponsored":
      return { kind: "ad-sponsored", sponsoringAd: adName };
    case "mailing-list":
      return { kind: "mailing-list", listName: `iot-${item}@ietf.org` };
    default:
      return {
        kind: "existing-wg",
        targetGroup: pick(r, groupsFor(item)),
        charterItem: item,
        needsRecharter: false,
      };
  }
}

export interface Person {
  id: number;
  name: string;
  email: string;
}

export interface DocInfo {
  name: string;
  group: string | null;
  rev: string | null;
  item: CharterItemId;
}

export interface IssueContext {
  id: number;
  createdAt: number;
  now: number;
  contributors: Person[];
  chairs: Person[];
  ads: { person: Person; area: string }[];
  groupChairs: Map<string, Person>;
  suggestions: Map<CharterItemId, ReturnType<typeof suggestionRecord>[]>;
  docsByItem: Map<CharterItemId, DocInfo[]>;
}

/** One issue with its events, comments and links. Returns the number of events. */
export function generateIssue(r: Rand, t: Tables, c: IssueContext): number {
  const item = pick(r, CHARTER_ITEM_IDS);
  const text = issueText(r, item);
  const ageDays = (c.now - c.createdAt) / DAY;
  const state = weighted(
    r,
    ageDays < 30 ? STATE_WEIGHTS_RECENT : ageDays < 180 ? STATE_WEIGHTS_MONTHS : STATE_WEIGHTS_OLD,
  );
  const submitter = pick(r, c.contributors);
  const area = weighted(r, { ops: 70, sec: 15, int: 10, art: 5 });
  const ad = c.ads.find((a) => a.area === area) ?? c.ads[0]!;
  const suggested = pick(r, c.suggestions.get(item)!);
  const charterItem = r() < 0.9 ? item : r() < 0.5 ? null : suggested.suggestedCharterItem;
  const confidential = r() < 0.01;
  const chair = pick(r, c.chairs);
  const assignChair = state === "submitted" ? r() < 0.2 : r() < 0.6;

  const path = pathTo(r, state);
  const steps = (assignChair ? 1 : 0) + path.length;
  // Gaps between steps, squeezed so the last one is before now.
  const gaps = Array.from({ length: steps }, () => (0.2 + r() * 20) * DAY);
  const total = gaps.reduce((a, b) => a + b, 0);
  const room = c.now - c.createdAt - 60_000;
  const scale = total > room ? (room / total) * 0.95 : 1;
  let at = c.createdAt;
  const nextTime = () => {
    at += gaps.shift()! * scale;
    return new Date(at);
  };

  let events = 1;
  const filedPayload = {
    before: null,
    after: "submitted",
    title: text.title,
    charterItem,
    chosenCharterItem: null,
    suggestedCharterItem: suggested.suggestedCharterItem,
    suggestedGroup: suggested.suggestedGroup,
    relatedDocuments: [] as string[],
    confidential,
  };
  // Linked documents.
  const links: DocInfo[] = [];
  const pool = c.docsByItem.get(item);
  if (pool?.length && r() < 0.25) {
    const n = int(r, 1, 2);
    for (let i = 0; i < n; i++) {
      const d = pool[Math.floor(r() * pool.length)]!;
      if (!links.includes(d)) links.push(d);
    }
  }
  filedPayload.relatedDocuments = links.map((d) => d.name);
  for (const d of links) t.issueDocuments.push([c.id, d.name, new Date(c.createdAt)]);
  t.events.push([
    "issue",
    String(c.id),
    "filed",
    submitter.id,
    "submitter",
    "iotops",
    filedPayload,
    new Date(c.createdAt),
  ]);

  let version = 1;
  if (assignChair) {
    version++;
    events++;
    t.events.push([
      "issue",
      String(c.id),
      "chair-assigned",
      chair.id,
      "chair/iotops",
      "iotops",
      { before: null, after: chair.id, chairName: chair.name, version },
      nextTime(),
    ]);
  }

  let recommendation: Recommendation | null = null;
  if (["recommended", "ad-review", "dispatched", "accepted", "returned"].includes(state)) {
    recommendation = {
      outcome: outcomeFor(r, item, state === "accepted", ad.person.name),
      rationale: pick(r, RATIONALES),
    };
  }
  let dispatchedAt: Date | null = null;
  let closedReason: string | null = null;
  let infoRequest: string | null = null;
  let before: IssueState = "submitted";
  for (const step of path) {
    version++;
    events++;
    const when = nextTime();
    const base = { before, after: step.to, version };
    let actor = chair;
    let capacity = "chair/iotops";
    let group = "iotops";
    let payload: Record<string, unknown> = base;
    switch (step.type) {
      case "info-requested":
        infoRequest = `Could you say which ${pick(r, DEVICES)} are affected and how many vendors are involved?`;
        payload = { ...base, message: infoRequest };
        break;
      case "recommendation-recorded":
        payload = {
          ...base,
          recommendation,
          summary: describeOutcome(recommendation!.outcome),
          previous: null,
        };
        break;
      case "review-requested":
        payload = { ...base, recommendation, summary: describeOutcome(recommendation!.outcome) };
        break;
      case "ad-approved": {
        actor = ad.person;
        capacity = `ad/${ad.area}`;
        const target = outcomeTargetGroup(recommendation!.outcome);
        group = target ?? "iotops";
        payload = {
          ...base,
          rationale: "Agreed with the chairs' recommendation.",
          outcome: recommendation!.outcome,
          summary: describeOutcome(recommendation!.outcome),
          targetGroup: target,
        };
        dispatchedAt = when;
        break;
      }
      case "ad-returned":
        actor = ad.person;
        capacity = `ad/${ad.area}`;
        payload = { ...base, comment: "Please clarify the scope before dispatching." };
        break;
      case "acknowledged": {
        const target = outcomeTargetGroup(recommendation!.outcome) ?? "iotops";
        actor = c.groupChairs.get(target) ?? chair;
        capacity = `chair/${target}`;
        group = target;
        payload = { ...base, targetGroup: target };
        break;
      }
      case "closed":
        closedReason = weighted(r, { "out-of-scope": 50, withdrawn: 40, duplicate: 10 });
        if (closedReason === "duplicate" && c.id === 1) closedReason = "withdrawn";
        payload = { ...base, reason: closedReason };
        break;
    }
    t.events.push(["issue", String(c.id), step.type, actor.id, capacity, group, payload, when]);
    before = step.to;
  }

  // Comments.
  if (r() < 0.35) {
    const n = int(r, 1, 3);
    for (let i = 0; i < n; i++) {
      const author = r() < 0.6 ? pick(r, c.chairs) : pick(r, c.contributors);
      const when = c.createdAt + r() * (c.now - c.createdAt);
      t.issueComments.push([c.id, author.id, pick(r, COMMENTS), new Date(when)]);
    }
  }
  if (dispatchedAt) {
    for (const d of links)
      if (d.rev && d.name.startsWith("draft-"))
        t.dispatchedRevisions.push([d.name, d.rev, c.id, dispatchedAt]);
  }

  t.issues.push([
    c.id,
    text.title,
    text.problemStatement,
    text.deviceClass,
    text.scale,
    text.networkType,
    text.desiredOutcome,
    r() < 0.4 ? `${pick(r, c.contributors).name}, ${pick(r, c.contributors).name}` : "",
    int(r, 0, 6),
    state,
    charterItem,
    suggested.suggestedCharterItem,
    suggested.suggestedCharterScore,
    suggested.suggestedGroup,
    suggested.suggestion,
    area,
    submitter.id,
    assignChair ? chair.id : null,
    confidential,
    recommendation,
    closedReason,
    infoRequest,
    new Date(c.createdAt),
    new Date(at),
    dispatchedAt,
    version,
  ]);
  return events;
}
