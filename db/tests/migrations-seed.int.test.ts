import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, migrateDatabase, openDatabase } from "../client";
import { seedDatabase } from "../seed";
import { createTestDatabase, testDbKind, type TestDatabase } from "../testing/test-database";
import { CHARTER_ITEMS } from "~/server/domain/catalog";
import { STATE_TYPES, statesOf } from "~/server/domain/documents/vocabulary";

let t: TestDatabase;

async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  const r = (await t.db.execute(q)) as unknown as { rows: T[] };
  return r.rows;
}

async function count(table: string): Promise<number> {
  const [r] = await rows<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`));
  return r!.n;
}

async function userTables(): Promise<string[]> {
  const r = await rows<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
  );
  return r.map((row) => row.table_name);
}

describe(`migrations and seed on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => t?.destroy());

  it("apply to an empty database, then re-apply as a no-op", async () => {
    expect(await userTables()).toEqual([]);
    await migrateDatabase(t);
    const tables = await userTables();
    expect(tables).toEqual(
      expect.arrayContaining(["issues", "events", "documents", "people", "role_grants"]),
    );
    const applied = await rows(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    await migrateDatabase(t);
    expect(await userTables()).toEqual(tables);
    const again = await rows(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(again).toEqual(applied);
  });

  it("seeds reference data idempotently, and demo data only once", async () => {
    await seedDatabase(t.db, { demo: false });
    const expectedStates = STATE_TYPES.reduce((n, st) => n + statesOf(st.slug).length, 0);
    const first = {
      areas: await count("areas"),
      groups: await count("groups"),
      items: await count("charter_items"),
      states: await count("doc_states"),
      people: await count("people"),
    };
    expect(first).toEqual({
      // 7 IETF areas and the IRTF; 145 active WGs and RGs, the IoT directorate
      // and 4 concluded IoT groups (db/seed/groups.json).
      areas: 8,
      groups: 150,
      items: CHARTER_ITEMS.length,
      states: expectedStates,
      people: 0,
    });
    await seedDatabase(t.db, { demo: true });
    const withDemo = await count("people");
    expect(withDemo).toBeGreaterThan(0);
    const issuesAfterDemo = await count("issues");
    await seedDatabase(t.db, { demo: true });
    expect({
      areas: await count("areas"),
      groups: await count("groups"),
      items: await count("charter_items"),
      states: await count("doc_states"),
      people: await count("people"),
      issues: await count("issues"),
    }).toEqual({ ...first, people: withDemo, issues: issuesAfterDemo });
  });

  it("refuses to update or delete events", async () => {
    await t.db.execute(
      sql`insert into events (subject_type, subject_key, type, payload) values ('issue', '1', 'probe', '{}')`,
    );
    const refused = (e: unknown) =>
      /append-only/.test(String((e as { cause?: Error }).cause?.message ?? (e as Error).message));
    await expect(t.db.execute(sql`update events set type = 'changed'`)).rejects.toSatisfy(refused);
    await expect(t.db.execute(sql`delete from events where type = 'probe'`)).rejects.toSatisfy(
      refused,
    );
    expect(await count("events")).toBeGreaterThan(0);
  });
});

/** Several app servers starting together against one new PostgreSQL database. */
describe.runIf(testDbKind() === "postgres")("servers starting at once on postgres", () => {
  let fresh: TestDatabase;
  let single: TestDatabase;
  beforeAll(async () => {
    fresh = await createTestDatabase({ migrate: false });
    single = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => {
    await fresh?.destroy();
    await single?.destroy();
  });

  it("survives the server closing an idle pooled connection, and reconnects", async () => {
    await single.db.execute(sql`select 1`);
    const adminUrl = process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
    const admin = await openDatabase({ url: adminUrl, poolSize: 1 });
    try {
      const killed = (await admin.db.execute(
        sql`select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity
            where datname = ${single.name} and pid <> pg_backend_pid()) t`,
      )) as unknown as { rows: { n: number }[] };
      expect(killed.rows[0]!.n).toBeGreaterThan(0);
    } finally {
      await admin.close();
    }
    await new Promise((r) => setTimeout(r, 200));
    const again = (await single.db.execute(sql`select 2 as v`)) as unknown as {
      rows: { v: number }[];
    };
    expect(again.rows[0]!.v).toBe(2);
  });

  it("migrate and seed the demo data exactly once between them", async () => {
    // What one server alone produces, for comparison.
    await migrateDatabase(single);
    await seedDatabase(single.db, { demo: true });

    const adminUrl = process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
    const url = new URL(adminUrl);
    url.pathname = `/${fresh.name}`;
    const servers = [
      fresh,
      ...(await Promise.all([1, 2].map(() => openDatabase({ url: url.toString() })))),
    ];
    try {
      await Promise.all(
        servers.map(async (s) => {
          await migrateDatabase(s);
          await seedDatabase(s.db, { demo: true });
        }),
      );
    } finally {
      for (const s of servers.slice(1)) await s.close();
    }

    const journal = JSON.parse(
      readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8"),
    ) as { entries: unknown[] };
    const counts = async (db: TestDatabase) => {
      const r = (await db.db.execute(sql`select
        (select count(*)::int from drizzle.__drizzle_migrations) as migrations,
        (select count(*)::int from people) as people,
        (select count(*)::int from issues) as issues,
        (select count(*)::int from groups) as groups`)) as unknown as { rows: unknown[] };
      return r.rows[0];
    };
    const expected = await counts(single);
    expect(expected).toMatchObject({ migrations: journal.entries.length });
    expect((expected as { issues: number }).issues).toBeGreaterThan(0);
    expect(await counts(fresh)).toEqual(expected);
  });
});
