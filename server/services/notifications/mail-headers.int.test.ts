/**
 * Notification e-mail as a mail client sees it (a real SMTP server on loopback):
 * messages about one issue thread under one root, and every message carries a
 * List-Unsubscribe address whose one-click POST (RFC 8058) really turns the
 * recipient's e-mail off, while a GET only leads to the confirmation page.
 */
import { eq, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { notificationPrefs, outbox } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { act, file, makeCast, type Cast } from "../issues/test-fixtures";
import { deliverOutbox } from "./deliver-outbox";
import { parseHeaders, startTestSmtpServer, type TestSmtpServer } from "./test-smtp";
import { setWatch } from "./watches";

const context = vi.hoisted(() => ({ current: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("~/server/api/context", () => ({ createContext: async () => context.current }));
const { GET: oneClickGet, POST: oneClickPost } = await import("~/app/unsubscribe/one-click/route");

let t: TestDatabase;
let cast: Cast;
let smtp: TestSmtpServer;
let transport: Transporter;

beforeAll(async () => {
  t = await createTestDatabase();
  cast = await makeCast(t.db);
  // The cast's sign-up confirmation mails are not what these tests deliver.
  await t.db
    .update(outbox)
    .set({ status: "sent", sentAt: sql`now()` })
    .where(eq(outbox.status, "pending"));
  smtp = await startTestSmtpServer();
  transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: smtp.port,
    secure: false,
    ignoreTLS: true,
  });
});
afterAll(async () => {
  transport?.close();
  await smtp?.close();
  await t?.destroy();
});

/** A header of a received message, as the client reads it (unfolded), or undefined. */
function header(m: { raw: string }, name: string): string | undefined {
  return parseHeaders(m.raw).headers.get(name);
}

async function route(get: () => Promise<Response>) {
  context.current = { db: t.db, dbMode: t.mode, actor: null, requestId: "t" };
  try {
    const res = await get();
    return { status: res.status, location: res.headers.get("location"), body: await res.text() };
  } finally {
    context.current = null;
  }
}

async function emailOn(personId: number): Promise<boolean> {
  const [p] = await t.db
    .select()
    .from(notificationPrefs)
    .where(eq(notificationPrefs.personId, personId));
  return p?.email ?? true;
}

describe(`notification mail headers on ${testDbKind()}`, () => {
  let unsubscribe = "";

  it("threads the messages about one issue and gives each an unsubscribe address", async () => {
    await setWatch(t.db, cast.bob, { subjectType: "group", subjectKey: "iotops", active: true });
    const one = await file(t.db, cast.alice, { title: "Threaded issue about bootloaders" });
    await act(t.db, cast.iotopsChair, one, { type: "start-discussion" });
    await act(t.db, cast.iotopsChair, one, { type: "request-info", message: "Which vendor?" });
    const other = await file(t.db, cast.alice, { title: "Another issue about radios" });
    await act(t.db, cast.iotopsChair, other, { type: "start-discussion" });
    await deliverOutbox(t.db, transport, { from: "dispatch@example.org" });

    const toBob = smtp.messages.filter((m) => m.to === cast.bob.email);
    const refs = (m: (typeof toBob)[number]) => header(m, "references");
    const about = (id: number) => toBob.filter((m) => refs(m) === `<issue-${id}@iotops-dispatch>`);
    expect(about(one).length).toBeGreaterThanOrEqual(2);
    expect(about(other).length).toBeGreaterThanOrEqual(1);
    // One thread per issue: distinct messages, the same root in In-Reply-To and References.
    for (const m of about(one)) expect(header(m, "in-reply-to")).toBe(refs(m));
    expect(new Set(about(one).map((m) => m.messageId)).size).toBe(about(one).length);

    for (const m of smtp.messages) {
      expect(header(m, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
      expect(header(m, "list-unsubscribe")).toMatch(
        /^<https?:\/\/[^>]+\/unsubscribe\/one-click\?token=\d+\.[A-Za-z0-9_-]{43}>$/,
      );
    }
    unsubscribe = header(toBob[0]!, "list-unsubscribe")!.slice(1, -1);
    // Each recipient's address names that recipient.
    expect(new URL(unsubscribe).searchParams.get("token")).toMatch(
      new RegExp(`^${cast.bob.personId}\\.`),
    );
  });

  it("a GET leads to the confirmation page and changes nothing", async () => {
    const r = await route(() => oneClickGet(new Request(unsubscribe)));
    expect(r.status).toBe(303);
    expect(new URL(r.location!).pathname).toBe("/unsubscribe");
    expect(await emailOn(cast.bob.personId)).toBe(true);
  });

  it("refuses a token that was not signed here, or names another person", async () => {
    const token = new URL(unsubscribe).searchParams.get("token")!;
    const [, mac] = token.split(".");
    for (const bad of [
      `${cast.alice.personId}.${mac}`,
      `${cast.bob.personId}.${"A".repeat(43)}`,
      "2147483648.x",
      "",
      "__proto__",
    ]) {
      const r = await route(() =>
        oneClickPost(
          new Request(`http://localhost/unsubscribe/one-click?token=${encodeURIComponent(bad)}`, {
            method: "POST",
            body: "List-Unsubscribe=One-Click",
          }),
        ),
      );
      expect([400, 404], `${bad}: ${r.body}`).toContain(r.status);
    }
    expect(await emailOn(cast.alice.personId)).toBe(true);
    expect(await emailOn(cast.bob.personId)).toBe(true);
  });

  it("a one-click POST turns the recipient's e-mail off, and no more mail is queued for them", async () => {
    const r = await route(() =>
      oneClickPost(
        new Request(unsubscribe, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "List-Unsubscribe=One-Click",
        }),
      ),
    );
    expect(r.status).toBe(200);
    expect(await emailOn(cast.bob.personId)).toBe(false);
    const before = await t.db.select().from(outbox).where(eq(outbox.personId, cast.bob.personId));
    const id = await file(t.db, cast.alice, { title: "After unsubscribing" });
    await act(t.db, cast.iotopsChair, id, { type: "start-discussion" });
    const after = await t.db.select().from(outbox).where(eq(outbox.personId, cast.bob.personId));
    expect(after.length).toBe(before.length);
  });
});
