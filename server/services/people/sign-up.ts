import { sql } from "drizzle-orm";
import { z } from "zod";
import { safeString } from "~/server/domain/validation/text";
import type { Db } from "~/db/client";
import { people } from "~/db/schema";
import { DomainError } from "~/server/domain/errors";
import { hashPassword } from "~/server/auth/passwords";
import { recordEvent } from "../events";

export const ZSignUp = z.object({
  name: safeString().trim().min(2, "Enter your name (at least 2 characters).").max(200),
  email: z.email("Enter a valid email address.").trim().toLowerCase().max(320),
  password: z
    .string()
    .min(10, "Use at least 10 characters for the password.")
    .max(200, "Use at most 200 characters for the password."),
});
export type SignUpInput = z.infer<typeof ZSignUp>;

export async function signUp(db: Db, input: SignUpInput): Promise<{ personId: number }> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: people.id })
      .from(people)
      .where(sql`lower(${people.email}) = ${input.email}`);
    if (existing) {
      throw new DomainError(
        "CONFLICT",
        "An account with this email already exists. Sign in instead.",
        {
          fieldErrors: { email: ["An account with this email already exists. Sign in instead."] },
        },
      );
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
    return { personId: row.id };
  });
}
