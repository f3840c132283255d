/**
 * What callers see when the embedded database's disk is full, and after space
 * is freed: a PGlite folder on a size-limited tmpfs, filled to the last block.
 * Mounting needs root (as `npm test` runs in CI); elsewhere the test says why
 * it cannot run.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase, type Database } from "~/db/client";
import { issues } from "~/db/schema";
import { seedDatabase } from "~/db/seed";
import { testDbKind } from "~/db/testing/test-database";
import { databaseOutage } from "~/server/availability";
import type { Actor } from "~/server/domain/permissions/actor";
import { makePerson } from "~/server/services/people/test-fixtures";
import { mountSmallDisk } from "../../scripts/lib/disk-full";
import type { Context } from "./context";
import { appRouter, createCaller } from "./root";

const disk = testDbKind() === "pglite" ? mountSmallDisk(160, "iotops-diskfull-") : null;
if (!disk && testDbKind() === "pglite")
  console.warn("storage-full test: cannot mount a size-limited tmpfs here (needs root)");

/** Words in random order: text that does not compress, so it needs new pages. */
function incompressible(chars: number): string {
  const words: string[] = [];
  let n = 0;
  while (n < chars) {
    const w = randomBytes(6).toString("base64url");
    words.push(w);
    n += w.length + 1;
  }
  return words.join(" ").slice(0, chars);
}

describe.skipIf(!disk)("a full disk under the embedded database", () => {
  let app: Database;
  let alice: Actor;
  let ctx: (actor: Actor | null) => Context;

  beforeAll(async () => {
    app = await openDatabase({ dataDir: path.join(disk!.dir, "pglite") });
    await migrateDatabase(app);
    await seedDatabase(app.db, { demo: false });
    alice = await makePerson(app.db, "Alice Diskfull");
    ctx = (actor) => ({ db: app.db, dbMode: "pglite", actor, requestId: "disk-full-test" });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    disk?.remove();
  });

  it("answers 503 'nothing was saved' for a write, keeps serving reads, and saves again once there is space", async () => {
    const fields = {
      title: "Firmware update images fill the device's flash",
      problemStatement: incompressible(19_000),
    };
    const before = await createCaller(ctx(null)).issue.counts({});
    const free = disk!.fill();
    try {
      const failed = await createCaller(ctx(alice))
        .issue.file(fields)
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(failed).toBeInstanceOf(TRPCError);
      expect((failed as TRPCError).code).toBe("SERVICE_UNAVAILABLE");
      expect((failed as TRPCError).message).toMatch(/out of disk space\. Nothing was saved/);
      // Not an outage: reads still work, over HTTP too.
      expect(databaseOutage()).toBeNull();
      const res = await fetchRequestHandler({
        endpoint: "/api/trpc",
        req: new Request("http://localhost/api/trpc/issue.counts?input=%7B%22json%22%3A%7B%7D%7D"),
        router: appRouter,
        createContext: () => ctx(null),
      });
      expect(res.status).toBe(200);
    } finally {
      free();
    }
    const saved = await app.db.select().from(issues).where(eq(issues.title, fields.title));
    expect(saved).toHaveLength(0);
    expect(await createCaller(ctx(null)).issue.counts({})).toEqual(before);

    // Space again: the same database, no restart, takes the write.
    await createCaller(ctx(alice)).issue.file(fields);
    const now = await app.db.select().from(issues).where(eq(issues.title, fields.title));
    expect(now).toHaveLength(1);
    expect(now[0]!.problemStatement).toBe(fields.problemStatement);
  });
});
