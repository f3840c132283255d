import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~/db/client";
import { apiTokens } from "~/db/schema";
import { DomainError } from "~/server/domain/errors";
import type { Actor } from "~/server/domain/permissions/actor";
import { zId, zText } from "~/server/domain/validation";
import { recordEvent } from "../events";

/** Every personal token starts with this, so secret scanners and people can recognise one. */
export const API_TOKEN_PREFIX = "iotops_";
/** A person may hold this many tokens that are not revoked. */
export const MAX_ACTIVE_TOKENS = 20;

export const ZCreateApiToken = z.object({ name: zText("The token's name", 80, 1) });
export const ZRevokeApiToken = z.object({ id: zId("The token") });

/** The stored form of a token: lower-case hex SHA-256 (the token has 256 random bits). */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * Create a token for the signed-in person. The token is returned once, here;
 * only its hash is stored.
 */
export async function createApiToken(db: Db, actor: Actor, input: z.input<typeof ZCreateApiToken>) {
  const { name } = ZCreateApiToken.parse(input);
  const token = API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return db.transaction(async (tx) => {
    const [active] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(apiTokens)
      .where(and(eq(apiTokens.personId, actor.personId), isNull(apiTokens.revokedAt)));
    if ((active?.n ?? 0) >= MAX_ACTIVE_TOKENS) {
      throw new DomainError(
        "VALIDATION",
        `You already have ${MAX_ACTIVE_TOKENS} tokens. Revoke one you no longer use first.`,
      );
    }
    const [row] = await tx
      .insert(apiTokens)
      .values({
        personId: actor.personId,
        name,
        tokenHash: hashApiToken(token),
        prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
      })
      .returning({ id: apiTokens.id, createdAt: apiTokens.createdAt });
    if (!row) throw new Error("the token was not stored");
    await recordEvent(tx, {
      subjectType: "person",
      subjectKey: actor.personId,
      type: "api-token-created",
      actorId: actor.personId,
      actorCapacity: "self",
      payload: { tokenId: row.id, name },
    });
    return { id: row.id, name, createdAt: row.createdAt, token };
  });
}

/** The signed-in person's tokens, newest first (never the token or its hash). */
export async function listApiTokens(db: Db, actor: Actor) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.personId, actor.personId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/** Revoke one of the signed-in person's tokens; someone else's token is NOT_FOUND. */
export async function revokeApiToken(db: Db, actor: Actor, input: z.input<typeof ZRevokeApiToken>) {
  const { id } = ZRevokeApiToken.parse(input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: apiTokens.id, name: apiTokens.name, revokedAt: apiTokens.revokedAt })
      .from(apiTokens)
      .where(and(eq(apiTokens.id, id), eq(apiTokens.personId, actor.personId)))
      .for("update");
    if (!row) throw new DomainError("NOT_FOUND", "There is no such token.");
    if (row.revokedAt) return { id, revokedAt: row.revokedAt };
    const [done] = await tx
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(eq(apiTokens.id, id))
      .returning({ revokedAt: apiTokens.revokedAt });
    await recordEvent(tx, {
      subjectType: "person",
      subjectKey: actor.personId,
      type: "api-token-revoked",
      actorId: actor.personId,
      actorCapacity: "self",
      payload: { tokenId: id, name: row.name },
    });
    return { id, revokedAt: done?.revokedAt ?? new Date() };
  });
}

/** Minutes between two writes of a token's last-used time (a busy script writes once a minute). */
const LAST_USED_GRANULARITY = "1 minute";

/**
 * The person a bearer token acts for (and the token's id), or null for an unknown, malformed or
 * revoked token. Records when the token was last used.
 */
export async function personForApiToken(
  db: Db,
  token: string,
): Promise<{ personId: number; tokenId: number } | null> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
  const [row] = await db
    .select({ id: apiTokens.id, personId: apiTokens.personId, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashApiToken(token)), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiTokens.id, row.id),
        sql`(${apiTokens.lastUsedAt} is null or ${apiTokens.lastUsedAt} < now() - interval '${sql.raw(LAST_USED_GRANULARITY)}')`,
      ),
    );
  return { personId: row.personId, tokenId: row.id };
}
