import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "~/db/client";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { fixtureData } from "~/server/testing/datatracker-fixtures";
import { startFakeDatatracker, type FakeDatatracker } from "~/server/testing/fake-datatracker";
import { acquireLease, currentLease, releaseLease, renewLease } from "./lease";
import { syncWith } from "./test-support";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`the sync lease on ${testDbKind()}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t?.destroy());

  it("is held by one holder until released or expired", async () => {
    expect(await acquireLease(t.db, "server-a", 60_000)).toBe(true);
    expect(await acquireLease(t.db, "server-b", 60_000)).toBe(false);
    expect(await renewLease(t.db, "server-b", 60_000)).toBe(false);
    expect(await renewLease(t.db, "server-a", 60_000)).toBe(true);
    expect((await currentLease(t.db))?.holder).toBe("server-a");
    await releaseLease(t.db, "server-b"); // not theirs: nothing happens
    expect((await currentLease(t.db))?.holder).toBe("server-a");
    await releaseLease(t.db, "server-a");
    expect(await currentLease(t.db)).toBeNull();

    // A holder that stops renewing (a crashed server) loses the lease when it expires.
    expect(await acquireLease(t.db, "server-c", 50)).toBe(true);
    await sleep(120);
    expect(await acquireLease(t.db, "server-d", 60_000)).toBe(true);
    expect(await renewLease(t.db, "server-c", 60_000)).toBe(false);
    await releaseLease(t.db, "server-d");
  });

  describe.runIf(testDbKind() === "postgres")("two app servers on one PostgreSQL database", () => {
    let a: Database;
    let b: Database;
    let fake: FakeDatatracker;
    beforeAll(async () => {
      a = await openDatabase({ url: t.url!, poolSize: 4 });
      b = await openDatabase({ url: t.url!, poolSize: 4 });
      fake = await startFakeDatatracker(fixtureData());
    });
    afterAll(async () => {
      await fake?.close();
      await a?.close();
      await b?.close();
    });

    it("never both take the lease, however many times they ask at once", async () => {
      for (let round = 0; round < 5; round++) {
        const tries = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            acquireLease(i % 2 ? a.db : b.db, `server-${i}`, 60_000).then((ok) => (ok ? i : -1)),
          ),
        );
        const winners = tries.filter((i) => i >= 0);
        expect(winners).toHaveLength(1);
        await releaseLease(a.db, `server-${winners[0]}`);
      }
    });

    it("never sync at once: one run goes ahead, the other is refused", async () => {
      const results = await Promise.allSettled([
        syncWith(a.db, fake.base),
        syncWith(b.db, fake.base),
      ]);
      expect(results.map((x) => x.status).sort()).toEqual(["fulfilled", "rejected"]);
      const refused = results.find((x) => x.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({
        code: "CONFLICT",
        message: "A Datatracker sync is already running; wait for it to finish.",
      });
      // Once the first run is over, the other server may sync.
      expect((await syncWith(b.db, fake.base)).status).toBe("succeeded");
    });
  });
});
