import { z } from "zod";
import { DomainError } from "~/server/domain/errors";
import { ZCursor, zInt } from "~/server/domain/validation";

/**
 * Cursors for lists whose use-case pages by offset (documents) or returns every
 * row (groups, meetings): the position is wrapped in the same opaque, URL-safe
 * form as the keyset cursors, so clients treat every list alike.
 */
export const ZPage = z.object({
  cursor: ZCursor.optional(),
  limit: zInt("The page size", 1, 100).default(50),
});

const ZOffset = z.object({ o: z.number().int().min(0).max(100_000) }).strict();

export function encodeOffset(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString("base64url");
}

/** The offset a cursor encodes (0 without one); a cursor this API did not write is a VALIDATION error. */
export function decodeOffset(raw: string | undefined): number {
  if (raw === undefined) return 0;
  let json: unknown = null;
  try {
    if (ZCursor.safeParse(raw).success)
      json = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    json = null;
  }
  const parsed = ZOffset.safeParse(json);
  if (!parsed.success) {
    throw new DomainError(
      "VALIDATION",
      "That page link is no longer valid. Start from the first page.",
      {
        fieldErrors: { cursor: ["Invalid page cursor."] },
      },
    );
  }
  return parsed.data.o;
}

/** One page of an in-memory list. */
export function slicePage<T>(all: readonly T[], input: { cursor?: string; limit?: number }) {
  const { cursor, limit } = ZPage.parse(input);
  const offset = decodeOffset(cursor);
  const items = all.slice(offset, offset + limit);
  return { items, nextCursor: offset + limit < all.length ? encodeOffset(offset + limit) : null };
}
