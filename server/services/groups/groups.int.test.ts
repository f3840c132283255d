import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groups } from "~/db/schema";
import { seedDatabase } from "~/db/seed";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { routingEngine } from "../routing/engine";
import { getGroup, groupsByArea } from "./find-groups";
import { loadGroupProfiles } from "./profiles";

let t: TestDatabase;

describe(`the seeded group catalog on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t?.destroy());

  it("lists the 145 active IETF WGs and IRTF RGs by area, and the concluded IoT groups", async () => {
    const index = await groupsByArea(t.db);
    expect(index.total).toBe(145);
    // Counts per area from the source catalog's README (ietf-groups.json).
    expect(Object.fromEntries(index.areas.map((a) => [a.acronym, a.groups.length]))).toEqual({
      art: 23,
      gen: 2,
      int: 14,
      ops: 17,
      rtg: 24,
      sec: 32,
      wit: 18,
      irtf: 15,
    });
    expect(index.areas.at(-1)?.acronym).toBe("irtf");
    expect(index.withoutArea).toEqual([]);
    expect(index.concluded.map((g) => [g.acronym, g.state, g.successors]).sort()).toEqual(
      [
        ["6lowpan", "conclude", ["6lo", "roll"]],
        ["6tisch", "conclude", ["6lo", "roll"]],
        ["lpwan", "conclude", ["schc"]],
        ["lwig", "conclude", ["iotops", "core"]],
      ].sort(),
    );
    const wit = index.areas.find((a) => a.acronym === "wit")!;
    expect(wit.groups.find((g) => g.acronym === "core")).toMatchObject({ iot: true });
    expect(wit.groups.find((g) => g.acronym === "httpbis")).toMatchObject({ iot: false });
    expect(wit.groups.find((g) => g.acronym === "httpbis")?.summary).toMatch(/HTTP/);
  });

  it("reads a group with its Datatracker link and successors", async () => {
    const lpwan = await getGroup(t.db, "LPWAN");
    expect(lpwan).toMatchObject({
      state: "conclude",
      successors: ["schc"],
      iot: true,
      datatrackerUrl: "https://datatracker.ietf.org/wg/lpwan/about/",
    });
    await expect(getGroup(t.db, "nosuchgroup")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("keeps the facts a Datatracker sync wrote when the seed runs again", async () => {
    await t.db
      .update(groups)
      .set({ datatrackerId: 1234, state: "conclude", name: "Synced name", summary: "old" })
      .where(eq(groups.acronym, "dmarc"));
    await seedDatabase(t.db, { demo: false });
    const [row] = await t.db.select().from(groups).where(eq(groups.acronym, "dmarc"));
    expect(row).toMatchObject({ datatrackerId: 1234, state: "conclude", name: "Synced name" });
    // The project's own summary is refreshed from the seed.
    expect(row!.summary).not.toBe("old");
    expect((await loadGroupProfiles(t.db)).length).toBe(150);
  });

  it("routes across the groups in the database", async () => {
    const engine = await routingEngine(t.db);
    const r = engine.route({
      title: "A new HTTP header field for request priority",
      text: "Clients signal the priority of a response to servers and intermediaries.",
    });
    expect(r.candidates[0]?.wg).toBe("httpbis");
    const all = engine.route({ title: "LoRaWAN header compression" }, { limit: 60 });
    expect(all.candidates.map((c) => c.wg)).not.toContain("lpwan");
    expect(all.candidates[0]?.wg).toBe("schc");
  });
});
