import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { rawClient, seedBenchData } from "./bench-database";
import { Tokens } from "./deferred-words";

/**
 * The bench fills the word lists after the load from the generated texts'
 * tokens (`fillWordLists`) instead of through the triggers. The same data set
 * generated both ways must give the same word lists.
 */
describe(`word lists filled after the load, on ${testDbKind()}`, () => {
  const dbs: TestDatabase[] = [];
  const words: { public: string[]; confidential: string[]; confidentialIssues: number }[] = [];

  beforeAll(async () => {
    for (const deferWords of [false, true]) {
      const t = await createTestDatabase({ migrate: false });
      dbs.push(t);
      const size = { db: testDbKind(), issues: 400, documents: 60, deferWords } as const;
      await seedBenchData(t, size, "words", () => {});
      const raw = rawClient(t);
      const q = async (sql: string) =>
        (await raw.query(sql)).rows.map((r) => String(Object.values(r)[0]));
      words.push({
        public: await q(`select term from search_terms order by term`),
        confidential: await q(
          `select issue_id || ' ' || term from confidential_search_terms order by issue_id, term`,
        ),
        confidentialIssues: Number((await q(`select count(*) from issues where confidential`))[0]),
      });
    }
  }, 300_000);
  afterAll(async () => {
    for (const t of dbs) await t.destroy();
  });

  it("gives the same public words as the triggers", () => {
    const [triggers, deferred] = words;
    expect(triggers!.public.length).toBeGreaterThan(500);
    expect(deferred!.public).toEqual(triggers!.public);
  });

  it("gives each confidential issue the same words as the triggers", () => {
    const [triggers, deferred] = words;
    expect(triggers!.confidentialIssues).toBeGreaterThan(0);
    expect(triggers!.confidential.length).toBeGreaterThan(0);
    expect(deferred!.confidential).toEqual(triggers!.confidential);
  });

  it("leaves the triggers enabled after the load", async () => {
    const raw = rawClient(dbs[1]!);
    const { rows } = await raw.query(
      `select count(*)::int as n from pg_trigger where tgname like '%terms_insert' and tgenabled = 'D'`,
    );
    expect(rows[0]!.n).toBe(0);
    const { rows: all } = await raw.query(
      `select count(*)::int as n from pg_trigger where tgname like '%terms_insert'`,
    );
    expect(all[0]!.n).toBeGreaterThanOrEqual(5);
  });
});

describe("Tokens", () => {
  it("keeps each whitespace-separated token once", () => {
    const t = new Tokens();
    t.add("Voucher  renewal\nfails", null, "renewal fails\tagain", undefined, "");
    expect(t.values().sort()).toEqual(["Voucher", "again", "fails", "renewal"]);
    expect(t.size).toBe(4);
  });
});
