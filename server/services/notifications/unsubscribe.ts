import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "~/db/client";
import { appMeta, notificationPrefs, people } from "~/db/schema";
import { DomainError } from "~/server/domain/errors";
import { publicBaseUrl } from "~/server/env";

/**
 * One-click unsubscribe (RFC 8058): every notification e-mail names an address
 * that turns the recipient's e-mail off without a sign-in. The address carries
 * a token, `<person id>.<HMAC of it>`, signed with a key kept in the database
 * (made on first use), so every app server checks the same tokens.
 */
const KEY = "unsubscribe-signing-key";

async function signingKey(db: Queryable): Promise<string> {
  const read = async () =>
    (await db.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, KEY)))[0]?.value;
  const existing = await read();
  if (existing) return existing;
  await db
    .insert(appMeta)
    .values({ key: KEY, value: randomBytes(32).toString("base64url") })
    .onConflictDoNothing();
  return (await read())!;
}

function mac(key: string, personId: number): string {
  return createHmac("sha256", key).update(`unsubscribe:${personId}`).digest("base64url");
}

export async function unsubscribeToken(db: Queryable, personId: number): Promise<string> {
  return `${personId}.${mac(await signingKey(db), personId)}`;
}

/** The recipient's one-click unsubscribe address and the settings page, for mail headers. */
export async function unsubscribeLinks(db: Queryable, personId: number | null) {
  const base = publicBaseUrl();
  return {
    unsubscribeUrl:
      personId === null
        ? `${base}/settings`
        : `${base}/unsubscribe/one-click?token=${await unsubscribeToken(db, personId)}`,
    settingsUrl: `${base}/settings`,
  };
}

export const ZUnsubscribe = z.object({
  token: z
    .string()
    .max(100, "That unsubscribe link is not valid.")
    .regex(/^\d{1,10}\.[A-Za-z0-9_-]{43}$/, "That unsubscribe link is not valid."),
});

/** The person a token names, or null when it was not signed here. */
async function personOf(db: Queryable, token: string): Promise<number | null> {
  const [id, given] = token.split(".");
  const personId = Number(id);
  if (!Number.isSafeInteger(personId) || personId < 1 || personId > 2_147_483_647 || !given) {
    return null;
  }
  const expected = Buffer.from(mac(await signingKey(db), personId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? personId : null;
}

/** Whom a token would unsubscribe, for the confirmation page (their name only). */
export async function describeUnsubscribe(db: Queryable, input: z.infer<typeof ZUnsubscribe>) {
  const personId = await personOf(db, input.token);
  const [person] = personId
    ? await db.select({ name: people.name }).from(people).where(eq(people.id, personId))
    : [];
  if (!person) throw new DomainError("NOT_FOUND", "That unsubscribe link is not valid.");
  const [prefs] = await db
    .select({ email: notificationPrefs.email })
    .from(notificationPrefs)
    .where(eq(notificationPrefs.personId, personId!));
  return { name: person.name, email: prefs?.email ?? true };
}

/** Turn off notification e-mail for the person a valid token names. Idempotent. */
export async function unsubscribeByToken(db: Queryable, input: z.infer<typeof ZUnsubscribe>) {
  const personId = await personOf(db, input.token);
  if (personId === null) throw new DomainError("NOT_FOUND", "That unsubscribe link is not valid.");
  const [person] = await db.select({ id: people.id }).from(people).where(eq(people.id, personId));
  if (!person) throw new DomainError("NOT_FOUND", "That unsubscribe link is not valid.");
  await db
    .insert(notificationPrefs)
    .values({ personId, email: false })
    .onConflictDoUpdate({ target: notificationPrefs.personId, set: { email: false } });
  return { email: false };
}
