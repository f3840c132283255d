/**
 * The issues table holds its domain types. A value the code does not know
 * (written by hand, or by a newer version of the app) is an error wherever the
 * row is read, never silently taken for another state.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issues } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { findIssues } from "./find-issues";
import { getIssue } from "./get-issue";
import { act, file, makeCast, type Cast } from "./test-fixtures";

let t: TestDatabase;
let cast: Cast;

beforeAll(async () => {
  t = await createTestDatabase();
  cast = await makeCast(t.db);
});
afterAll(async () => t?.destroy());

describe(`stored vocabularies on ${testDbKind()}`, () => {
  it("reads back states and closed reasons as written", async () => {
    const id = await file(t.db, cast.alice, { title: "Known state round trip" });
    await act(t.db, cast.iotopsChair, id, { type: "close", reason: "out-of-scope" });
    const [row] = await t.db.select().from(issues).where(eq(issues.id, id));
    expect(row!.state).toBe("closed");
    expect(row!.closedReason).toBe("out-of-scope");
  });

  it("an unknown state is an error on the issue page, in lists and in commands", async () => {
    const id = await file(t.db, cast.alice, { title: "Unknown state in the database" });
    await t.db.execute(sql`update issues set state = 'parked' where id = ${id}`);
    await expect(getIssue(t.db, cast.alice, id)).rejects.toThrow(/unknown issue state: "parked"/);
    await expect(findIssues(t.db, cast.alice, {})).rejects.toThrow(/unknown issue state/);
    await expect(act(t.db, cast.iotopsChair, id, { type: "start-discussion" })).rejects.toThrow(
      /unknown issue state/,
    );
    await t.db.execute(sql`update issues set state = 'submitted' where id = ${id}`);
    expect((await getIssue(t.db, cast.alice, id)).issue.state).toBe("submitted");
  });

  it("an unknown closed reason is an error too", async () => {
    const id = await file(t.db, cast.alice, { title: "Unknown closed reason" });
    await t.db.execute(
      sql`update issues set state = 'closed', closed_reason = 'bored' where id = ${id}`,
    );
    await expect(getIssue(t.db, cast.alice, id)).rejects.toThrow(/unknown closed reason: "bored"/);
    await t.db.execute(sql`update issues set closed_reason = 'withdrawn' where id = ${id}`);
    expect((await getIssue(t.db, cast.alice, id)).issue.closedReason).toBe("withdrawn");
  });
});
