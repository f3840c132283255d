/**
 * What callers see while the database is out of reach, and after it is back:
 * a pool pointed at a test database that is taken away (its connections
 * terminated, then renamed) and given back, with no restart in between. The
 * shared PostgreSQL cluster itself is never stopped here.
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPCError } from "@trpc/server";
import { deserializeOutput } from "./transformer";
import { eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "~/db/client";
import { issues } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { databaseOutage, noteDatabaseBack } from "~/server/availability";
import type { Actor } from "~/server/domain/permissions/actor";
import { makePerson } from "~/server/services/people/test-fixtures";
import { appRouter, createCaller } from "./root";
import type { Context } from "./context";

const adminUrl = process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const FIELDS = {
  title: "Bootstrapping fails when the registrar is offline",
  problemStatement:
    "Devices that join while the registrar is offline retry forever and drain their batteries; the onboarding documents do not say how long to back off or when to give up.",
};

describe.skipIf(testDbKind() !== "postgres")("a database outage on postgres", () => {
  let t: TestDatabase;
  let app: Database;
  let alice: Actor;
  let ctx: (actor: Actor | null) => Context;

  beforeAll(async () => {
    t = await createTestDatabase();
    alice = await makePerson(t.db, "Alice Outage");
    // The app's own pool on the same database, as an app server holds it.
    const url = new URL(adminUrl);
    url.pathname = `/${t.name!}`;
    app = await openDatabase({ url: url.toString(), poolSize: 3 });
    ctx = (actor) => ({ db: app.db, dbMode: "postgres", actor, requestId: "outage-test" });
  });
  afterAll(async () => {
    await admin(`ALTER DATABASE ${t.name!}_away RENAME TO ${t.name!}`).catch(() => {});
    await app?.close();
    await t?.destroy();
    noteDatabaseBack();
  });

  async function takeAway() {
    await admin(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${t.name!}' AND pid <> pg_backend_pid()`,
    );
    await admin(`ALTER DATABASE ${t.name!} RENAME TO ${t.name!}_away`);
  }
  async function giveBack() {
    await admin(`ALTER DATABASE ${t.name!}_away RENAME TO ${t.name!}`);
  }

  it("answers 503 'nothing was saved', saves nothing, and serves again once the database is back", async () => {
    // Served before.
    const before = await createCaller(ctx(alice)).issue.counts({});
    expect(before).toBeTruthy();

    // t.db's own pool must not hold the database either while it is renamed.
    await takeAway();
    try {
      const failed = await createCaller(ctx(alice))
        .issue.file(FIELDS)
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(failed).toBeInstanceOf(TRPCError);
      expect((failed as TRPCError).code).toBe("SERVICE_UNAVAILABLE");
      expect(getHTTPStatusCodeFromError(failed as TRPCError)).toBe(503);
      expect((failed as TRPCError).message).toMatch(/temporarily unavailable.*Nothing was saved/s);
      expect(databaseOutage()).not.toBeNull();

      // Over HTTP, as the browser sees it.
      const res = await fetchRequestHandler({
        endpoint: "/api/trpc",
        req: new Request("http://localhost/api/trpc/issue.counts?input=%7B%22json%22%3A%7B%7D%7D"),
        router: appRouter,
        createContext: () => ctx(null),
      });
      expect(res.status).toBe(503);
      const body = (await res.json()) as { error: unknown };
      expect((deserializeOutput(body.error) as { message: string }).message).toMatch(
        /Nothing was saved/,
      );
    } finally {
      await giveBack();
    }

    // The same pool, no restart: it serves again, and the outage is over.
    const after = await createCaller(ctx(null)).issue.counts({});
    expect(after).toEqual(before);
    expect(databaseOutage()).toBeNull();
    const saved = await t.db.select().from(issues).where(eq(issues.title, FIELDS.title));
    expect(saved).toHaveLength(0);
    // And a write now goes through.
    await createCaller(ctx(alice)).issue.file(FIELDS);
    const now = await t.db.select().from(issues).where(eq(issues.title, FIELDS.title));
    expect(now).toHaveLength(1);
  });

  it("keeps answering other failures as before (a bad query is not an outage)", async () => {
    const failed = await createCaller(ctx(alice))
      .issue.get({ id: 987_654_321 })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect((failed as TRPCError).code).toBe("NOT_FOUND");
    expect(databaseOutage()).toBeNull();
  });
});
