import "server-only";
import nodemailer from "nodemailer";
import { getDb } from "~/server/db";
import { env, publicBaseUrl } from "~/server/env";
import { buildDigests } from "./build-digests";
import { deliverOutbox } from "./deliver-outbox";

declare global {
  var __iotopsMailWorker: NodeJS.Timeout | undefined;
}

/**
 * Start the outbox worker in this app server when SMTP is configured: it builds
 * the digests of the period that closed, then delivers due messages. Every app
 * server may run one; they share the outbox safely (SKIP LOCKED, one digest per
 * person and period).
 */
export function startMailWorker(intervalMs = 5_000): void {
  const e = env();
  if (!e.SMTP_URL || globalThis.__iotopsMailWorker) return;
  const transport = nodemailer.createTransport(e.SMTP_URL);
  let running = false;
  globalThis.__iotopsMailWorker = setInterval(() => {
    if (running) return;
    running = true;
    getDb()
      .then(async (db) => {
        // Digests go through the outbox too, so they share its retries and Message-ID rule.
        await buildDigests(db, {
          periodMinutes: e.DIGEST_PERIOD_MINUTES,
          baseUrl: publicBaseUrl(),
        });
        return deliverOutbox(db, transport, { from: e.MAIL_FROM });
      })
      .catch((err: unknown) => console.error("[mail] delivery failed:", err))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  globalThis.__iotopsMailWorker.unref();
  console.log("[iotops] mail worker started");
}
