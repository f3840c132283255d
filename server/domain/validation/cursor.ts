import { z } from "zod";
import { zId, zInt } from "./ids";

/**
 * A keyset-pagination position: the last row's creation time and id, and for
 * readiness order its readiness. Cursors travel in URLs, so decoding is strict:
 * anything that is not exactly what `encodeCursor` writes is refused.
 */
export const ZCursorPosition = z
  .object({
    c: z.iso.datetime({ offset: true }),
    id: zId(),
    r: zInt("Readiness", 0, 1_000).optional(),
  })
  .strict();
export type CursorPosition = z.infer<typeof ZCursorPosition>;

/** The cursor as a URL-safe string (at most 200 characters). */
export const ZCursor = z
  .string({ error: "The page cursor must be text." })
  .max(200, { error: "That page link is not valid." })
  .regex(/^[A-Za-z0-9_-]+$/, { error: "That page link is not valid." });

export function encodeCursor(c: CursorPosition): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

/** The position a cursor encodes, or null when it is not one this app wrote. */
export function decodeCursor(raw: string): CursorPosition | null {
  if (!ZCursor.safeParse(raw).success) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = ZCursorPosition.safeParse(json);
  if (!parsed.success) return null;
  const year = Number(parsed.data.c.slice(0, 4));
  return year >= 1970 && year <= 9999 ? parsed.data : null;
}

/** A cursor string that decodes to a position (for pages that check links before querying). */
export const ZPageCursor = ZCursor.refine((raw) => decodeCursor(raw) !== null, {
  message: "That page link is no longer valid; showing the first page.",
});
