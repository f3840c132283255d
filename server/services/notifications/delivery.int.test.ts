/**
 * Outbox delivery to a real SMTP server on loopback: sent rows, stable
 * Message-IDs across a crash between send and mark, retries with backoff, and
 * (on PostgreSQL) two workers sharing the outbox without sending a message twice.
 */
import { asc, eq, inArray, sql } from "drizzle-orm";
import nodemailer, { type SendMailOptions, type Transporter } from "nodemailer";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "~/db/client";
import { outbox } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { MAX_ATTEMPTS, retryDelayMs } from "~/server/domain/notifications/messages";
import type { Actor } from "~/server/domain/permissions/actor";
import { env } from "~/server/env";
import { act, file, SUIT_RECOMMENDATION } from "~/server/services/issues/test-fixtures";
import { makeCast, makePerson, type Cast } from "~/server/services/people/test-fixtures";
import { expectDomainError } from "~/server/testing/calls";
import { deliverOutbox } from "./deliver-outbox";
import { viewOutbox } from "./outbox-view";
import { closedPort, startTestSmtpServer, type TestSmtpServer } from "./test-smtp";
import { setWatch } from "./watches";
import { mailEverything } from "./test-preferences";

let t: TestDatabase;
let cast: Cast;
let smtp: TestSmtpServer;
let transport: Transporter;

const FROM = "IOTOPS Dispatch <dispatch@example.org>";
const BASE = (env().APP_URL ?? `http://localhost:${env().PORT}`).replace(/\/$/, "");

function smtpTransport(port: number): Transporter {
  return nodemailer.createTransport({
    host: "127.0.0.1",
    port,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 5_000,
  });
}

async function rows(status?: string) {
  return t.db
    .select()
    .from(outbox)
    .where(status ? eq(outbox.status, status) : undefined)
    .orderBy(asc(outbox.id));
}

/** File a public issue and move it once: e-mail to the submitter, the OPS AD and followers. */
async function freshMail(title: string): Promise<number[]> {
  const before = new Set((await rows()).map((r) => r.id));
  const id = await file(t.db, cast.alice, { title });
  await act(t.db, cast.iotopsChair, id, { type: "start-discussion" });
  const added = (await rows()).filter((r) => !before.has(r.id)).map((r) => r.id);
  expect(added.length).toBeGreaterThanOrEqual(2);
  return added;
}

async function forceDue(ids: number[]) {
  await t.db
    .update(outbox)
    .set({ nextAttemptAt: sql`now() - interval '1 second'` })
    .where(inArray(outbox.id, ids));
}

beforeAll(async () => {
  t = await createTestDatabase();
  cast = await makeCast(t.db);
  // These tests are about who may be mailed at all: everyone asks for every kind of mail
  // at once (the default choices are tested in preferences.int.test.ts).
  await mailEverything(t.db, Object.values(cast));
  // The cast's sign-up confirmation mails are not what these tests deliver.
  await t.db
    .update(outbox)
    .set({ status: "sent", sentAt: sql`now()` })
    .where(eq(outbox.status, "pending"));
  smtp = await startTestSmtpServer();
  transport = smtpTransport(smtp.port);
});
afterEach(() => smtp.clear());
afterAll(async () => {
  transport?.close();
  await smtp?.close();
  await t?.destroy();
});

describe(`outbox delivery over SMTP on ${testDbKind()}`, () => {
  it("delivers the pending rows, marks them sent, with the outbox Message-IDs", async () => {
    await setWatch(t.db, cast.bob, { subjectType: "group", subjectKey: "iotops", active: true });
    const ids = await freshMail("Delivered issue about constrained bootloaders");
    const pending = await rows("pending");
    expect(pending.map((r) => r.id)).toEqual(ids);
    expect(pending.map((r) => r.toAddress).sort()).toEqual(
      [cast.alice.email, cast.bob.email, cast.opsAd.email].sort(),
    );

    const report = await deliverOutbox(t.db, transport, { from: FROM });
    expect(report).toEqual({ sent: pending.length, retried: 0, failed: 0 });

    expect(smtp.messages).toHaveLength(pending.length);
    expect(smtp.messages.map((m) => m.messageId).sort()).toEqual(
      pending.map((r) => r.messageId).sort(),
    );
    for (const row of pending) {
      const got = smtp.messages.find((m) => m.messageId === row.messageId)!;
      expect(got.envelope.to).toEqual([row.toAddress]);
      expect(got.to).toBe(row.toAddress);
      expect(got.subject).toBe(row.subject);
      expect(got.from).toBe(FROM);
      expect(got.autoSubmitted).toBe("auto-generated");
      expect(got.subject).toMatch(/^#\d+ .* is in discussion$/);
      expect(got.body.replace(/\r\n/g, "\n")).toBe(row.body);
      expect(row.body).toContain(`${BASE}/issues/`);
    }
    for (const r of await t.db.select().from(outbox).where(inArray(outbox.id, ids))) {
      expect(r).toMatchObject({ status: "sent", attempts: 1, lastError: null });
      expect(r.sentAt).toBeInstanceOf(Date);
    }
    // Nothing is due any more.
    expect(await deliverOutbox(t.db, transport, { from: FROM })).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
    expect(smtp.messages).toHaveLength(pending.length);
  });

  it("a non-ASCII subject arrives intact", async () => {
    const ids = await freshMail("Überwachung der Geräte — 温度 sensors ✓");
    expect(await deliverOutbox(t.db, transport, { from: FROM })).toMatchObject({
      sent: ids.length,
    });
    const sent = await t.db.select().from(outbox).where(inArray(outbox.id, ids));
    for (const row of sent) {
      const got = smtp.messages.find((m) => m.messageId === row.messageId);
      expect(got?.subject).toBe(row.subject);
      expect(got?.subject).toContain("Überwachung der Geräte — 温度 sensors ✓");
    }
  });

  it("only the secretariat may view the outbox", async () => {
    const list = await viewOutbox(t.db, cast.secretariat);
    expect(list.length).toBe((await rows()).length);
    expect(list.map((r) => r.id)).toEqual([...list.map((r) => r.id)].sort((x, y) => y - x));
    await expectDomainError(viewOutbox(t.db, cast.iotopsChair), "FORBIDDEN");
    await expectDomainError(viewOutbox(t.db, null), "UNAUTHENTICATED");
  });

  it("a crash between sending and marking resends with the same Message-ID, once due", async () => {
    const ids = await freshMail("Crash between send and mark");
    let calls = 0;
    const crashing: Pick<Transporter, "sendMail"> = {
      sendMail: async (mail: SendMailOptions) => {
        const info: unknown = await transport.sendMail(mail);
        calls++;
        if (calls === 1) throw new Error("process died before marking the row");
        return info;
      },
    };
    const start = Date.now();
    const report = await deliverOutbox(t.db, crashing, { from: FROM });
    const end = Date.now();
    expect(report).toEqual({ sent: ids.length - 1, retried: 1, failed: 0 });
    expect(smtp.messages).toHaveLength(ids.length);

    const [crashed, ...others] = await rows("pending");
    expect(others).toEqual([]);
    expect(crashed).toMatchObject({
      attempts: 1,
      status: "pending",
      lastError: "process died before marking the row",
      sentAt: null,
    });
    expect(ids).toContain(crashed!.id);
    // Retried after the first backoff step (30 s), not straight away.
    const wait = crashed!.nextAttemptAt.getTime();
    expect(wait - end).toBeGreaterThan(retryDelayMs(1) - 2_000);
    expect(wait - start).toBeLessThan(retryDelayMs(1) + 2_000);
    expect(await deliverOutbox(t.db, transport, { from: FROM })).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
    expect(smtp.messages).toHaveLength(ids.length);

    await forceDue([crashed!.id]);
    expect(await deliverOutbox(t.db, transport, { from: FROM })).toEqual({
      sent: 1,
      retried: 0,
      failed: 0,
    });
    const [after] = await t.db.select().from(outbox).where(eq(outbox.id, crashed!.id));
    expect(after).toMatchObject({ status: "sent", attempts: 2, lastError: null });

    // Two copies on the wire, both with the outbox row's Message-ID ...
    const counts = smtp.countByMessageId();
    expect(smtp.messages).toHaveLength(ids.length + 1);
    expect(counts.get(crashed!.messageId)).toBe(2);
    // ... so counting distinct Message-IDs gives exactly one message per outbox row.
    const batch = await t.db.select().from(outbox).where(inArray(outbox.id, ids));
    expect([...counts.keys()].sort()).toEqual(batch.map((r) => r.messageId).sort());
    // And the outbox itself holds exactly one row per (event, recipient).
    const dupes = await t.db
      .select({ eventId: outbox.eventId, personId: outbox.personId, n: sql<number>`count(*)::int` })
      .from(outbox)
      .groupBy(outbox.eventId, outbox.personId)
      .having(sql`count(*) > 1`);
    expect(dupes).toEqual([]);
  });

  it("a refused connection is retried with growing backoff, then marked failed", async () => {
    const ids = await freshMail("Mail server down");
    const down = smtpTransport(await closedPort());
    try {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const start = Date.now();
        const report = await deliverOutbox(t.db, down, { from: FROM });
        const end = Date.now();
        const last = attempt === MAX_ATTEMPTS;
        expect(report, `attempt ${attempt}`).toEqual({
          sent: 0,
          retried: last ? 0 : ids.length,
          failed: last ? ids.length : 0,
        });
        for (const r of await t.db.select().from(outbox).where(inArray(outbox.id, ids))) {
          expect(r.attempts).toBe(attempt);
          expect(r.status).toBe(last ? "failed" : "pending");
          expect(r.lastError).toMatch(/ECONNREFUSED/);
          expect(r.sentAt).toBeNull();
          const delay = retryDelayMs(attempt);
          expect(r.nextAttemptAt.getTime() - end, `attempt ${attempt}`).toBeGreaterThan(
            delay - 2_000,
          );
          expect(r.nextAttemptAt.getTime() - start, `attempt ${attempt}`).toBeLessThan(
            delay + 2_000,
          );
        }
        // Not due again straight away.
        expect(await deliverOutbox(t.db, down, { from: FROM })).toEqual({
          sent: 0,
          retried: 0,
          failed: 0,
        });
        await forceDue(ids);
      }
      expect(retryDelayMs(1)).toBe(30_000);
      expect(retryDelayMs(3)).toBe(120_000);
      // A failed message is not picked up again, even by a working transport.
      expect(await deliverOutbox(t.db, transport, { from: FROM })).toEqual({
        sent: 0,
        retried: 0,
        failed: 0,
      });
      expect(smtp.messages).toEqual([]);
      expect((await rows("failed")).map((r) => r.id)).toEqual(ids);
    } finally {
      down.close();
    }
  });

  it.skipIf(testDbKind() !== "postgres")(
    "two workers on two pools never send the same Message-ID twice (SKIP LOCKED) [PostgreSQL only: PGlite is one in-process connection, so there is no second worker to race]",
    async () => {
      const followers: Actor[] = [];
      for (let i = 0; i < 8; i++) {
        const p = await makePerson(t.db, `Follower ${i}`);
        await setWatch(t.db, p, { subjectType: "group", subjectKey: "iotops", active: true });
        followers.push(p);
      }
      const id = await file(t.db, cast.alice, { title: "Many recipients" });
      await act(t.db, cast.iotopsChair, id, { type: "start-discussion" });
      await act(t.db, cast.iotopsChair, id, {
        type: "recommend",
        recommendation: SUIT_RECOMMENDATION,
      });
      await act(t.db, cast.iotopsChair, id, { type: "request-review" });
      const pending = await rows("pending");
      expect(pending.length).toBeGreaterThanOrEqual(30);

      expect(t.url, "the test database exposes its URL").toMatch(/^postgres/);
      const second: Database = await openDatabase({ url: t.url!, poolSize: 3 });
      const sentBy = { a: [] as string[], b: [] as string[] };
      const slow = (who: "a" | "b"): Pick<Transporter, "sendMail"> => ({
        sendMail: async (mail: SendMailOptions) => {
          await new Promise((r) => setTimeout(r, 15));
          const info: unknown = await transport.sendMail(mail);
          sentBy[who].push(String(mail.messageId));
          return info;
        },
      });
      try {
        const [a, b] = await Promise.all([
          deliverOutbox(t.db, slow("a"), { from: FROM, limit: 200 }),
          deliverOutbox(second.db, slow("b"), { from: FROM, limit: 200 }),
        ]);
        expect(a.sent + b.sent).toBe(pending.length);
        expect(a.retried + b.retried + a.failed + b.failed).toBe(0);
        // Both workers really took part.
        expect(a.sent).toBeGreaterThan(0);
        expect(b.sent).toBeGreaterThan(0);
      } finally {
        await second.close();
      }
      expect(sentBy.a.filter((m) => sentBy.b.includes(m))).toEqual([]);
      const counts = smtp.countByMessageId();
      expect(smtp.messages).toHaveLength(pending.length);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      expect([...counts.keys()].sort()).toEqual(pending.map((r) => r.messageId).sort());
      for (const r of await t.db
        .select()
        .from(outbox)
        .where(
          inArray(
            outbox.id,
            pending.map((p) => p.id),
          ),
        )) {
        expect(r).toMatchObject({ status: "sent", attempts: 1 });
      }
      expect(followers).toHaveLength(8);
    },
  );
});
