import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { THROTTLE_RULES } from "../domain/people/throttle-rules";
import { accountKey, clientAddress, createThrottle, type Throttle } from "./throttle";

let t: TestDatabase;

function rowsOf(result: unknown): unknown[] {
  return (result as { rows: unknown[] }).rows;
}
const opened: Throttle[] = [];

/** A throttle as one app server has it: backed by the test database on PostgreSQL. */
function serverThrottle(): Throttle {
  const th = createThrottle({ databaseUrl: testDbKind() === "postgres" ? t.url : undefined });
  opened.push(th);
  return th;
}

describe(`throttling on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase({ seed: false });
  });
  afterAll(async () => {
    for (const th of opened) await th.close();
    await t?.destroy();
  });

  it("allows the rule's number of failures, then refuses with a wait of at most the window", async () => {
    const th = serverThrottle();
    const key = accountKey("Target@Example.org");
    const { points, durationS } = THROTTLE_RULES["sign-in-account"];
    for (let i = 0; i < points; i++) {
      expect(await th.check("sign-in-account", key)).toEqual({ ok: true });
      expect(await th.consume("sign-in-account", key)).toEqual({ ok: true });
    }
    const blocked = await th.check("sign-in-account", key);
    expect(blocked.ok).toBe(false);
    if (blocked.ok) return;
    expect(blocked.retryAfterS).toBeGreaterThan(0);
    expect(blocked.retryAfterS).toBeLessThanOrEqual(durationS);
    // the same address in another case is the same account
    expect((await th.check("sign-in-account", accountKey("TARGET@example.org"))).ok).toBe(false);
    // another account and another kind are not affected
    expect(await th.check("sign-in-account", accountKey("other@example.org"))).toEqual({
      ok: true,
    });
    expect(await th.check("sign-in-ip", key)).toEqual({ ok: true });
    // a success clears the account
    await th.reset("sign-in-account", key);
    expect(await th.check("sign-in-account", key)).toEqual({ ok: true });
  });

  it("consume refuses once over the limit", async () => {
    const th = serverThrottle();
    const { points } = THROTTLE_RULES["sign-up-account"];
    const results = [];
    for (let i = 0; i < points + 2; i++)
      results.push((await th.consume("sign-up-account", "x")).ok);
    expect(results).toEqual([...Array(points).fill(true), false, false]);
  });

  it.runIf(testDbKind() === "postgres")(
    "two app servers sharing PostgreSQL share the counts",
    async () => {
      const a = serverThrottle();
      const b = serverThrottle();
      const { points } = THROTTLE_RULES["sign-in-ip"];
      for (let i = 0; i < points; i++) {
        await (i % 2 === 0 ? a : b).consume("sign-in-ip", "203.0.113.9");
      }
      expect((await a.check("sign-in-ip", "203.0.113.9")).ok).toBe(false);
      expect((await b.check("sign-in-ip", "203.0.113.9")).ok).toBe(false);
      const res = await t.db.execute(
        sql`select points from auth_rate_limits where key = 'sign-in-ip:203.0.113.9'`,
      );
      expect(rowsOf(res)).toEqual([{ points }]);
    },
  );

  it.runIf(testDbKind() === "pglite")(
    "on the embedded database the counts stay in memory",
    async () => {
      const a = serverThrottle();
      await a.consume("sign-in-ip", "198.51.100.7");
      expect(rowsOf(await t.db.execute(sql`select * from auth_rate_limits`))).toEqual([]);
    },
  );
});

describe("the client address", () => {
  it.each([
    [{}, "unknown"],
    [{ "x-forwarded-for": "198.51.100.1" }, "198.51.100.1"],
    // a client-supplied first entry is ignored when a proxy appends the real one
    [{ "x-forwarded-for": "1.2.3.4, 198.51.100.2" }, "198.51.100.2"],
    [{ "x-forwarded-for": " , " }, "unknown"],
    // X-Real-IP is a client's to set; only the server-written X-Forwarded-For counts
    [{ "x-real-ip": "198.51.100.3" }, "unknown"],
  ])("%j → %s", (h, expected) => {
    expect(clientAddress(new Headers(h as Record<string, string>))).toBe(expected);
  });
});
