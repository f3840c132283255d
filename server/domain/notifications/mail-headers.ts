/**
 * The headers every notification e-mail carries besides From/To/Subject:
 * threading (RFC 5322 In-Reply-To / References) so a mail client groups the
 * messages about one issue or document, and list headers (RFC 2369
 * List-Unsubscribe, RFC 8058 one-click) so it offers an unsubscribe button.
 */

/** The host part of the app's Message-IDs. */
export const MESSAGE_ID_HOST = "iotops-dispatch";

/**
 * The thread a message belongs to: one per issue or document, the same for
 * every message and recipient, so the messages about it are replies to one root.
 */
export function threadId(subjectType: string, subjectKey: string): string | null {
  if (subjectType === "issue" && /^\d{1,10}$/.test(subjectKey)) {
    return `<issue-${subjectKey}@${MESSAGE_ID_HOST}>`;
  }
  if (subjectType === "document" && /^[a-z0-9][a-z0-9._-]{0,119}$/i.test(subjectKey)) {
    return `<document-${subjectKey.toLowerCase()}@${MESSAGE_ID_HOST}>`;
  }
  return null;
}

export interface MailHeaderInput {
  /** What the message is about (from its event), if anything. */
  subject: { type: string; key: string } | null;
  /** The recipient's one-click unsubscribe address, absolute https or http URL. */
  unsubscribeUrl: string;
  /** The settings page where the recipient chooses what they receive. */
  settingsUrl: string;
}

export function mailHeaders(input: MailHeaderInput): Record<string, string> {
  const thread = input.subject ? threadId(input.subject.type, input.subject.key) : null;
  return {
    "Auto-Submitted": "auto-generated",
    "List-Id": `IOTOPS Dispatch notifications <notifications.${MESSAGE_ID_HOST}>`,
    "List-Unsubscribe": `<${input.unsubscribeUrl}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    "List-Help": `<${input.settingsUrl}>`,
    ...(thread ? { "In-Reply-To": thread, References: thread } : {}),
  };
}
