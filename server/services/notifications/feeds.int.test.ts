/**
 * Atom feeds of an issue's timeline and of a group's dispatch activity: valid
 * Atom with the required elements, and nothing about confidential issues.
 */
import { asc, eq, sql } from "drizzle-orm";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { env } from "~/server/env";
import { commentOnIssue } from "~/server/services/issues/comment-issue";
import { act, driveTo, file, issueEvents } from "~/server/services/issues/test-fixtures";
import { makeCast, type Cast } from "~/server/services/people/test-fixtures";
import { expectDomainError } from "~/server/testing/calls";
import { feedRouter } from "~/server/api/routers/feed";
import { createCallerFactory } from "~/server/api/trpc";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { groupFeed, issueFeed } from "./feeds";

let t: TestDatabase;
let cast: Cast;
let open: number;
let secret: number;

const OPEN_TITLE = "Public feed issue: LwM2M bootstrap storms";
const SECRET_TITLE = "Platypus hub private key disclosure";
const BASE = (env().APP_URL ?? `http://localhost:${env().PORT}`).replace(/\/$/, "");

interface AtomLink {
  "@_href": string;
  "@_rel"?: string;
}
interface AtomText {
  "#text"?: string;
}
type Text = string | AtomText;
interface AtomEntry {
  id: string;
  title: Text;
  updated: string;
  link: AtomLink | AtomLink[];
  content?: Text;
  summary?: Text;
}
interface AtomFeed {
  "@_xmlns": string;
  id: string;
  title: Text;
  updated: string;
  link?: AtomLink | AtomLink[];
  entry?: AtomEntry[];
}

/** The text a reader shows: `type="html"` content is HTML-decoded once more. */
const text = (v: Text | undefined) => {
  const raw = typeof v === "string" ? v : (v?.["#text"] ?? "");
  const isHtml = typeof v === "object" && (v as { "@_type"?: string })["@_type"] === "html";
  return isHtml
    ? raw
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, "&")
    : raw;
};
const links = (l: AtomLink | AtomLink[] | undefined) => (l === undefined ? [] : [l].flat());

/** Parse an Atom document, checking it is well-formed and has the required elements. */
function parseAtom(xml: string): { feed: AtomFeed; entries: AtomEntry[] } {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parsed = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => name === "entry",
    parseTagValue: false,
  }).parse(xml) as { feed?: AtomFeed };
  const feed = parsed.feed;
  expect(feed, "the root element is <feed>").toBeDefined();
  expect(feed!["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
  expect(feed!.id).toMatch(/^https?:\/\//);
  expect(text(feed!.title).length).toBeGreaterThan(0);
  expect(Number.isNaN(Date.parse(feed!.updated))).toBe(false);
  const entries = feed!.entry ?? [];
  for (const e of entries) {
    expect(e.id).toMatch(/^https?:\/\/.+\/events\/\d+$/);
    expect(text(e.title).length).toBeGreaterThan(0);
    expect(Number.isNaN(Date.parse(e.updated))).toBe(false);
    expect(links(e.link).length).toBeGreaterThan(0);
    for (const l of links(e.link)) expect(l["@_href"]).toMatch(/^https?:\/\//);
  }
  return { feed: feed!, entries };
}

beforeAll(async () => {
  t = await createTestDatabase();
  cast = await makeCast(t.db);
  open = await file(t.db, cast.alice, { title: OPEN_TITLE });
  await commentOnIssue(t.db, cast.bob, { issueId: open, body: "Seen it <b>too</b> & more." });
  await driveTo(t.db, cast, open, "dispatched");
  secret = await file(t.db, cast.alice, { title: SECRET_TITLE, confidential: true });
  await commentOnIssue(t.db, cast.alice, { issueId: secret, body: "Secret detail." });
  await driveTo(t.db, cast, secret, "dispatched");
  await act(t.db, cast.suitChair, open, { type: "acknowledge" });
});
afterAll(async () => t?.destroy());

describe(`Atom feeds on ${testDbKind()}`, () => {
  it("an issue feed lists every event of the issue, newest first, as valid Atom", async () => {
    const { feed, entries } = parseAtom(await issueFeed(t.db, open));
    expect(feed.id).toBe(`${BASE}/feeds/issues/${open}`);
    expect(text(feed.title)).toBe(`Issue #${open}: ${OPEN_TITLE}`);
    const evs = await issueEvents(t.db, open);
    expect(evs.map((e) => e.type)).toEqual([
      "filed",
      "commented",
      "discussion-started",
      "recommendation-recorded",
      "review-requested",
      "ad-approved",
      "acknowledged",
    ]);
    expect(entries.map((e) => e.id)).toEqual(
      [...evs].reverse().map((e) => `${BASE}/events/${e.id}`),
    );
    for (const e of entries) {
      expect(links(e.link).map((l) => l["@_href"])).toContain(`${BASE}/issues/${open}`);
      expect(text(e.title)).toContain(`#${open} ${OPEN_TITLE}`);
    }
    expect(text(entries[0]!.title)).toBe(`SUIT accepted #${open} ${OPEN_TITLE}`);
    // The feed's updated time is that of the newest event.
    expect(Date.parse(feed.updated)).toBe(evs.at(-1)!.createdAt.getTime());
  });

  it("a confidential or unknown issue has no feed", async () => {
    await expectDomainError(issueFeed(t.db, secret), "NOT_FOUND");
    await expectDomainError(issueFeed(t.db, 999_999), "NOT_FOUND");
  });

  it("the IOTOPS group feed shows public activity and nothing of the confidential issue", async () => {
    for (const acronym of ["iotops", "IOTOPS"]) {
      const xml = await groupFeed(t.db, acronym);
      expect(xml).not.toContain(SECRET_TITLE);
      expect(xml).not.toContain("Platypus");
      expect(xml).not.toContain("Secret detail");
      const { feed, entries } = parseAtom(xml);
      expect(feed.id).toBe(`${BASE}/feeds/groups/iotops`);
      expect(text(feed.title)).toBe("IOTOPS dispatch activity");
      const hrefs = entries.flatMap((e) => links(e.link).map((l) => l["@_href"]));
      expect(hrefs).toContain(`${BASE}/issues/${open}`);
      expect(hrefs).not.toContain(`${BASE}/issues/${secret}`);
      expect(entries.length).toBeGreaterThanOrEqual(5);
    }
  });

  it("the receiving group's feed does not show the confidential dispatch either", async () => {
    const secretEvents = await t.db
      .select()
      .from(events)
      .where(sql`${events.subjectType} = 'issue' and ${events.subjectKey} = ${String(secret)}`)
      .orderBy(asc(events.id));
    // The confidential issue's dispatch was recorded against SUIT ...
    expect(secretEvents.some((e) => e.groupAcronym === "suit")).toBe(true);
    const xml = await groupFeed(t.db, "suit");
    expect(xml).not.toContain(SECRET_TITLE);
    const { entries } = parseAtom(xml);
    const eventIds = entries.map((e) => Number(e.id.split("/").pop()));
    // ... but only the public issue's SUIT events are in SUIT's feed.
    expect(eventIds.length).toBeGreaterThan(0);
    for (const id of eventIds) {
      const [ev] = await t.db.select().from(events).where(eq(events.id, id));
      expect(ev!.subjectKey).toBe(String(open));
      expect(ev!.groupAcronym).toBe("suit");
    }
    expect(eventIds.some((id) => secretEvents.some((e) => e.id === id))).toBe(false);
  });

  it("a group with no activity still has a valid, empty feed", async () => {
    const { entries, feed } = parseAtom(await groupFeed(t.db, "teep"));
    expect(entries).toEqual([]);
    expect(text(feed.title)).toBe("TEEP dispatch activity");
  });

  it("escapes plain-text titles and comments in HTML-typed entries", async () => {
    const id = await file(t.db, cast.bob, { title: "Devices with <64KB RAM & no clock" });
    await commentOnIssue(t.db, cast.bob, { issueId: id, body: "<img src=x onerror=alert(1)>" });
    const { entries } = parseAtom(await issueFeed(t.db, id));
    for (const e of entries) {
      for (const el of [e.title, e.summary]) {
        if (el === undefined || typeof el === "string") continue;
        const type = (el as { "@_type"?: string })["@_type"];
        // As type="html", the element's content is HTML: plain text must arrive escaped.
        if (type === "html") {
          const raw = typeof el === "string" ? el : ((el as { "#text"?: string })["#text"] ?? "");
          expect(raw).not.toMatch(/<img|<64KB/);
        }
      }
    }
  });

  it("strips control characters that XML forbids from the feeds", async () => {
    const id = await file(t.db, cast.bob, { title: "Log output in comments" });
    await commentOnIssue(t.db, cast.bob, {
      issueId: id,
      body: "Boot log: \u001b[31mERROR\u001b[0m rollback failed",
    });
    const illegal = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
    expect(await issueFeed(t.db, id)).not.toMatch(illegal);
    expect(await groupFeed(t.db, "iotops")).not.toMatch(illegal);
  });
});

describe(`Atom feeds through the API on ${testDbKind()}`, () => {
  const caller = (actor: MaybeActor) =>
    createCallerFactory(feedRouter)({ db: t.db, dbMode: testDbKind(), actor, requestId: "test" });

  it("serves the same feed to a visitor as the service", async () => {
    const { feed } = parseAtom(await caller(null).issue({ id: open }));
    expect(text(feed.title)).toBe(`Issue #${open}: ${OPEN_TITLE}`);
  });

  it("has no feed for a confidential issue, even for someone who may see the issue", async () => {
    await expect(caller(cast.iotopsChair).issue({ id: secret })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(caller(cast.alice).issue({ id: secret })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("refuses malformed identifiers as bad requests", async () => {
    await expect(caller(null).issue({ id: -1 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller(null).group({ acronym: "../etc" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
