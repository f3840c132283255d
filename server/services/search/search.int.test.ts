import { TRPCError } from "@trpc/server";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { SEARCH_SCAN } from "~/server/domain/search/query";
import { confidentialSearchTerms, issues, searchTerms } from "~/db/schema";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { commentOnIssue } from "../issues/comment-issue";
import { countIssuesByState, findIssues } from "../issues/find-issues";
import {
  addDocument,
  callerFor,
  driveTo,
  file,
  makeCast,
  type Cast,
} from "../issues/test-fixtures";
import { searchEverything } from "./search-everything";

let t: TestDatabase;
let cast: Cast;
let secret: number;
let inTitle: number;
let inBody: number;
let brski: number;
let quarantine: number;
let commented: number;

const SECRET_WORDS = ["quokkaquill", "xylophonist", "marmaladefox"] as const;

describe(`search on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    cast = await makeCast(t.db);
    // Confidential, by Alice, dispatched to SUIT: its receiving chair may see it too.
    secret = await file(t.db, cast.alice, {
      title: "Quokkaquill provisioning leak in door sensors",
      problemStatement:
        "The xylophonist provisioning service leaks device keys; details are confidential.",
      confidential: true,
    });
    await commentOnIssue(t.db, cast.iotopsChair, {
      issueId: secret,
      body: "The marmaladefox tool reproduces the leak.",
    });
    await driveTo(t.db, cast, secret, "dispatched");
    inTitle = await file(t.db, cast.bob, { title: "Gravitonweave telemetry for sensor fleets" });
    inBody = await file(t.db, cast.bob, {
      title: "Telemetry for battery powered sensors",
      problemStatement:
        "Operators want telemetry from battery sensors; the gravitonweave exporter is one option among several, and nothing else here is relevant to it.",
    });
    brski = await file(t.db, cast.bob, {
      title: "BRSKI voucher onboarding for constrained devices",
      problemStatement: "Onboarding with BRSKI vouchers does not fit class 1 devices.",
    });
    quarantine = await file(t.db, cast.bob, {
      title: "Quarantine of compromised devices",
      problemStatement: "How to quarantine a device that misbehaves on the network.",
    });
    commented = await file(t.db, cast.bob, { title: "Sleepy node reachability" });
    await commentOnIssue(t.db, cast.alice, {
      issueId: commented,
      body: "Wakeup scheduling with the periwinkleclock approach helps here.",
    });
    await addDocument(t.db, {
      name: "rfc8995",
      rev: null,
      title: "Bootstrapping Remote Secure Key Infrastructure (BRSKI)",
      groupAcronym: "anima",
    });
    await addDocument(t.db, {
      name: "draft-ietf-anima-voucher-update",
      rev: "03",
      title: "A Voucher Artifact for Bootstrapping Protocols, update",
      groupAcronym: "anima",
    });
  });
  afterAll(async () => t?.destroy());

  it("ranks a title match above a body match", async () => {
    const r = await searchEverything(t.db, null, { q: "gravitonweave" });
    expect(r.issues.items.map((i) => i.id)).toEqual([inTitle, inBody]);
    expect(r.issues.total).toBe(2);
    const list = await findIssues(t.db, null, { q: "gravitonweave", sort: "relevance" });
    expect(list.items.map((i) => i.id)).toEqual([inTitle, inBody]);
  });

  it("highlights the matched words in snippets", async () => {
    const r = await searchEverything(t.db, null, { q: "gravitonweave" });
    expect(r.issues.items[1]!.snippet).toContain("\u27e6gravitonweave\u27e7");
  });

  it("tolerates typos: BRSKY vouchr finds the BRSKI issue and ANIMA documents", async () => {
    const r = await searchEverything(t.db, null, { q: "BRSKY vouchr" });
    expect(r.issues.items.map((i) => i.id)).toContain(brski);
    const docs = await searchEverything(t.db, null, { q: "BRSKY" });
    expect(docs.documents.items.map((d) => d.name)).toContain("rfc8995");
    const voucher = await searchEverything(t.db, null, { q: "vouchr" });
    expect(voucher.documents.items.map((d) => d.name)).toContain("draft-ietf-anima-voucher-update");
    const q = await searchEverything(t.db, null, { q: "quarantene" });
    expect(q.issues.items.map((i) => i.id)).toEqual([quarantine]);
    const list = await findIssues(t.db, null, { q: "quarantene" });
    expect(list.items.map((i) => i.id)).toEqual([quarantine]);
  });

  it("finds issues by their comments, with the comment as the snippet", async () => {
    const r = await searchEverything(t.db, null, { q: "periwinkleclock" });
    expect(r.issues.items.map((i) => i.id)).toEqual([commented]);
    expect(r.issues.items[0]!.commentSnippet).toContain("\u27e6periwinkleclock\u27e7");
  });

  it("finds groups by acronym and summary words, and jumps to exact references", async () => {
    const r = await searchEverything(t.db, null, { q: "anima" });
    expect(r.groups.items.map((g) => g.acronym)).toContain("anima");
    expect(r.exact).toMatchObject({ href: "/groups/anima" });
    expect((await searchEverything(t.db, null, { q: "RFC 8995" })).exact).toMatchObject({
      href: "/documents/rfc8995",
    });
    expect((await searchEverything(t.db, null, { q: "rfc8995" })).exact?.href).toBe(
      "/documents/rfc8995",
    );
    expect(
      (await searchEverything(t.db, null, { q: "draft-ietf-anima-voucher-update-03" })).exact?.href,
    ).toBe("/documents/draft-ietf-anima-voucher-update");
    expect((await searchEverything(t.db, null, { q: `#${brski}` })).exact?.href).toBe(
      `/issues/${brski}`,
    );
    expect((await searchEverything(t.db, null, { q: "#2147483647" })).exact).toBeNull();
    expect((await searchEverything(t.db, null, { q: "rfc1" })).exact).toBeNull();
  });

  it("pages through relevance order without repeats", async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 5; i++) {
      const page = await findIssues(t.db, null, {
        q: "sensors",
        sort: "relevance",
        limit: 1,
        cursor,
      });
      seen.push(...page.items.map((x) => x.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen.sort()).toEqual([inTitle, inBody].sort());
  });

  describe("a word more issues share than a search reads", () => {
    const WORD = "zebrafinch";
    let oldTitled: number;
    let oldCommented: number;
    beforeAll(async () => {
      // The oldest issues: one names the word in its title, one only in a comment.
      oldTitled = await file(t.db, cast.bob, { title: `Zebrafinch beacons drain batteries` });
      oldCommented = await file(t.db, cast.bob, { title: "Lamp firmware rollback" });
      await commentOnIssue(t.db, cast.alice, {
        issueId: oldCommented,
        body: "The zebrafinch gateway shows the same rollback.",
      });
      // Then more newer issues than a search reads, naming it only in their bodies.
      await t.db.execute(sql`
        insert into ${issues} (title, problem_statement, submitter_id, created_at)
        select 'Bulk meter relay ' || n,
               'Meters relay through a ${sql.raw(WORD)} hub in this deployment, among many others.',
               ${cast.bob.personId}, now() + make_interval(secs => n)
        from generate_series(1, ${SEARCH_SCAN + 20}) as n`);
    });

    it("ranks the newest matches and the comment matches, and counts a lower bound", async () => {
      const r = await searchEverything(t.db, null, { q: WORD });
      // Only the newest are read: the count is a lower bound and says so.
      expect(r.issues.atLeast).toBe(true);
      expect(r.issues.total).toBeGreaterThanOrEqual(SEARCH_SCAN);
      expect(r.issues.total).toBeLessThanOrEqual(SEARCH_SCAN + 22);
      const ranked: number[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 20; i++) {
        const page = await findIssues(t.db, null, {
          q: WORD,
          sort: "relevance",
          limit: 100,
          cursor,
        });
        ranked.push(...page.items.map((x) => x.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      // The newest SEARCH_SCAN bulk issues and the old comment match, each once; the old
      // title match is older than all of them, so it is not ranked.
      expect(ranked).toContain(oldCommented);
      expect(ranked).not.toContain(oldTitled);
      expect(new Set(ranked).size).toBe(SEARCH_SCAN + 1);
      expect(ranked.length).toBe(SEARCH_SCAN + 1);
    });

    it("lists every match newest first, beyond what relevance ranks", async () => {
      const seen = new Set<number>();
      let cursor: string | undefined;
      for (let i = 0; i < 20; i++) {
        const page = await findIssues(t.db, null, { q: WORD, sort: "newest", limit: 100, cursor });
        for (const x of page.items) seen.add(x.id);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen.size).toBe(SEARCH_SCAN + 22);
      expect(seen).toContain(oldTitled);
      expect(seen).toContain(oldCommented);
    });
  });

  describe("confidential issues, per role", () => {
    const roles = (): [string, MaybeActor, boolean][] => [
      ["anonymous", null, false],
      ["the submitting contributor", cast.alice, true],
      ["another contributor", cast.bob, false],
      ["an IOTOPS chair", cast.iotopsChair, true],
      ["the area's AD", cast.opsAd, true],
      ["another area's AD", cast.intAd, false],
      ["the receiving chair", cast.suitChair, true],
      ["the secretariat", cast.secretariat, true],
    ];

    it.each(SECRET_WORDS.flatMap((w) => [w, w.slice(0, -1)]))(
      "searching %s shows the issue only to those the policy entitles",
      async (word) => {
        for (const [who, actor, sees] of roles()) {
          const r = await searchEverything(t.db, actor, { q: word });
          const text = JSON.stringify({ ...r, q: "" });
          const list = await findIssues(t.db, actor, { q: word });
          const counts = await countIssuesByState(t.db, actor, { q: word });
          const total = Object.values(counts.byState).reduce((a, b) => a + b, 0);
          const jump = await searchEverything(t.db, actor, { q: `#${secret}` });
          if (sees) {
            expect(
              r.issues.items.map((i) => i.id),
              who,
            ).toEqual([secret]);
            expect(
              list.items.map((i) => i.id),
              who,
            ).toEqual([secret]);
            expect(total, who).toBe(1);
            expect(jump.exact?.href, who).toBe(`/issues/${secret}`);
          } else {
            expect(r.issues, who).toEqual({ total: 0, atLeast: false, allWords: true, items: [] });
            for (const w of SECRET_WORDS) expect(text.toLowerCase(), who).not.toContain(w);
            expect(list.items, who).toEqual([]);
            expect(total, who).toBe(0);
            expect(jump.exact, who).toBeNull();
          }
        }
      },
    );
  });

  it("corrects spelling only towards words the reader may see", async () => {
    // "gravitonwave" is a typo of the public "gravitonweave": anyone finds the public issues.
    const typo = async (actor: MaybeActor) =>
      (await searchEverything(t.db, actor, { q: "gravitonwave" })).issues.items.map((i) => i.id);
    const listed = async (actor: MaybeActor) =>
      (await findIssues(t.db, actor, { q: "gravitonwave" })).items.map((i) => i.id);
    const before = { search: await typo(cast.bob), list: await listed(cast.bob) };
    expect(before.search.sort()).toEqual([inTitle, inBody].sort());
    // A confidential issue that holds that very spelling must not change what others find
    // (the word list must not tell them the word exists somewhere they cannot see).
    const hidden = await file(t.db, cast.alice, {
      title: "Gravitonwave emitter default credentials",
      problemStatement: "The gravitonwave emitter ships with a default password.",
      confidential: true,
    });
    await commentOnIssue(t.db, cast.alice, { issueId: hidden, body: "Also the zanzibarquokka." });
    for (const actor of [null, cast.bob, cast.intAd]) {
      expect((await typo(actor)).sort()).toEqual(before.search.sort());
      expect((await listed(actor)).sort()).toEqual(before.list.sort());
    }
    const terms = await t.db
      .select()
      .from(searchTerms)
      .where(inArray(searchTerms.term, ["gravitonwave", "zanzibarquokka", ...SECRET_WORDS]));
    expect(terms).toEqual([]);
    // Its words (and its comment's) are kept apart, with the issue they belong to.
    const apart = async () =>
      (
        await t.db
          .select()
          .from(confidentialSearchTerms)
          .where(inArray(confidentialSearchTerms.term, ["gravitonwave", "zanzibarquokka"]))
      ).sort((a, b) => a.term.localeCompare(b.term));
    expect(await apart()).toEqual([
      { term: "gravitonwave", issueId: hidden },
      { term: "zanzibarquokka", issueId: hidden },
    ]);
    // Those who may see it still have their typos forgiven towards its words.
    const r = await searchEverything(t.db, cast.alice, { q: "zanzibarquoka" });
    expect(r.issues.items.map((i) => i.id)).toEqual([hidden]);
    // Once public, its words (and its comments') join the list and leave the private one.
    await t.db.update(issues).set({ confidential: false }).where(eq(issues.id, hidden));
    expect(await apart()).toEqual([]);
    const anon = await searchEverything(t.db, null, { q: "zanzibarquoka" });
    expect(anon.issues.items.map((i) => i.id)).toEqual([hidden]);
  });

  it("refuses malformed input with a 400, never a 500", async () => {
    const caller = callerFor(t.db, t.mode, null);
    for (const q of ["", "a\0b", "x".repeat(201), "\uD800"]) {
      const err = await caller.search.everything({ q }).catch((e: unknown) => e);
      expect(err, JSON.stringify(q)).toBeInstanceOf(TRPCError);
      expect((err as TRPCError).code).toBe("BAD_REQUEST");
    }
    for (const q of ["toString", "__proto__", "!!! ???", "a & | ! ( ) : * ' <->", "#99999999999"]) {
      const r = await caller.search.everything({ q });
      expect(r.q).toBe(q.trim());
    }
    const list = await caller.issue.list({ q: "!!!" });
    expect(list.items).toEqual([]);
  });
});
