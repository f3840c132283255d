/**
 * The benchmark data set: people (with the bench sign-ins and their roles),
 * documents with Datatracker states, revisions and authors, and issues across
 * the nine charter items in every dispatch state, with their events, comments
 * and linked documents. Generated with a seeded PRNG and bulk-inserted.
 */
import { CHARTER_ITEMS, CHARTER_ITEM_IDS, type CharterItemId } from "~/server/domain/catalog";
import { SEED_CATALOG } from "~/db/seed/group-catalog";
import {
  describeOutcome,
  outcomeTargetGroup,
  type DispatchOutcome,
  type Recommendation,
} from "~/server/domain/dispatch/outcomes";
import type { IssueState } from "~/server/domain/dispatch/states";
import { DEVICE_CLASSES, SCALES } from "~/server/domain/intake/fields";
import { createRoutingEngine } from "~/server/domain/routing";
import { suggestionRecord } from "~/server/services/issues/file-issue";
import { BulkTable, type RawClient } from "./bulk";
import { ITEM_WORDS } from "./item-words";
import { capitalise, int, mulberry32, pick, weighted, type Rand } from "./random";
import {
  COMMENTS,
  COUNTS,
  DEVICES,
  DOC_PREFIXES,
  FIRST_NAMES,
  LAST_NAMES,
  NETWORKS,
  OUTCOME_WISHES,
  PLACES,
  RATIONALES,
} from "./words";

const DAY = 86_400_000;

export interface BenchLogin {
  personId: number;
  email: string;
  password: string;
  roles: string[];
}

export interface GenerateOptions {
  issues: number;
  documents: number;
  /** bcrypt hash of `password`, stored for every generated person. */
  passwordHash: string;
  password: string;
  seed?: number;
  /** Batches written at once (PostgreSQL: 2 uses both cores; PGlite: 1). */
  parallel?: number;
  log?: (msg: string) => void;
}

export interface GeneratedData {
  rows: Record<string, number>;
  chair: BenchLogin;
  contributor: BenchLogin;
}

// ---------------------------------------------------------------------------
// Text

/** One routable text per charter item, for issues, filing and routing requests. */
export interface IssueText {
  item: CharterItemId;
  title: string;
  problemStatement: string;
  desiredOutcome: string;
  deviceClass: string;
  scale: string;
  networkType: string;
}

const OPS_SENTENCES = [
  "Our operations team maintains separate tooling for each vendor because of this.",
  "The problem gets worse every time the fleet grows.",
  "Field technicians spend a large part of their time on it.",
  "Customers notice it as outages and long repair times.",
  "We have raised it with the vendors, but each points at the others.",
  "Other operators we spoke to on the list report the same experience.",
] as const;

export function issueText(r: Rand, item: CharterItemId): IssueText {
  const w = ITEM_WORDS[item];
  const other = ITEM_WORDS[pick(r, CHARTER_ITEM_IDS)];
  const device = pick(r, DEVICES);
  const network = pick(r, NETWORKS);
  const place = pick(r, PLACES);
  const topic = pick(r, w.topics);
  const titles = [
    () => `${capitalise(topic)} for ${device} on ${network}`,
    () => `${capitalise(pick(r, w.actions))} in ${place}`,
    () => `Operational gaps in ${topic} for ${device}`,
    () => `How can operators ${pick(r, w.actions)}?`,
    () => `${capitalise(topic)} when ${pick(r, w.triggers)}`,
  ];
  const sentences = [
    `We operate ${pick(r, COUNTS)} ${device} in ${place}, connected over ${network}.`,
    `${capitalise(topic)} is a recurring problem: when ${pick(r, w.triggers)}, devices ${pick(r, w.consequences)}.`,
    `Today there is no interoperable way to ${pick(r, w.actions)}.`,
  ];
  if (r() < 0.6) sentences.push(pick(r, OPS_SENTENCES));
  if (r() < 0.5)
    sentences.push(`It also touches ${pick(r, other.topics)}, because ${pick(r, other.triggers)}.`);
  if (r() < 0.7)
    sentences.push(
      `We would like to ${pick(r, w.actions)} with ${device} from several vendors, and to ${pick(r, w.actions)} as well.`,
    );
  if (r() < 0.4)
    sentences.push(
      `In the worst cases devices ${pick(r, w.consequences)} and ${pick(r, other.consequences)}.`,
    );
  return {
    item,
    title: pick(r, titles)().slice(0, 150),
    problemStatement: sentences.join(" "),
    desiredOutcome: r() < 0.7 ? pick(r, OUTCOME_WISHES) : "",
    deviceClass: r() < 0.8 ? pick(r, DEVICE_CLASSES).id : "",
    scale: r() < 0.8 ? pick(r, SCALES).id : "",
    networkType: r() < 0.7 ? network : "",
  };
}

function documentText(r: Rand, item: CharterItemId): { title: string; abstract: string } {
  const w = ITEM_WORDS[item];
  const topic = pick(r, w.topics);
  const device = pick(r, DEVICES);
  const abstract = [
    `This document describes ${topic} for ${device} and other constrained devices.`,
    `It explains how operators can ${pick(r, w.actions)}, in particular when ${pick(r, w.triggers)}.`,
    `Without it, devices ${pick(r, w.consequences)}.`,
    r() < 0.6
      ? `The mechanism works over ${pick(r, NETWORKS)} and needs no new infrastructure.`
      : "",
    r() < 0.5 ? `It also covers ${pick(r, w.topics)} and ${pick(r, w.topics)}.` : "",
  ]
    .filter(Boolean)
    .join(" ");
  return { title: `${pick(r, DOC_PREFIXES)} ${capitalise(topic)}`, abstract };
}

function slugWords(s: string, n: number): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, " ")
    .split(/\s+/)
    .filter((x) => x.length > 2 && !["for", "the", "and", "with", "over"].includes(x))
    .slice(0, n)
    .join("-");
}

// ---------------------------------------------------------------------------
// Dispatch life of an issue

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

const WG_GROUPS = SEED_CATALOG.groups.filter((g) => g.type === "wg");

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

// ---------------------------------------------------------------------------
// Tables

function tables(client: RawClient) {
  return {
    people: new BulkTable(client, "people", [
      { name: "id", type: "int" },
      { name: "email", type: "text" },
      { name: "name", type: "text" },
      { name: "password_hash", type: "text" },
      { name: "created_at", type: "timestamptz" },
    ]),
    roleGrants: new BulkTable(client, "role_grants", [
      { name: "person_id", type: "int" },
      { name: "role", type: "text" },
      { name: "group_acronym", type: "text" },
    ]),
    documents: new BulkTable(client, "documents", [
      { name: "name", type: "text" },
      { name: "rev", type: "text" },
      { name: "title", type: "text" },
      { name: "abstract", type: "text" },
      { name: "stream", type: "text" },
      { name: "group_acronym", type: "text" },
      { name: "intended_std_level", type: "text" },
      { name: "shepherd", type: "text" },
      { name: "ad", type: "text" },
      { name: "tags", type: "textarray" },
      { name: "created_at", type: "timestamptz" },
      { name: "updated_at", type: "timestamptz" },
    ]),
    documentStates: new BulkTable(client, "document_states", [
      { name: "document_name", type: "text" },
      { name: "state_type", type: "text" },
      { name: "slug", type: "text" },
    ]),
    documentRevisions: new BulkTable(client, "document_revisions", [
      { name: "document_name", type: "text" },
      { name: "rev", type: "text" },
      { name: "date", type: "date" },
    ]),
    documentAuthors: new BulkTable(client, "document_authors", [
      { name: "document_name", type: "text" },
      { name: "name", type: "text" },
      { name: "email", type: "text" },
      { name: "position", type: "int" },
    ]),
    documentReplacements: new BulkTable(client, "document_replacements", [
      { name: "source", type: "text" },
      { name: "target", type: "text" },
    ]),
    issues: new BulkTable(client, "issues", [
      { name: "id", type: "int" },
      { name: "title", type: "text" },
      { name: "problem_statement", type: "text" },
      { name: "device_class", type: "text" },
      { name: "scale", type: "text" },
      { name: "network_type", type: "text" },
      { name: "desired_outcome", type: "text" },
      { name: "interested_people", type: "text" },
      { name: "readiness", type: "int" },
      { name: "state", type: "text" },
      { name: "charter_item", type: "text" },
      { name: "suggested_charter_item", type: "text" },
      { name: "suggested_charter_score", type: "real" },
      { name: "suggested_group", type: "text" },
      { name: "suggestion", type: "jsonb" },
      { name: "area", type: "text" },
      { name: "submitter_id", type: "int" },
      { name: "responsible_chair_id", type: "int" },
      { name: "confidential", type: "bool" },
      { name: "recommendation", type: "jsonb" },
      { name: "closed_reason", type: "text" },
      { name: "info_request", type: "text" },
      { name: "created_at", type: "timestamptz" },
      { name: "updated_at", type: "timestamptz" },
      { name: "dispatched_at", type: "timestamptz" },
      { name: "version", type: "int" },
    ]),
    issueDocuments: new BulkTable(client, "issue_documents", [
      { name: "issue_id", type: "int" },
      { name: "document_name", type: "text" },
      { name: "created_at", type: "timestamptz" },
    ]),
    issueComments: new BulkTable(client, "issue_comments", [
      { name: "issue_id", type: "int" },
      { name: "author_id", type: "int" },
      { name: "body", type: "text" },
      { name: "created_at", type: "timestamptz" },
    ]),
    dispatchedRevisions: new BulkTable(client, "dispatched_revisions", [
      { name: "document_name", type: "text" },
      { name: "rev", type: "text" },
      { name: "issue_id", type: "int" },
      { name: "created_at", type: "timestamptz" },
    ]),
    events: new BulkTable(client, "events", [
      { name: "subject_type", type: "text" },
      { name: "subject_key", type: "text" },
      { name: "type", type: "text" },
      { name: "actor_id", type: "int" },
      { name: "actor_capacity", type: "text" },
      { name: "group_acronym", type: "text" },
      { name: "payload", type: "jsonb" },
      { name: "created_at", type: "timestamptz" },
    ]),
  };
}

type Tables = ReturnType<typeof tables>;

/**
 * Runs each batch's insert thunks in order (foreign keys), with up to
 * `parallel` batches in flight on the pool, while the next batch is generated.
 */
class Writer {
  private running = new Set<Promise<void>>();
  constructor(private readonly parallel: number) {}
  async write(thunks: (() => Promise<void>)[]): Promise<void> {
    while (this.running.size >= this.parallel) await Promise.race(this.running);
    const p = (async () => {
      for (const t of thunks) await t();
    })();
    this.running.add(p);
    p.then(
      () => this.running.delete(p),
      () => {},
    );
  }
  async done(): Promise<void> {
    await Promise.all(this.running);
  }
}

// ---------------------------------------------------------------------------

interface Person {
  id: number;
  name: string;
  email: string;
}

interface DocInfo {
  name: string;
  group: string | null;
  rev: string | null;
  item: CharterItemId;
}

const ITEM_OF_GROUP = new Map(
  WG_GROUPS.map((g) => [g.acronym, g.charterItems[0] ?? "security-privacy"]),
);

export async function generateDataset(
  client: RawClient,
  opts: GenerateOptions,
): Promise<GeneratedData> {
  const log = opts.log ?? (() => {});
  const r = mulberry32(opts.seed ?? 20_260_101);
  const now = Date.now();
  const t = tables(client);

  // People: the bench sign-ins first, then chairs, ADs and contributors.
  const nPeople = Math.max(60, Math.round(opts.issues / 40));
  const people: Person[] = [];
  const fixed = [
    { name: "Bench Chair", email: "bench-chair@example.org" },
    { name: "Bench Contributor", email: "bench-contributor@example.org" },
  ];
  for (let i = 0; i < nPeople; i++) {
    const id = i + 1;
    const f = fixed[i];
    const first = pick(r, FIRST_NAMES);
    const last = pick(r, LAST_NAMES);
    const p = f
      ? { id, ...f }
      : {
          id,
          name: `${first} ${last}`,
          email: `${first}.${last}.${id}@bench.example.org`.toLowerCase(),
        };
    people.push(p);
    t.people.push([p.id, p.email, p.name, opts.passwordHash, new Date(now - 4 * 365 * DAY)]);
  }
  const chairs = [people[0]!, people[2]!, people[3]!];
  const ads = [
    { person: people[4]!, area: "ops" },
    { person: people[5]!, area: "sec" },
    { person: people[6]!, area: "int" },
  ];
  for (const c of chairs) t.roleGrants.push([c.id, "chair", "iotops"]);
  for (const a of ads) t.roleGrants.push([a.person.id, "ad", a.area]);
  t.roleGrants.push([people[7]!.id, "secretariat", "secretariat"]);
  const groupChairs = new Map<string, Person>();
  WG_GROUPS.forEach((g, i) => {
    const p = people[8 + (i % (nPeople - 8))]!;
    groupChairs.set(g.acronym, p);
    t.roleGrants.push([p.id, "chair", g.acronym]);
  });
  const contributors = people.slice(8);
  await t.people.take()();
  await t.roleGrants.take()();
  await client.query(`select setval('people_id_seq', (select max(id) from people))`);

  // Suggestions: the real routing engine (catalog profiles only) on sample texts per item.
  const engine = createRoutingEngine({
    groups: SEED_CATALOG.groups,
    charterItems: CHARTER_ITEMS,
    documents: [],
  });
  const suggestions = new Map<CharterItemId, ReturnType<typeof suggestionRecord>[]>();
  for (const item of CHARTER_ITEM_IDS) {
    const list: ReturnType<typeof suggestionRecord>[] = [];
    for (let i = 0; i < 12; i++) {
      const txt = issueText(r, item);
      list.push(suggestionRecord(engine.route({ title: txt.title, text: txt.problemStatement })));
    }
    suggestions.set(item, list);
  }

  const docsTask = generateDocuments(r, t, opts.documents, now, people, ads);
  const docs = docsTask.docs;
  const docsByItem = new Map<CharterItemId, DocInfo[]>();
  for (const d of docs) {
    const list = docsByItem.get(d.item) ?? [];
    list.push(d);
    docsByItem.set(d.item, list);
  }

  // Issue creation times: spread over three years, more of them recent, in id order.
  const span = 3 * 365 * DAY;
  const times = Array.from(
    { length: opts.issues },
    () => now - 3_600_000 - span * (1 - r() ** 0.75),
  );
  times.sort((a, b) => a - b);

  const writer = new Writer(opts.parallel ?? 1);
  const CHUNK = 5000;
  let eventsCount = 0;
  for (let start = 0; start < opts.issues; start += CHUNK) {
    const end = Math.min(opts.issues, start + CHUNK);
    for (let k = start; k < end; k++) {
      eventsCount += generateIssue(r, t, {
        id: k + 1,
        createdAt: times[k]!,
        now,
        contributors,
        chairs,
        ads,
        groupChairs,
        suggestions,
        docsByItem,
      });
    }
    await writer.write([
      t.issues.take(),
      t.issueDocuments.take(),
      t.issueComments.take(),
      t.dispatchedRevisions.take(),
      t.events.take(),
    ]);
    log(`  issues ${end.toLocaleString("en")}/${opts.issues.toLocaleString("en")}`);
  }
  await writer.done();
  await docsTask.done;
  await client.query(`select setval('issues_id_seq', (select max(id) from issues))`);
  log(`  ${eventsCount.toLocaleString("en")} issue events`);

  const rows: Record<string, number> = {};
  for (const [k, v] of Object.entries(t)) rows[k] = v.rowsWritten;
  const login = (p: Person, roles: string[]): BenchLogin => ({
    personId: p.id,
    email: p.email,
    password: opts.password,
    roles,
  });
  return {
    rows,
    chair: login(people[0]!, ["chair/iotops"]),
    contributor: login(people[1]!, []),
  };
}

function generateDocuments(
  r: Rand,
  t: Tables,
  n: number,
  now: number,
  people: Person[],
  ads: { person: Person; area: string }[],
): { docs: DocInfo[]; done: Promise<void> } {
  const docs: DocInfo[] = [];
  const names = new Set<string>();
  const groupDrafts = new Map<string, string[]>();
  const individual: string[] = [];
  let rfc = 8000;
  for (let i = 0; i < n; i++) {
    const kind = weighted(r, { ietf: 55, individual: 30, rfc: 15 });
    const group = kind === "individual" && r() < 0.6 ? null : pick(r, WG_GROUPS).acronym;
    const item: CharterItemId = group
      ? r() < 0.7
        ? (ITEM_OF_GROUP.get(group) ?? pick(r, CHARTER_ITEM_IDS))
        : pick(r, CHARTER_ITEM_IDS)
      : pick(r, CHARTER_ITEM_IDS);
    const text = documentText(r, item);
    let name: string;
    if (kind === "rfc") name = `rfc${rfc++}`;
    else {
      const base =
        kind === "ietf"
          ? `draft-ietf-${group}-${slugWords(text.title, 3)}`
          : `draft-${pick(r, LAST_NAMES).toLowerCase()}-${group ?? "iot"}-${slugWords(text.title, 3)}`;
      name = base;
      for (let k = 2; names.has(name); k++) name = `${base}-${k}`;
    }
    names.add(name);
    const created = now - r() * 5 * 365 * DAY;
    const nRevs = kind === "rfc" ? 0 : int(r, 1, 16);
    const rev = nRevs ? String(nRevs - 1).padStart(2, "0") : null;
    const updated = nRevs ? created + r() * (now - created) : created;
    docs.push({ name, group, rev, item });
    if (kind === "ietf" && group) groupDrafts.set(group, [...(groupDrafts.get(group) ?? []), name]);
    if (kind === "individual") individual.push(name);

    const ad = r() < 0.3 ? pick(r, ads).person.email : null;
    t.documents.push([
      name,
      rev,
      text.title,
      text.abstract,
      kind === "individual" ? (r() < 0.5 ? "ietf" : null) : "ietf",
      group,
      pick(r, ["ps", "inf", "bcp", "exp", "ps", "inf"]),
      r() < 0.3 ? pick(r, people).name : null,
      ad,
      r() < 0.1 ? ["need-rev"] : [],
      new Date(created),
      new Date(updated),
    ]);
    // States, held in parallel.
    const draftState =
      kind === "rfc" ? "rfc" : weighted(r, { active: 60, expired: 30, repl: 5, "auth-rm": 5 });
    t.documentStates.push([name, "draft", draftState]);
    if (kind === "ietf") {
      const wg = weighted(r, {
        "wg-doc": 45,
        "wg-lc": 10,
        "c-adopt": 5,
        "adopt-wg": 8,
        parked: 3,
        dead: 4,
        "sub-pub": 15,
        "chair-w": 5,
        writeupw: 5,
      });
      t.documentStates.push([name, "draft-stream-ietf", wg]);
      if (wg === "sub-pub")
        t.documentStates.push([
          name,
          "draft-iesg",
          pick(r, ["pub-req", "ad-eval", "lc", "iesg-eva", "approved", "rfcqueue"]),
        ]);
    } else if (kind === "individual" && group && r() < 0.3) {
      t.documentStates.push([name, "draft-stream-ietf", "c-adopt"]);
    }
    // Revisions 00..rev, dated between creation and the last update.
    for (let v = 0; v < nRevs; v++) {
      const at = created + ((updated - created) * v) / Math.max(1, nRevs - 1);
      t.documentRevisions.push([
        name,
        String(v).padStart(2, "0"),
        new Date(at).toISOString().slice(0, 10),
      ]);
    }
    const nAuthors = int(r, 1, 3);
    for (let a = 0; a < nAuthors; a++) {
      const p = pick(r, people);
      t.documentAuthors.push([name, p.name, r() < 0.8 ? p.email : null, a]);
    }
    t.events.push([
      "document",
      name,
      "imported",
      null,
      "command-line",
      group,
      { source: "bench", rev, states: { draft: draftState } },
      new Date(created),
    ]);
  }
  // A few WG drafts replace an individual draft.
  for (const [, list] of groupDrafts) {
    for (const source of list) {
      if (individual.length && r() < 0.05)
        t.documentReplacements.push([source, individual[Math.floor(r() * individual.length)]!]);
    }
  }
  const thunks = [
    t.documents.take(),
    t.documentStates.take(),
    t.documentRevisions.take(),
    t.documentAuthors.take(),
    t.documentReplacements.take(),
    t.events.take(),
  ];
  const done = (async () => {
    for (const th of thunks) await th();
  })();
  return { docs, done };
}

interface IssueContext {
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
function generateIssue(r: Rand, t: Tables, c: IssueContext): number {
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
