/**
 * A real SMTP server on loopback for integration tests (`*.int.test.ts`): it
 * accepts every message (no TLS, authentication optional) and keeps the raw
 * data, with the headers the tests look at parsed out. Test-only; nothing in the
 * app imports it.
 */
import net from "node:net";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMessage {
  /** The message as the server received it (headers and body, CRLF line ends). */
  raw: string;
  /** Envelope sender and recipients, from MAIL FROM / RCPT TO. */
  envelope: { from: string | null; to: string[] };
  /** Header values, unfolded and with RFC 2047 encoded words decoded; null if absent. */
  messageId: string | null;
  subject: string | null;
  to: string | null;
  from: string | null;
  autoSubmitted: string | null;
  /** The body after the header block, with soft line breaks of quoted-printable undone. */
  body: string;
}

export interface TestSmtpServer {
  host: "127.0.0.1";
  port: number;
  /** Every message received so far, in arrival order. */
  messages: ReceivedMessage[];
  /** How many messages carried each Message-ID. */
  countByMessageId: () => Map<string, number>;
  /** Forget the messages received so far. */
  clear: () => void;
  close: () => Promise<void>;
}

/** Decode RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`). */
export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(
      /=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g,
      (_m, charset: string, enc: string, text: string) => {
        const bytes =
          enc.toUpperCase() === "B"
            ? Buffer.from(text, "base64")
            : Buffer.from(
                text
                  .replace(/_/g, " ")
                  .replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) =>
                    String.fromCharCode(parseInt(h, 16)),
                  ),
                "latin1",
              );
        return new TextDecoder(charset.toLowerCase() === "utf8" ? "utf-8" : charset).decode(bytes);
      },
    );
}

/** Parse the header block of a raw message into lower-cased names and unfolded values. */
export function parseHeaders(raw: string): { headers: Map<string, string>; body: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const rest = split < 0 ? "" : raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, decodeWords(line.slice(colon + 1).trim()));
  }
  const qp = /quoted-printable/i.test(headers.get("content-transfer-encoding") ?? "");
  const body = qp
    ? Buffer.from(
        rest
          .replace(/=\r?\n/g, "")
          .replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
        "latin1",
      ).toString("utf8")
    : rest;
  return { headers, body };
}

function addressOf(a: false | { address: string }): string | null {
  return a ? a.address : null;
}

/** Start an SMTP server on 127.0.0.1 with a random free port. */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedMessage[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    closeTimeout: 1_000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("error", (err: Error) => callback(err));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const { headers, body } = parseHeaders(raw);
        messages.push({
          raw,
          envelope: {
            from: addressOf(session.envelope.mailFrom),
            to: session.envelope.rcptTo.map((r) => r.address),
          },
          messageId: headers.get("message-id") ?? null,
          subject: headers.get("subject") ?? null,
          to: headers.get("to") ?? null,
          from: headers.get("from") ?? null,
          autoSubmitted: headers.get("auto-submitted") ?? null,
          body,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    host: "127.0.0.1",
    port,
    messages,
    countByMessageId: () => {
      const out = new Map<string, number>();
      for (const m of messages) {
        if (m.messageId) out.set(m.messageId, (out.get(m.messageId) ?? 0) + 1);
      }
      return out;
    },
    clear: () => {
      messages.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port nothing listens on (bound, read, released), for "connection refused". */
export async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
