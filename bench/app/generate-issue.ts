/** One generated issue in its dispatch life: state, path of events, outcome, comments and links. */
import { CHARTER_ITEM_IDS, type CharterItemId } from "~/server/domain/catalog";
import { SEED_CATALOG } from "~/db/seed/group-catalog";
import {
  outcomeTargetGroup,
  type DispatchOutcome,
  type Recommendation,
} from "~/server/domain/dispatch/outcomes";
import {
  transition,
  type IssueCommand,
  type IssueSnapshot,
} from "~/server/domain/dispatch/machine";
import type { IssueState } from "~/server/domain/dispatch/states";
import { suggestionRecord } from "~/server/services/issues/file-issue";
import { int, pick, weighted, type Rand } from "./random";
import { COMMENTS, DEVICES, RATIONALES } from "./words";
import { issueText } from "./text";
import type { Tables } from "./tables";
import type { Tokens } from "./deferred-words";

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

/**
 * The commands the chairs, the AD and the receiving group give to bring a new
 * issue to `state`: the generator's choice of what people did. What each
 * command is allowed to do and what it records (events, payloads, fields) is
 * the dispatch state machine's, which the generator runs on every command.
 */
function commandsTo(
  r: Rand,
  state: IssueState,
  c: { id: number; recommendation: () => Recommendation },
): IssueCommand[] {
  const discuss: IssueCommand = { type: "start-discussion" };
  const askInfo = (): IssueCommand => ({
    type: "request-info",
    message: `Could you say which ${pick(r, DEVICES)} are affected and how many vendors are involved?`,
  });
  const recommend = (): IssueCommand => ({ type: "recommend", recommendation: c.recommendation() });
  const review: IssueCommand = { type: "request-review" };
  const approve: IssueCommand = {
    type: "approve",
    rationale: "Agreed with the chairs' recommendation.",
  };
  const close = (): IssueCommand => {
    const reason = weighted(r, { "out-of-scope": 50, withdrawn: 40, duplicate: 10 });
    return reason === "duplicate" && c.id > 1
      ? { type: "close", reason, duplicateOf: 1 + Math.floor(r() * (c.id - 1)) }
      : { type: "close", reason: reason === "duplicate" ? "withdrawn" : reason };
  };
  switch (state) {
    case "submitted":
      return [];
    case "needs-info":
      return [askInfo()];
    case "in-discussion":
      return r() < 0.3 ? [askInfo(), discuss] : [discuss];
    case "recommended":
      return [discuss, recommend()];
    case "ad-review":
      return [discuss, recommend(), review];
    case "dispatched":
      return [discuss, recommend(), review, approve];
    case "accepted":
      return [discuss, recommend(), review, approve, { type: "acknowledge" }];
    case "returned":
      return [
        discuss,
        recommend(),
        review,
        { type: "return", comment: "Please clarify the scope before dispatching." },
      ];
    case "closed":
      return r() < 0.5 ? [close()] : [discuss, close()];
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
  /** Collects the tokens of public texts, for the word lists filled after the load. */
  publicTokens: Tokens;
}

/** Who gives a command, and in which capacity (the permission policy's, as the services record it). */
function actorFor(
  type: IssueCommand["type"],
  issue: IssueSnapshot,
  c: IssueContext,
  chair: Person,
  ad: { person: Person; area: string },
): { person: Person; capacity: string } {
  if (type === "approve" || type === "return")
    return { person: ad.person, capacity: `ad/${ad.area}` };
  if (type === "acknowledge") {
    const target =
      (issue.recommendation && outcomeTargetGroup(issue.recommendation.outcome)) ?? "iotops";
    return { person: c.groupChairs.get(target) ?? chair, capacity: `chair/${target}` };
  }
  return { person: chair, capacity: "chair/iotops" };
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

  const commands = commandsTo(r, state, {
    id: c.id,
    recommendation: () => ({
      outcome: outcomeFor(r, item, state === "accepted", ad.person.name),
      rationale: pick(r, RATIONALES),
    }),
  });
  const steps = (assignChair ? 1 : 0) + commands.length;
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

  const issue: IssueSnapshot = {
    number: c.id,
    state: "submitted",
    recommendation: null,
    closedReason: null,
    duplicateOf: null,
  };
  let infoRequest: string | null = null;
  let dispatchedAt: Date | null = null;
  for (const command of commands) {
    const decided = transition(issue, command);
    if (!decided.ok)
      throw new Error(`bench issue ${c.id}: ${command.type} refused: ${decided.error.message}`);
    const { patch, effects } = decided.value;
    version++;
    events++;
    const when = nextTime();
    const by = actorFor(command.type, issue, c, chair, ad);
    for (const e of decided.value.events)
      t.events.push([
        "issue",
        String(c.id),
        e.type,
        by.person.id,
        by.capacity,
        decided.value.group,
        { ...e.payload, version },
        when,
      ]);
    issue.state = patch.state;
    if (patch.recommendation !== undefined) issue.recommendation = patch.recommendation;
    if (patch.closedReason !== undefined) issue.closedReason = patch.closedReason;
    if (patch.duplicateOf !== undefined) issue.duplicateOf = patch.duplicateOf;
    if (patch.infoRequest !== undefined) infoRequest = patch.infoRequest;
    if (effects.some((f) => f.kind === "record-dispatched-revisions")) dispatchedAt = when;
  }
  if (issue.state !== state)
    throw new Error(`bench issue ${c.id}: ended ${issue.state}, not ${state}`);

  // Comments.
  if (r() < 0.35) {
    const n = int(r, 1, 3);
    for (let i = 0; i < n; i++) {
      const author = r() < 0.6 ? pick(r, c.chairs) : pick(r, c.contributors);
      const when = c.createdAt + r() * (c.now - c.createdAt);
      const body = pick(r, COMMENTS);
      t.issueComments.push([c.id, author.id, body, new Date(when)]);
      if (!confidential) c.publicTokens.add(body);
    }
  }
  if (dispatchedAt) {
    for (const d of links)
      if (d.rev && d.name.startsWith("draft-"))
        t.dispatchedRevisions.push([d.name, d.rev, c.id, dispatchedAt]);
  }

  if (!confidential) c.publicTokens.add(text.title, text.problemStatement, text.desiredOutcome);
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
    issue.recommendation,
    issue.closedReason ?? null,
    issue.duplicateOf ?? null,
    infoRequest,
    new Date(c.createdAt),
    new Date(at),
    dispatchedAt,
    version,
  ]);
  return events;
}
