import { z } from "zod";

/** A lone (unpaired) UTF-16 surrogate: not a character, and PostgreSQL refuses it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Bidirectional embedding, override and isolate controls (U+202A to U+202E,
 * U+2066 to U+2069). They reorder the text around them, so "gpj.exe" can be shown
 * as "exe.jpg"; nothing in this tracker needs them, so they are removed.
 */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

export function hasLoneSurrogate(s: string): boolean {
  return LONE_SURROGATE.test(s);
}

/** Removes bidi controls and normalises to NFC (the one form text is compared and stored in). */
export function cleanText(s: string): string {
  return s.normalize("NFC").replace(BIDI_CONTROLS, "");
}

/**
 * Shows bidi controls already stored (before they were removed on input) as
 * visible markers, for rendering: `⟨U+202E⟩` instead of an invisible reordering.
 */
export function showBidiControls(s: string): string {
  return s.replace(
    BIDI_CONTROLS,
    (c) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}⟩`,
  );
}

export const NUL_MESSAGE = "Remove the NUL character (\\0) from the text.";
export const SURROGATE_MESSAGE =
  "The text contains a broken character (a lone UTF-16 surrogate); retype it.";

/**
 * The base of every text input: a string without NUL bytes or lone surrogates,
 * NFC-normalised, with bidi controls removed. It stays a `ZodString`, so
 * `.trim()`, `.min()`, `.max()` and `.regex()` chain as usual (and see the
 * cleaned text).
 */
export function safeString(params?: Parameters<typeof z.string>[0]) {
  return z
    .string(params)
    .refine((s) => !s.includes("\0"), { message: NUL_MESSAGE, abort: true })
    .refine((s) => !hasLoneSurrogate(s), { message: SURROGATE_MESSAGE, abort: true })
    .overwrite(cleanText);
}

const count = (n: number) => n.toLocaleString("en");

/**
 * Trimmed text of at most `max` characters; `min` (default 0) with a message
 * naming the field. `what` reads as in "Keep the title under 200 characters."
 */
export function zText(what: string, max: number, min = 0) {
  const base = safeString({ error: `Give ${what} as text.` })
    .trim()
    .max(max, `Keep ${what} under ${count(max)} characters.`);
  return min > 0 ? base.min(min, `Give ${what}.`) : base;
}

/** A short key (record keys, field names): a safe string of 1 to `max` characters. */
export function zKey(max = 40) {
  return safeString()
    .min(1)
    .max(max)
    .refine((k) => k !== "__proto__" && k !== "constructor" && k !== "prototype", {
      message: "That name is reserved.",
    });
}

/** Required free text: trimmed, non-empty, bounded. */
export function requiredText(field: string, max = 10_000) {
  return safeString({ error: `${field} is required.` })
    .trim()
    .min(1, { error: `${field} is required.` })
    .max(max, { error: `${field} must be at most ${count(max)} characters.` });
}

/** Optional free text: trimmed and bounded; blank becomes `undefined`. */
export function optionalText(field: string, max = 10_000) {
  return safeString({ error: `${field} must be text.` })
    .trim()
    .max(max, { error: `${field} must be at most ${count(max)} characters.` })
    .optional()
    .transform((v) => (v === undefined || v === "" ? undefined : v));
}
