/**
 * The benchmark data set: people (with the bench sign-ins and their roles),
 * documents with Datatracker states, revisions and authors, and issues across
 * the nine charter items in every dispatch state, with their events, comments
 * and linked documents. Generated with a seeded PRNG and bulk-inserted.
 */
import { CHARTER_ITEMS, CHARTER_ITEM_IDS, type CharterItemId } from "~/server/domain/catalog";
import { SEED_CATALOG } from "~/db/seed/group-catalog";
import { createRoutingEngine } from "~/server/domain/routing";
import { suggestionRecord } from "~/server/services/issues/file-issue";
import type { RawClient } from "./bulk";
import { int, mulberry32, pick, weighted, type Rand } from "./random";
import { FIRST_NAMES, LAST_NAMES } from "./words";
import { issueText, documentText, slugWords } from "./text";
import { WG_GROUPS, type Person, type DocInfo, generateIssue } from "./generate-issue";
import { tables, type Tables } from "./tables";
import { Tokens } from "./deferred-words";

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
  /** Distinct tokens of the public texts (issues, their comments, documents), for `fillWordLists`. */
  publicTokens: Tokens;
  chair: BenchLogin;
  contributor: BenchLogin;
}

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

  const publicTokens = new Tokens();
  const docsTask = generateDocuments(r, t, opts.documents, now, people, ads, publicTokens);
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
        publicTokens,
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
    publicTokens,
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
  publicTokens: Tokens,
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
    publicTokens.add(name, text.title, text.abstract);
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
