// A loopback SMTP server that keeps every message it receives in memory, for the
// end-to-end tests of e-mail notifications (the app's mail worker delivers its
// outbox here when SMTP_URL points at it).
//
//   node e2e/smtp-capture.mjs <smtpPort> <httpPort>
//
// It accepts every message (no TLS, authentication optional). The messages are
// read and cleared over HTTP on 127.0.0.1:<httpPort>:
//   GET    /health    200 "ok"
//   GET    /messages  JSON [{to, subject, messageId, text, receivedAt}] in arrival order;
//                     `to` lists the envelope recipients (RCPT TO), `subject` and
//                     `messageId` are the decoded headers, `text` the decoded body.
//   DELETE /messages  forget every message received so far
import http from "node:http";
import { SMTPServer } from "smtp-server";

const smtpPort = Number(process.argv[2] ?? 3232);
const httpPort = Number(process.argv[3] ?? smtpPort + 1);

/** @type {{to: string[], subject: string | null, messageId: string | null, text: string, receivedAt: string}[]} */
let messages = [];

/** Decode RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`). */
function decodeWords(value) {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, charset, enc, text) => {
      const bytes =
        enc.toUpperCase() === "B"
          ? Buffer.from(text, "base64")
          : Buffer.from(
              text
                .replace(/_/g, " ")
                .replace(/=([0-9A-Fa-f]{2})/g, (_x, h) => String.fromCharCode(parseInt(h, 16))),
              "latin1",
            );
      return new TextDecoder(charset.toLowerCase() === "utf8" ? "utf-8" : charset).decode(bytes);
    });
}

/** Split a raw message into unfolded, decoded headers (lower-cased names) and a decoded body. */
function parse(raw) {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const rest = split < 0 ? "" : raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const headers = new Map();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, decodeWords(line.slice(colon + 1).trim()));
  }
  const encoding = (headers.get("content-transfer-encoding") ?? "").toLowerCase();
  let text = rest;
  if (encoding.includes("quoted-printable")) {
    text = Buffer.from(
      rest
        .replace(/=\r?\n/g, "")
        .replace(/=([0-9A-Fa-f]{2})/g, (_x, h) => String.fromCharCode(parseInt(h, 16))),
      "latin1",
    ).toString("utf8");
  } else if (encoding.includes("base64")) {
    text = Buffer.from(rest.replace(/\s+/g, ""), "base64").toString("utf8");
  }
  return { headers, text: text.replace(/\r\n/g, "\n") };
}

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  closeTimeout: 1_000,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on("data", (c) => chunks.push(c));
    stream.on("error", (err) => callback(err));
    stream.on("end", () => {
      const { headers, text } = parse(Buffer.concat(chunks).toString("utf8"));
      messages.push({
        to: session.envelope.rcptTo.map((r) => r.address),
        subject: headers.get("subject") ?? null,
        messageId: headers.get("message-id") ?? null,
        references: headers.get("references") ?? null,
        listUnsubscribe: headers.get("list-unsubscribe") ?? null,
        text,
        receivedAt: new Date().toISOString(),
      });
      callback();
    });
  },
});
smtp.on("error", (err) => console.error("[smtp-capture]", err));

const control = http.createServer((req, res) => {
  const path = new URL(req.url ?? "/", `http://127.0.0.1:${httpPort}`).pathname;
  const send = (status, body) => {
    res.writeHead(status, {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
    });
    res.end(JSON.stringify(body));
  };
  if (path === "/health" && req.method === "GET") return send(200, "ok");
  if (path === "/messages" && req.method === "GET") return send(200, messages);
  if (path === "/messages" && req.method === "DELETE") {
    messages = [];
    return send(200, { cleared: true });
  }
  return send(404, { error: "not found" });
});

smtp.listen(smtpPort, "127.0.0.1", () => {
  control.listen(httpPort, "127.0.0.1", () => {
    console.log(
      `[smtp-capture] SMTP on 127.0.0.1:${smtpPort}, messages at http://127.0.0.1:${httpPort}/messages`,
    );
  });
});
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    control.close();
    smtp.close(() => process.exit(0));
  });
}
