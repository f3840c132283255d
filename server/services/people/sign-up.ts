import { and, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { safeString } from "~/server/domain/validation/text";
import type { Db } from "~/db/client";
import { people } from "~/db/schema";
import { isCommonPassword } from "~/server/auth/common-passwords";
import { accountKey, type Throttle } from "~/server/auth/throttle";
import { hashPassword } from "~/server/auth/passwords";
import { PASSWORD_MAX_LENGTH, passwordProblem } from "~/server/domain/people/password-rules";
import { recordEvent } from "../events";
import { consumeOrRefuse } from "./throttled";
import { queueExistingAccountMail, queueVerificationMail } from "./email-verification";

export const ZSignUp = z
  .object({
    name: safeString().trim().min(2, "Enter your name (at least 2 characters).").max(200),
    email: z.email("Enter a valid email address.").trim().toLowerCase().max(320),
    password: z.string().max(PASSWORD_MAX_LENGTH * 2, "This password is too long."),
  })
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v.password, { email: v.email, isCommon: isCommonPassword });
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });
export type SignUpInput = z.infer<typeof ZSignUp>;

/** The same answer whether or not the address already had an account. */
export const SIGN_UP_ANSWER = {
  status: "check-your-mail",
  message:
    "Check your mail: we sent a message to this address. If you just created an account, follow the link in it to confirm your address.",
} as const;

/**
 * Create an account and e-mail a verification link. When the address already
 * has an account, nothing is created and its owner is told by e-mail instead;
 * the answer is the same, so sign-up does not reveal which addresses have
 * accounts (the password is hashed either way, so the time is the same too).
 * The caller answers with {@link SIGN_UP_ANSWER} and never passes the result on.
 */
export async function signUp(
  db: Db,
  input: SignUpInput,
): Promise<{ personId: number; created: boolean }> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    // Two sign-ups for one address at once: the second waits and finds the first.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-up:${input.email}`}))`);
    const [existing] = await tx
      .select({ id: people.id, name: people.name, email: people.email })
      .from(people)
      .where(and(sql`lower(${people.email}) = ${input.email}`, isNull(people.mergedInto)))
      .orderBy(sql`${people.emailVerified} is null`, people.id)
      .limit(1);
    if (existing) {
      await queueExistingAccountMail(tx, existing);
      return { personId: existing.id, created: false };
    }
    const [row] = await tx
      .insert(people)
      .values({ name: input.name, email: input.email, passwordHash })
      .returning({ id: people.id });
    if (!row) throw new Error("insert returned no row");
    await recordEvent(tx, {
      subjectType: "person",
      subjectKey: row.id,
      type: "person-signed-up",
      actorId: row.id,
      actorCapacity: "self",
      payload: { name: input.name, email: input.email },
    });
    await queueVerificationMail(tx, { id: row.id, name: input.name, email: input.email });
    return { personId: row.id, created: true };
  });
}

/**
 * The sign-up form's use case: throttled per client address and per e-mail
 * address (each attempt may send a mail), then {@link signUp}, answering the
 * same whether or not an account was created.
 */
export async function signUpThrottled(
  db: Db,
  throttle: Throttle,
  clientIp: string,
  input: SignUpInput,
): Promise<typeof SIGN_UP_ANSWER> {
  await consumeOrRefuse(throttle, "sign-up-ip", clientIp, "sign-up");
  await consumeOrRefuse(throttle, "sign-up-account", accountKey(input.email), "sign-up");
  await signUp(db, input);
  return SIGN_UP_ANSWER;
}
