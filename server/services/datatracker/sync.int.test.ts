import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { datatrackerStates, datatrackerSyncRuns, events, groups } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { startFakeDatatracker, type FakeDatatracker } from "~/server/testing/fake-datatracker";
import { at, doc, fixtureData, ID, role, S } from "~/server/testing/datatracker-fixtures";
import { addTrackedDocument } from "../documents/test-fixtures";
import { makePerson } from "~/server/services/people/test-fixtures";
import { callerFor } from "~/server/testing/calls";
import {
  lastEventId,
  makeSyncPeople,
  syncedState,
  syncEventsAfter,
  syncWith,
} from "./test-support";

const DOCS = "/api/v1/doc/document/";

// One database; the tests build on each other: a full run, a rerun, then changes.
describe(`Datatracker sync on ${testDbKind()}`, () => {
  let t: TestDatabase;
  let fake: FakeDatatracker;
  let people: Awaited<ReturnType<typeof makeSyncPeople>>;
  /** The state after one clean run of the fixture, for the failure tests to compare with. */
  let clean: Awaited<ReturnType<typeof syncedState>>;

  beforeAll(async () => {
    t = await createTestDatabase();
    fake = await startFakeDatatracker(fixtureData());
    people = await makeSyncPeople(t.db);
  });
  afterAll(async () => {
    await fake?.close();
    await t?.destroy();
  });

  it("a full run mirrors areas, groups, roles and documents, each change an event of the sync", async () => {
    const r = await syncWith(t.db, fake.base);
    expect(r.status).toBe("succeeded");
    expect(r.log.errors).toEqual([]);
    expect(r.log.counts).toMatchObject({
      // ops, sec and art were seeded; the sync adds their Datatracker ids.
      areas: { fetched: 3, created: 0, updated: 3 },
      // iotops, suit, core, t2trg and iotdir were seeded; fixtwg is new; the program is not synced.
      groups: { fetched: 6, created: 1, updated: 5, skipped: 0 },
      // Carol (linked), Erin and Dave (verified); the unknown person and unverified Mallory get nothing.
      roles: { fetched: 5, created: 3, removed: 0, skipped: 2 },
      documents: { fetched: 11, created: 11, updated: 0, skipped: 0, pages: 3 },
    });

    const s = await syncedState(t.db);
    expect(s.docs.map((d) => d.name)).toEqual([
      "draft-ietf-core-groupcomm",
      "draft-ietf-core-href",
      "draft-ietf-fixtwg-first",
      "draft-ietf-iotops-alpha",
      "draft-ietf-iotops-beta",
      "draft-ietf-iotops-gamma",
      "draft-ietf-suit-manifest",
      "draft-ietf-suit-old-report",
      "draft-ietf-suit-report",
      "draft-irtf-t2trg-fixture",
      "rfc9019",
    ]);
    expect(s.docs.every((d) => d.mirrored && d.version === 1)).toBe(true);
    expect(s.docs.find((d) => d.name === "draft-ietf-suit-manifest")).toMatchObject({
      rev: "34",
      group: "suit",
      ad: "100102",
      shepherd: "dave@example.org",
      abstract: "Fixture abstract of draft-ietf-suit-manifest.",
    });
    // States on every axis, including one learnt from /api/v1/doc/state/.
    expect(s.states.filter((x) => x.doc === "draft-ietf-suit-manifest")).toEqual([
      { doc: "draft-ietf-suit-manifest", type: "draft", slug: "active" },
      { doc: "draft-ietf-suit-manifest", type: "draft-iesg", slug: "approved" },
      { doc: "draft-ietf-suit-manifest", type: "draft-rfceditor", slug: "edit" },
      { doc: "draft-ietf-suit-manifest", type: "draft-stream-ietf", slug: "sub-pub" },
    ]);
    expect(await t.db.select().from(datatrackerStates)).toEqual([
      { datatrackerId: 9001, type: "draft-rfceditor", slug: "edit" },
    ]);
    expect(s.replacements).toEqual([
      { source: "draft-ietf-suit-report", target: "draft-ietf-suit-old-report" },
    ]);
    expect(s.revisions.find((x) => x.doc === "draft-ietf-iotops-alpha")).toEqual({
      doc: "draft-ietf-iotops-alpha",
      rev: "03",
      date: "2026-01-05",
    });
    const [fixtwg] = await t.db.select().from(groups).where(eq(groups.acronym, "fixtwg"));
    expect(fixtwg).toMatchObject({
      name: "Fixture Working Group",
      type: "wg",
      state: "active",
      area: "ops",
      parent: "ops",
      listEmail: "fixtwg@ietf.example",
      listArchive: "https://mailarchive.ietf.example/browse/fixtwg/",
      charter: "charter-ietf-fixtwg",
      datatrackerId: ID.newwg,
      summary: "Fixture Working Group: fixture description.",
    });
    expect(s.groupRows.find((g) => g.acronym === "t2trg")).toMatchObject({
      parent: "irtf",
      datatrackerId: ID.t2trg,
    });
    expect(s.grants).toEqual([
      { email: "carol@example.org", role: "member", group: "iab", source: "datatracker" },
      { email: "carol@example.org", role: "chair", group: "iotops", source: "datatracker" },
      { email: "dave@example.org", role: "chair", group: "suit", source: "datatracker" },
      { email: "dave@example.org", role: "chair", group: "suit", source: "manual" },
      { email: "erin@example.org", role: "ad", group: "ops", source: "datatracker" },
    ]);

    const all = await syncEventsAfter(t.db, 0);
    expect(all.every((e) => e.actorId === null)).toBe(true);
    expect(all.filter((e) => e.type === "mirrored-from-datatracker")).toHaveLength(11);
    expect(all.filter((e) => e.type === "role-granted").map((e) => e.payload)).toHaveLength(3);
    const [run] = await t.db
      .select()
      .from(datatrackerSyncRuns)
      .where(eq(datatrackerSyncRuns.id, r.runId));
    expect(run).toMatchObject({
      status: "succeeded",
      trigger: "command-line",
      base: fake.base,
      errors: [],
    });
    expect(run!.finishedAt).not.toBeNull();
    expect(run!.counts.documents?.created).toBe(11);
  });

  it("a second run asks only for what changed since the cursors and changes nothing", async () => {
    const before = await syncedState(t.db);
    const lastId = await lastEventId(t.db);
    const from = fake.requests.length;
    const r = await syncWith(t.db, fake.base);
    expect(r.status).toBe("succeeded");
    expect(await lastEventId(t.db)).toBe(lastId);
    expect(await syncedState(t.db)).toEqual(before);
    expect(r.log.counts.documents).toMatchObject({ fetched: 0, created: 0, updated: 0 });
    const docRequests = fake.requests.slice(from).filter((q) => q.startsWith(DOCS));
    expect(docRequests).toHaveLength(1);
    expect(new URL(docRequests[0]!, fake.base).searchParams.get("time__gte")).toBe(
      new Date(at(19) + "Z").toISOString(),
    );
    clean = before;
  });

  it("an incremental run applies exactly what changed in the Datatracker", async () => {
    const d = fake.data;
    const alpha = d.documents.findIndex((x) => x.name === "draft-ietf-iotops-alpha");
    d.documents[alpha] = doc(
      "draft-ietf-iotops-alpha",
      "04",
      ID.iotops,
      [S.active, S.wgLc, S.idExists],
      at(30),
    );
    d.documents.push(doc("draft-ietf-iotops-delta", "00", ID.iotops, [S.active], at(31)));
    const core = d.groups.findIndex((g) => g.acronym === "core");
    d.groups[core] = {
      ...d.groups[core]!,
      name: "Constrained RESTful Environments (renamed)",
      time: at(32),
    };
    d.roles = d.roles.filter((x) => x.id !== 5002); // Erin is no longer AD of ops ...
    d.roles.push(role(5010, "chair", ID.t2trg, 100102, "erin@example.org")); // ... but chairs t2trg.

    const lastId = await lastEventId(t.db);
    const r = await syncWith(t.db, fake.base);
    expect(r.status).toBe("succeeded");
    expect(r.log.counts.documents).toMatchObject({
      fetched: 2,
      created: 1,
      updated: 1,
      unchanged: 0,
    });
    const changes = (await syncEventsAfter(t.db, lastId)).map((e) => [
      e.subjectType,
      e.key,
      e.type,
    ]);
    const erin = String(people.erin.personId);
    expect(changes.sort()).toEqual(
      [
        ["document", "draft-ietf-iotops-alpha", "state-changed"],
        ["document", "draft-ietf-iotops-alpha", "updated-by-sync"],
        ["document", "draft-ietf-iotops-delta", "mirrored-from-datatracker"],
        ["document", "draft-ietf-iotops-delta", "state-changed"],
        ["group", "core", "group-updated-by-sync"],
        ["person", erin, "role-granted"],
        ["person", erin, "role-revoked"],
      ].sort(),
    );
    const s = await syncedState(t.db);
    expect(s.docs.find((x) => x.name === "draft-ietf-iotops-alpha")).toMatchObject({
      rev: "04",
      version: 2,
    });
    expect(s.states.filter((x) => x.doc === "draft-ietf-iotops-alpha").map((x) => x.slug)).toEqual([
      "active",
      "idexists",
      "wg-lc",
    ]);
    expect(
      s.revisions.filter((x) => x.doc === "draft-ietf-iotops-alpha").map((x) => x.rev),
    ).toEqual(["03", "04"]);
    expect(s.grants.filter((g) => g.email === "erin@example.org")).toEqual([
      { email: "erin@example.org", role: "chair", group: "t2trg", source: "datatracker" },
    ]);
    // Dave's manual grant and Carol's grant outside the mirrored groups are kept.
    expect(s.grants.filter((g) => g.source === "manual" || g.group === "iab")).toHaveLength(2);

    const again = await lastEventId(t.db);
    await syncWith(t.db, fake.base);
    expect(await lastEventId(t.db)).toBe(again);
  });

  it("a failure half way (HTTP 500 on page 3, then a timeout), then a rerun, ends as one clean run", async () => {
    const db2 = await createTestDatabase();
    const fake2 = await startFakeDatatracker(fixtureData());
    try {
      await makeSyncPeople(db2.db);
      // Page 3 of the documents fails on every attempt.
      fake2.fail({ path: DOCS, request: 3, times: 3, kind: "status", status: 500 });
      const first = await syncWith(db2.db, fake2.base);
      expect(first.status).toBe("failed");
      expect(first.log.errors).toHaveLength(1);
      expect(first.log.errors[0]).toMatchObject({ resource: "documents" });
      expect(first.log.errors[0]!.url).toContain(`${fake2.base}${DOCS}?`);
      expect(first.log.errors[0]!.message).toBe(
        "HTTP 500 Internal Server Error, after 3 attempts; the next run resumes here",
      );
      expect((await syncedState(db2.db)).docs).toHaveLength(8); // pages 1 and 2 are kept

      // The rerun's first page hangs past the timeout on every attempt.
      fake2.clearFailures();
      fake2.fail({ path: DOCS, request: 1, times: 3, kind: "hang" });
      const second = await syncWith(db2.db, fake2.base);
      expect(second.status).toBe("failed");
      expect(second.log.errors[0]!.message).toBe(
        "no answer within 0.3 s, after 3 attempts; the next run resumes here",
      );

      fake2.clearFailures();
      const third = await syncWith(db2.db, fake2.base);
      expect(third.status).toBe("succeeded");
      expect(third.log.counts.documents).toMatchObject({ created: 3 });
      expect(await syncedState(db2.db)).toEqual(clean);
    } finally {
      await fake2.close();
      await db2.destroy();
    }
  });

  it("a malformed page is reported and skipped; a malformed object is reported with its URL and the rest applied", async () => {
    const db3 = await createTestDatabase();
    const data = fixtureData();
    const gamma = data.documents.findIndex((x) => x.name === "draft-ietf-iotops-gamma");
    data.documents[gamma] = { ...data.documents[gamma]!, rev: "x1" };
    data.roles.push({
      id: 5099,
      name: "/api/v1/name/rolename/chair/",
      group: `/api/v1/group/group/${ID.iotops}/`,
      person: "somebody",
    });
    const fake3 = await startFakeDatatracker(data);
    try {
      await makeSyncPeople(db3.db);
      fake3.fail({ path: "/api/v1/group/group/", request: 2, kind: "not-json" });
      const first = await syncWith(db3.db, fake3.base);
      expect(first.status).toBe("failed");
      expect(first.log.errors[0]).toMatchObject({
        resource: "groups",
        message: "the answer is not valid JSON; the next run resumes here",
      });

      fake3.clearFailures();
      const second = await syncWith(db3.db, fake3.base);
      expect(second.status).toBe("succeeded");
      expect(second.log.errors).toEqual([
        {
          resource: "roles",
          url: `${fake3.base}/api/v1/group/role/?group__type__in=wg%2Crg%2Cag%2Carea%2Cdir%2Cteam&limit=4&offset=4`,
          message: '"person" must be a /api/v1/person/person/<id>/ URI',
        },
        {
          resource: "documents",
          url: `${fake3.base}/api/v1/doc/document/draft-ietf-iotops-gamma/`,
          message: '"rev" must be two digits, got "x1"',
        },
      ]);
      const s = await syncedState(db3.db);
      expect(s.docs.map((x) => x.name)).not.toContain("draft-ietf-iotops-gamma");
      expect(s.docs).toHaveLength(10);
      // With a malformed role in the list, grants are added but none removed.
      expect(s.grants).toEqual(clean.grants);

      // Fixed in the Datatracker, it arrives with the next run.
      data.documents[gamma] = { ...data.documents[gamma]!, rev: "01", time: at(40) };
      const third = await syncWith(db3.db, fake3.base);
      expect(third.log.errors.filter((e) => e.resource === "documents")).toEqual([]);
      expect((await syncedState(db3.db)).docs).toHaveLength(11);
    } finally {
      await fake3.close();
      await db3.destroy();
    }
  });

  it("a mirrored document shows the Datatracker's states and refuses local changes; a local one keeps them", async () => {
    const chair = await makePerson(t.db, "Iris Iotops Chair", [["chair", "iotops"]]);
    const secretariat = await makePerson(t.db, "Sid Secretariat", [["secretariat", "secretariat"]]);
    const api = callerFor(t.db, t.mode, chair);
    const mirrored = await api.document.get({ name: "draft-ietf-suit-manifest" });
    expect(mirrored.mirror?.changeUrl).toBe(
      "https://datatracker.ietf.org/doc/draft-ietf-suit-manifest/",
    );
    expect(mirrored.otherAxes).toEqual([
      { stateType: "draft-rfceditor", label: "RFC Editor state", slug: "edit", name: "EDIT" },
    ]);
    const alpha = await api.document.get({ name: "draft-ietf-iotops-alpha" });
    expect(alpha.axes.every((a) => !a.mayChange && a.next.length === 0)).toBe(true);
    expect(alpha.permissions).toEqual({ tags: false, newRevision: false });
    for (const actor of [chair, secretariat]) {
      await expect(
        callerFor(t.db, t.mode, actor).document.transition({
          name: "draft-ietf-iotops-alpha",
          expectedVersion: alpha.document.version,
          stateType: "draft-stream-ietf",
          to: "wg-lc",
        }),
      ).rejects.toMatchObject({
        code: "FORBIDDEN",
        message: expect.stringMatching(/mirrored from the IETF Datatracker: change its states/),
      });
    }
    // A document the Datatracker does not know keeps local state editing.
    await addTrackedDocument(t.db, {
      name: "draft-ietf-iotops-local-only",
      title: "Known only here",
      group: "iotops",
      states: { draft: "active", "draft-stream-ietf": "wg-doc" },
    });
    const local = await api.document.get({ name: "draft-ietf-iotops-local-only" });
    expect(local.mirror).toBeNull();
    await api.document.transition({
      name: "draft-ietf-iotops-local-only",
      expectedVersion: local.document.version,
      stateType: "draft-stream-ietf",
      to: "wg-lc",
    });
    expect(
      (await api.document.get({ name: "draft-ietf-iotops-local-only" })).axes.find(
        (a) => a.stateType === "draft-stream-ietf",
      )?.slug,
    ).toBe("wg-lc");
  });

  it("two runs at once on one database: one syncs, the other is refused", async () => {
    const results = await Promise.allSettled([
      syncWith(t.db, fake.base),
      syncWith(t.db, fake.base),
    ]);
    expect(results.map((x) => x.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = results.find((x) => x.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "CONFLICT" });
    const events1 = await t.db.select({ id: events.id }).from(events);
    expect(events1.length).toBeGreaterThan(0);
  });
});
