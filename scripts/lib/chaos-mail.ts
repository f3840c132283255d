/**
 * The chaos harness's mail side: the SMTP peer the app servers deliver to, and
 * the harness's own finishing of the outbox once the servers have stopped.
 */
import { count, ne } from "drizzle-orm";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import type { Database } from "~/db/client";
import { outbox } from "~/db/schema";
import { deliverOutbox } from "~/server/services/notifications/deliver-outbox";
import type { ReceivedMail } from "./chaos-check";

/** The SMTP peer: keeps what it receives; can be stopped, and can hold one answer. */
export function smtpPeer(port: number) {
  const mails: ReceivedMail[] = [];
  let onAccepted: (() => Promise<void>) | null = null;
  let server: SMTPServer | null = null;
  const start = () =>
    new Promise<void>((resolve) => {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS"],
        logger: false,
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            const raw = Buffer.concat(chunks).toString("utf8");
            const id = /^message-id:\s*(.+)$/im.exec(raw)?.[1]?.trim() ?? null;
            mails.push({ to: session.envelope.rcptTo.map((r) => r.address), messageId: id });
            const hook = onAccepted;
            onAccepted = null;
            // The message is received; the sender learns it only after the hook.
            if (hook) void hook().finally(() => callback());
            else callback();
          });
        },
      });
      // A sender killed mid-conversation resets its connection: expected here.
      server.on("error", () => {});
      server.listen(port, "127.0.0.1", () => resolve());
    });
  const stop = () =>
    new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  return { mails, start, stop, armKill: (fn: () => Promise<void>) => (onAccepted = fn) };
}

export async function pendingMail(database: Database): Promise<number> {
  const [row] = await database.db
    .select({ n: count() })
    .from(outbox)
    .where(ne(outbox.status, "sent"));
  return row?.n ?? 0;
}

/** Deliver every message still pending, due or not, to the SMTP peer; returns how many were sent. */
export async function finishOutbox(database: Database, smtpPort: number): Promise<number> {
  const transport = nodemailer.createTransport(`smtp://127.0.0.1:${smtpPort}`);
  const farFuture = () => new Date(Date.now() + 365 * 24 * 3600 * 1000);
  let sent = 0;
  try {
    // Until a round sends nothing (a message that keeps failing ends up "failed",
    // which the check reports).
    for (let round = 0; round < 20; round++) {
      const r = await deliverOutbox(database.db, transport, {
        from: "chaos@localhost",
        limit: 500,
        now: farFuture,
      });
      sent += r.sent;
      if (r.sent + r.retried + r.failed === 0) break;
    }
  } finally {
    transport.close();
  }
  return sent;
}
