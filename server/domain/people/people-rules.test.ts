import { describe, expect, it } from "vitest";
import { mergeRefusal, verifiedAfterMerge, type MergeFacts } from "./merge";
import { passwordProblem } from "./password-rules";
import { retryAfterSeconds, throttledMessage } from "./throttle-rules";
import { verificationOutcome, type VerificationFacts } from "./verification";

describe("password rules", () => {
  const common = new Set(["password123", "1234567890", "qwertyuiop"]);
  const isCommon = (p: string) => common.has(p);
  it.each([
    ["short", "a@example.org", "Use at least 10 characters for the password."],
    ["nine-char", "a@example.org", "Use at least 10 characters for the password."],
    ["ten-chars!", "a@example.org", null],
    ["x".repeat(201), "a@example.org", "Use at most 200 characters for the password."],
    [
      "aaaaaaaaaaaa",
      "a@example.org",
      "This password repeats one character. Choose one that is harder to guess.",
    ],
    [
      "1234567890",
      "a@example.org",
      "This password is on a list of common passwords that attackers try first. Choose another.",
    ],
    [
      "QWERTYUIOP",
      "a@example.org",
      "This password is on a list of common passwords that attackers try first. Choose another.",
    ],
    [
      "someone@example.org",
      "Someone@Example.org",
      "Do not use your e-mail address as the password.",
    ],
    [
      "longlocalpart",
      "longlocalpart@example.org",
      "Do not use your e-mail address as the password.",
    ],
    ["correct horse battery", "a@example.org", null],
    // ten characters counted as characters, not UTF-16 units
    ["😀😀😀😀😀ab", "a@example.org", "Use at least 10 characters for the password."],
  ])("%j (%s) → %s", (password, email, expected) => {
    expect(passwordProblem(password, { email, isCommon })).toBe(expected);
  });
});

describe("verification links", () => {
  const now = new Date("2026-05-01T12:00:00Z");
  const later = new Date("2026-05-02T12:00:00Z");
  const earlier = new Date("2026-04-30T12:00:00Z");
  const base: VerificationFacts = {
    link: { email: "a@example.org", expiresAt: later, usedAt: null },
    person: { email: "a@example.org", emailVerified: false, merged: false },
    verifiedElsewhere: false,
    now,
  };
  it.each<[string, Partial<VerificationFacts>, string]>([
    ["a fresh link for the person's address", {}, "verified"],
    ["no such link", { link: null }, "unknown"],
    ["the person is gone", { person: null }, "unknown"],
    ["a used link", { link: { ...base.link!, usedAt: earlier } }, "used"],
    ["an expired link", { link: { ...base.link!, expiresAt: earlier } }, "expired"],
    ["a link expiring this very moment", { link: { ...base.link!, expiresAt: now } }, "expired"],
    [
      "a used and expired link says used",
      { link: { ...base.link!, usedAt: earlier, expiresAt: earlier } },
      "used",
    ],
    [
      "the address changed since",
      { person: { ...base.person!, email: "b@example.org" } },
      "address-changed",
    ],
    [
      "the address differs only in case",
      { person: { ...base.person!, email: "A@Example.org" } },
      "verified",
    ],
    ["already verified", { person: { ...base.person!, emailVerified: true } }, "already-verified"],
    ["verified on another account", { verifiedElsewhere: true }, "taken"],
    ["the account was merged away", { person: { ...base.person!, merged: true } }, "merged"],
  ])("%s → %s", (_name, over, expected) => {
    expect(verificationOutcome({ ...base, ...over })).toBe(expected);
  });
});

describe("merging accounts", () => {
  const base: MergeFacts = {
    survivorId: 1,
    survivorMerged: false,
    other: { id: 2, merged: false },
    passwordMatches: true,
  };
  it.each<[string, Partial<MergeFacts>, string | null]>([
    ["the other account proven by its password", {}, null],
    ["a wrong password", { passwordMatches: false }, "wrong-credentials"],
    [
      "no account with a password at that address",
      { other: null, passwordMatches: false },
      "wrong-credentials",
    ],
    ["the signed-in account itself", { other: { id: 1, merged: false } }, "same-account"],
    ["an account merged before", { other: { id: 2, merged: true } }, "other-merged"],
    ["a survivor that was merged away", { survivorMerged: true }, "survivor-merged"],
  ])("%s → %s", (_name, over, expected) => {
    expect(mergeRefusal({ ...base, ...over })).toBe(expected);
  });

  const t1 = new Date("2026-01-01T00:00:00Z");
  const t2 = new Date("2026-02-01T00:00:00Z");
  it.each<
    [
      string,
      { email: string; verifiedAt: Date | null },
      { email: string; verifiedAt: Date | null },
      Date | null,
    ]
  >([
    [
      "survivor verified stays verified",
      { email: "a@x.org", verifiedAt: t1 },
      { email: "a@x.org", verifiedAt: t2 },
      t1,
    ],
    [
      "the other proves the same address",
      { email: "a@x.org", verifiedAt: null },
      { email: "A@x.org", verifiedAt: t2 },
      t2,
    ],
    [
      "the other proves a different address only",
      { email: "a@x.org", verifiedAt: null },
      { email: "b@x.org", verifiedAt: t2 },
      null,
    ],
    [
      "neither verified",
      { email: "a@x.org", verifiedAt: null },
      { email: "a@x.org", verifiedAt: null },
      null,
    ],
  ])("%s", (_name, survivor, other, expected) => {
    expect(verifiedAfterMerge(survivor, other)).toEqual(expected);
  });
});

describe("throttling messages", () => {
  it.each([
    [30, "Too many sign-in attempts. For your security, please wait and try again in a minute."],
    [60, "Too many sign-in attempts. For your security, please wait and try again in 1 minute."],
    [61, "Too many sign-in attempts. For your security, please wait and try again in 2 minutes."],
    [900, "Too many sign-in attempts. For your security, please wait and try again in 15 minutes."],
  ])("%i s → %s", (s, text) => {
    expect(throttledMessage("sign-in", s)).toBe(text);
  });
  it.each([
    [0, 1],
    [1, 1],
    [999, 1],
    [1001, 2],
    [60_000, 60],
  ])("Retry-After for %i ms is %i s", (ms, s) => {
    expect(retryAfterSeconds(ms)).toBe(s);
  });
});
