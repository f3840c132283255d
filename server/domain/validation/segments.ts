import { z } from "zod";
import { hasLoneSurrogate } from "./text";

/**
 * A URL segment or search-param value as text: percent-decoded when it still
 * carries escapes, and refused (null) when the escapes are malformed
 * (`%E0%A4%A`), when it holds NUL or a lone surrogate, or when it is longer than
 * `max`. Pages turn null into a 404.
 */
export function decodeSegment(raw: string, max = 200): string | null {
  let s = raw;
  if (s.includes("%")) {
    try {
      s = decodeURIComponent(s);
    } catch {
      return null;
    }
  }
  if (s.length === 0 || s.length > max || s.includes("\0") || hasLoneSurrogate(s)) return null;
  return s.normalize("NFC");
}

/** A group acronym: lower-case letters, digits and hyphens, 1 to 40 characters. */
export const ZAcronym = z
  .string({ error: "Give a group acronym." })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, {
    error: "Give a group acronym (letters, digits, hyphens).",
  });

/** A document name (draft name or rfcNNNN) as a lookup key: 1 to 120 safe characters. */
export const ZDocumentName = z
  .string({ error: "Give a document name." })
  .trim()
  .min(1, { error: "Give a document name." })
  .max(120, { error: "That document name is too long." })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
    error: "A document name has only letters, digits, dots, hyphens and underscores.",
  });
