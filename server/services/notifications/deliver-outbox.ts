import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { Transporter } from "nodemailer";
import type { Db, Queryable } from "~/db/client";
import { events, outbox } from "~/db/schema";
import { mailHeaders } from "~/server/domain/notifications/mail-headers";
import { MAX_ATTEMPTS, retryDelayMs } from "~/server/domain/notifications/messages";
import { unsubscribeLinks } from "./unsubscribe";

/** Threading and unsubscribe headers for one outbox message (see `mailHeaders`). */
async function headersFor(
  db: Queryable,
  msg: { personId: number | null; eventId: number | null },
): Promise<Record<string, string>> {
  const [event] =
    msg.eventId === null
      ? []
      : await db
          .select({ type: events.subjectType, key: events.subjectKey })
          .from(events)
          .where(eq(events.id, msg.eventId));
  return mailHeaders({ subject: event ?? null, ...(await unsubscribeLinks(db, msg.personId)) });
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Deliver due outbox messages. Each message is claimed with
 * `FOR UPDATE SKIP LOCKED` inside its own transaction and marked sent in that
 * same transaction, so several app servers never hold the same message at once.
 *
 * The guarantee: a message is sent at least once, and every attempt carries the
 * same Message-ID. If a server dies after the SMTP server accepted the message
 * but before the row was marked, the row is retried with that Message-ID, and the
 * receiving side drops the copy (RFC 5322 Message-ID de-duplication). The outbox
 * itself never holds two rows for one (event, recipient): the Message-ID is unique.
 */
export async function deliverOutbox(
  db: Db,
  transport: Pick<Transporter, "sendMail">,
  opts: { from: string; limit?: number; now?: () => Date } = { from: "noreply@localhost" },
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  const limit = opts.limit ?? 50;
  for (let i = 0; i < limit; i++) {
    const done = await db.transaction(async (tx) => {
      const [msg] = await tx
        .select()
        .from(outbox)
        .where(
          and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, opts.now?.() ?? new Date())),
        )
        .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!msg) return false;
      try {
        await transport.sendMail({
          from: opts.from,
          to: msg.toAddress,
          subject: msg.subject,
          text: msg.body,
          messageId: msg.messageId,
          headers: await headersFor(tx, msg),
        });
        await tx
          .update(outbox)
          .set({ status: "sent", sentAt: sql`now()`, attempts: msg.attempts + 1, lastError: null })
          .where(eq(outbox.id, msg.id));
        report.sent++;
      } catch (err) {
        const attempts = msg.attempts + 1;
        const failed = attempts >= MAX_ATTEMPTS;
        await tx
          .update(outbox)
          .set({
            attempts,
            status: failed ? "failed" : "pending",
            lastError: err instanceof Error ? err.message.slice(0, 1000) : String(err),
            nextAttemptAt: sql`now() + make_interval(secs => ${retryDelayMs(attempts) / 1000})`,
          })
          .where(eq(outbox.id, msg.id));
        if (failed) report.failed++;
        else report.retried++;
      }
      return true;
    });
    if (!done) break;
  }
  return report;
}
