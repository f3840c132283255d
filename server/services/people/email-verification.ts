import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNotNull, isNull, ne, sql } from "drizzle-orm";
import type { Db, Queryable } from "~/db/client";
import { emailVerifications, outbox, people } from "~/db/schema";
import { DomainError } from "~/server/domain/errors";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import {
  VERIFICATION_TTL_MS,
  verificationOutcome,
  type VerificationOutcome,
} from "~/server/domain/people/verification";
import { publicBaseUrl } from "~/server/env";
import type { Throttle } from "~/server/auth/throttle";
import { recordEvent } from "../events";
import { consumeOrRefuse } from "./throttled";

/** The token in a link; only its SHA-256 is stored. */
export function hashVerificationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A well-formed token: 32 random bytes in base64url. Anything else is "unknown". */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Create a verification link for a person's address and queue the e-mail in
 * the outbox, with a `verification-sent` event, in the caller's transaction.
 */
export async function queueVerificationMail(
  tx: Queryable,
  person: { id: number; name: string; email: string },
  now: Date = new Date(),
): Promise<void> {
  const token = randomBytes(32).toString("base64url");
  const [link] = await tx
    .insert(emailVerifications)
    .values({
      personId: person.id,
      email: person.email,
      tokenHash: hashVerificationToken(token),
      expiresAt: new Date(now.getTime() + VERIFICATION_TTL_MS),
    })
    .returning({ id: emailVerifications.id });
  if (!link) throw new Error("insert returned no row");
  await recordEvent(tx, {
    subjectType: "person",
    subjectKey: person.id,
    type: "verification-sent",
    actorId: person.id,
    actorCapacity: "self",
    payload: { email: person.email },
  });
  const url = `${publicBaseUrl()}/verify-email?token=${token}`;
  await tx.insert(outbox).values({
    personId: person.id,
    toAddress: person.email,
    subject: "Confirm your e-mail address for IOTOPS Dispatch",
    body: [
      `Hello ${person.name},`,
      "",
      "Please confirm that this is your e-mail address by opening this link:",
      "",
      url,
      "",
      "The link works once and for 48 hours. Until you confirm, your account can file and",
      "comment on issues, but it is not matched to any role held by this address.",
      "",
      "If you did not create an account, ignore this message.",
    ].join("\n"),
    messageId: `<verify-${link.id}@iotops-dispatch>`,
  });
}

/**
 * Queue a mail to the owner of an existing account when someone signs up with
 * its address: the sign-up page answers the same either way.
 */
export async function queueExistingAccountMail(
  tx: Queryable,
  person: { id: number; name: string; email: string },
): Promise<void> {
  await recordEvent(tx, {
    subjectType: "person",
    subjectKey: person.id,
    type: "sign-up-attempted",
    actorId: null,
    actorCapacity: "anonymous",
    payload: { email: person.email },
  });
  await tx.insert(outbox).values({
    personId: person.id,
    toAddress: person.email,
    subject: "Someone tried to sign up with your e-mail address",
    body: [
      `Hello ${person.name},`,
      "",
      "Someone tried to create an account on IOTOPS Dispatch with this address, which already",
      "has an account. If it was you, sign in instead:",
      "",
      `${publicBaseUrl()}/signin`,
      "",
      "If it was not you, nothing changed and you need not do anything.",
    ].join("\n"),
    messageId: `<sign-up-attempt-${randomBytes(12).toString("hex")}@iotops-dispatch>`,
  });
}

/** Use a verification link: mark the address verified (once), or say why not. */
export async function verifyEmail(
  db: Db,
  token: unknown,
  now: Date = new Date(),
): Promise<VerificationOutcome> {
  if (typeof token !== "string" || !TOKEN_SHAPE.test(token)) return "unknown";
  return db.transaction(async (tx) => {
    const [link] = await tx
      .select()
      .from(emailVerifications)
      .where(eq(emailVerifications.tokenHash, hashVerificationToken(token)))
      .for("update");
    const [person] = link
      ? await tx
          .select({
            id: people.id,
            email: people.email,
            emailVerified: people.emailVerified,
            mergedInto: people.mergedInto,
          })
          .from(people)
          .where(eq(people.id, link.personId))
          .for("update")
      : [];
    const [elsewhere] =
      link && person
        ? await tx
            .select({ id: people.id })
            .from(people)
            .where(
              and(
                sql`lower(${people.email}) = ${link.email.toLowerCase()}`,
                isNotNull(people.emailVerified),
                isNull(people.mergedInto),
                ne(people.id, person.id),
              ),
            )
        : [];
    const outcome = verificationOutcome({
      link: link ? { email: link.email, expiresAt: link.expiresAt, usedAt: link.usedAt } : null,
      person: person
        ? {
            email: person.email,
            emailVerified: person.emailVerified !== null,
            merged: person.mergedInto !== null,
          }
        : null,
      verifiedElsewhere: !!elsewhere,
      now,
    });
    if (outcome !== "verified" || !link || !person) return outcome;
    await tx
      .update(emailVerifications)
      .set({ usedAt: now })
      .where(eq(emailVerifications.id, link.id));
    await tx
      .update(people)
      .set({ emailVerified: now, version: sql`${people.version} + 1` })
      .where(eq(people.id, person.id));
    await recordEvent(tx, {
      subjectType: "person",
      subjectKey: person.id,
      type: "email-verified",
      actorId: person.id,
      actorCapacity: "self",
      payload: { email: link.email, via: "link" },
    });
    return outcome;
  });
}

/** Send a new link to the signed-in person's unverified address. */
export async function resendVerification(db: Db, actor: MaybeActor): Promise<{ sentTo: string }> {
  if (!actor) throw new DomainError("UNAUTHENTICATED", "Sign in to confirm your address.");
  return db.transaction(async (tx) => {
    const [person] = await tx
      .select({
        id: people.id,
        name: people.name,
        email: people.email,
        emailVerified: people.emailVerified,
      })
      .from(people)
      .where(eq(people.id, actor.personId))
      .for("update");
    if (!person) throw new DomainError("NOT_FOUND", "Your account was not found.");
    if (person.emailVerified) {
      throw new DomainError("CONFLICT", "Your e-mail address is already confirmed.");
    }
    await queueVerificationMail(tx, person);
    return { sentTo: person.email };
  });
}

/** {@link resendVerification}, at most a few times an hour per person. */
export async function resendVerificationThrottled(
  db: Db,
  throttle: Throttle,
  actor: MaybeActor,
): Promise<{ sentTo: string }> {
  if (actor) {
    await consumeOrRefuse(throttle, "verification-resend", String(actor.personId), "resend");
  }
  return resendVerification(db, actor);
}
