/**
 * The loopback SMTP capture server of the end-to-end tests (e2e/smtp-capture.mjs):
 * where it listens, the app's environment that sends mail to it, and a client
 * for the messages it received. Shared by playwright.config.ts and the specs.
 */
const appPort = Number(process.env.E2E_PORT ?? 3210);

/** The SMTP port: E2E_SMTP_PORT, else the app's port + 22 (3232 for the default 3210). */
export const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? appPort + 22);
/** The capture server's HTTP port (GET/DELETE /messages): the SMTP port + 1. */
export const SMTP_CAPTURE_HTTP_PORT = SMTP_PORT + 1;
export const SMTP_CAPTURE_URL = `http://127.0.0.1:${SMTP_CAPTURE_HTTP_PORT}`;

/** The digest period the test server uses (e2e/my-work.spec.ts waits for one to close). */
export const DIGEST_PERIOD_MINUTES = 1;

/** The app's environment: deliver the outbox to the capture server, links to the test origin. */
export const MAIL_APP_ENV = {
  SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
  APP_URL: `http://127.0.0.1:${appPort}`,
  // Digest periods of a minute instead of a day, so a run can wait for one.
  DIGEST_PERIOD_MINUTES: String(DIGEST_PERIOD_MINUTES),
};

/** A message as the capture server keeps it. */
export interface CapturedMail {
  /** Envelope recipients (RCPT TO). */
  to: string[];
  subject: string | null;
  messageId: string | null;
  /** The thread root the message refers to (issues and documents), if any. */
  references: string | null;
  /** The one-click unsubscribe address, in angle brackets. */
  listUnsubscribe: string | null;
  /** The decoded plain-text body. */
  text: string;
  receivedAt: string;
}

/** Every message received so far, in arrival order. */
export async function capturedMail(): Promise<CapturedMail[]> {
  const res = await fetch(`${SMTP_CAPTURE_URL}/messages`, { cache: "no-store" });
  if (!res.ok) throw new Error(`smtp-capture answered ${res.status}`);
  return (await res.json()) as CapturedMail[];
}

/** Messages to `address` whose subject contains every one of `parts`. */
export async function mailTo(address: string, ...parts: string[]): Promise<CapturedMail[]> {
  const all = await capturedMail();
  return all.filter(
    (m) =>
      m.to.some((t) => t.toLowerCase() === address.toLowerCase()) &&
      parts.every((p) => (m.subject ?? "").includes(p)),
  );
}
