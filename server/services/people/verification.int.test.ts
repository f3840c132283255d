import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { emailVerifications, events, outbox, people } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { loadActor } from "~/server/auth/load-actor";
import * as passwords from "~/server/auth/passwords";
import { authenticate } from "./authenticate";
import { resendVerification, verifyEmail } from "./email-verification";
import { signInWithDatatracker } from "./sign-in-with-datatracker";
import { signUp, ZSignUp } from "./sign-up";

vi.mock("~/server/auth/passwords", async (importOriginal) => {
  const real = await importOriginal<typeof import("~/server/auth/passwords")>();
  return { ...real, verifyAgainstDummy: vi.fn(real.verifyAgainstDummy) };
});

let t: TestDatabase;

async function mailsTo(address: string) {
  return t.db.select().from(outbox).where(eq(outbox.toAddress, address)).orderBy(outbox.id);
}

/** The token in the newest verification mail to an address. */
async function tokenFor(address: string): Promise<string> {
  const mails = (await mailsTo(address)).filter((m) => m.subject.startsWith("Confirm"));
  const m = /\/verify-email\?token=([A-Za-z0-9_-]+)/.exec(mails.at(-1)?.body ?? "");
  if (!m) throw new Error(`no verification mail to ${address}`);
  return m[1]!;
}

async function typesOf(personId: number) {
  const rows = await t.db
    .select({ type: events.type })
    .from(events)
    .where(and(eq(events.subjectType, "person"), eq(events.subjectKey, String(personId))))
    .orderBy(events.id);
  return rows.map((r) => r.type);
}

const input = (email: string, password = "long-enough-pw") => ({
  name: "Test Person",
  email,
  password,
});

describe(`sign-up and e-mail verification on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t?.destroy());

  it("signs up an unverified person and mails a verification link", async () => {
    const res = await signUp(t.db, input("nora@example.org"));
    expect(res.created).toBe(true);
    const [p] = await t.db.select().from(people).where(eq(people.id, res.personId));
    expect(p?.emailVerified).toBeNull();
    const mails = await mailsTo("nora@example.org");
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      personId: res.personId,
      subject: "Confirm your e-mail address for IOTOPS Dispatch",
      status: "pending",
    });
    expect(mails[0]!.body).toMatch(/\/verify-email\?token=[A-Za-z0-9_-]{43}\n/);
    // only the token's hash is stored
    const [link] = await t.db
      .select()
      .from(emailVerifications)
      .where(eq(emailVerifications.personId, res.personId));
    expect(link?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(mails[0]!.body).not.toContain(link!.tokenHash);
    expect(await typesOf(res.personId)).toEqual(["person-signed-up", "verification-sent"]);
    expect((await loadActor(t.db, res.personId))?.emailVerified).toBe(false);
  });

  it("the link verifies the address once; a second use, a bad token and an expired link say why", async () => {
    const { personId } = await signUp(t.db, input("olga@example.org"));
    const token = await tokenFor("olga@example.org");
    expect(await verifyEmail(t.db, "not-a-token")).toBe("unknown");
    expect(await verifyEmail(t.db, "A".repeat(43))).toBe("unknown");
    expect(await verifyEmail(t.db, 42)).toBe("unknown");
    // two days and a bit later the link has expired
    const afterExpiry = new Date(Date.now() + 49 * 60 * 60 * 1000);
    expect(await verifyEmail(t.db, token, afterExpiry)).toBe("expired");
    expect(await verifyEmail(t.db, token)).toBe("verified");
    expect(await verifyEmail(t.db, token)).toBe("used");
    const actor = await loadActor(t.db, personId);
    expect(actor?.emailVerified).toBe(true);
    expect(await typesOf(personId)).toEqual([
      "person-signed-up",
      "verification-sent",
      "email-verified",
    ]);
    await expect(resendVerification(t.db, actor)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("a resent link works, and anonymous callers cannot ask for one", async () => {
    const { personId } = await signUp(t.db, input("pia@example.org"));
    const actor = (await loadActor(t.db, personId))!;
    expect(await resendVerification(t.db, actor)).toEqual({ sentTo: "pia@example.org" });
    expect(await mailsTo("pia@example.org")).toHaveLength(2);
    expect(await verifyEmail(t.db, await tokenFor("pia@example.org"))).toBe("verified");
    await expect(resendVerification(t.db, null)).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
  });

  it("an address with an account answers the same, creates nobody and mails its owner", async () => {
    await signUp(t.db, input("quinn@example.org", "owners-password-1"));
    const count = async () =>
      (await t.db.select({ n: sql<number>`count(*)::int` }).from(people))[0]!.n;
    const before = await count();
    const again = await signUp(t.db, {
      name: "Impostor",
      email: "quinn@example.org",
      password: "impostors-password",
    });
    expect(again.created).toBe(false);
    expect(await count()).toBe(before);
    const mails = await mailsTo("quinn@example.org");
    expect(mails.map((m) => m.subject)).toEqual([
      "Confirm your e-mail address for IOTOPS Dispatch",
      "Someone tried to sign up with your e-mail address",
    ]);
    // the impostor's password does not work; the owner's does
    expect(await authenticate(t.db, "quinn@example.org", "impostors-password")).toBeNull();
    expect(await authenticate(t.db, "quinn@example.org", "owners-password-1")).not.toBeNull();
  });

  it("two sign-ups with one address at once make one person", async () => {
    const [a, b] = await Promise.all([
      signUp(t.db, input("twice@example.org")),
      signUp(t.db, input("TWICE@example.org".toLowerCase())),
    ]);
    expect(a.personId).toBe(b.personId);
    expect([a.created, b.created].sort()).toEqual([false, true]);
  });

  it("a link cannot verify an address another account already verified", async () => {
    const { personId } = await signUp(t.db, input("rex@example.org"));
    const token = await tokenFor("rex@example.org");
    // the real owner signs in with the Datatracker first: a separate, verified person
    const dt = await signInWithDatatracker(t.db, { sub: "dt-rex", email: "rex@example.org" });
    expect(dt).toMatchObject({ ok: true, matchedBy: "created" });
    expect(await verifyEmail(t.db, token)).toBe("taken");
    expect((await loadActor(t.db, personId))?.emailVerified).toBe(false);
  });

  it("an unknown address is compared against a dummy hash, like a wrong password", async () => {
    const dummy = vi.mocked(passwords.verifyAgainstDummy);
    dummy.mockClear();
    expect(await authenticate(t.db, "nobody-here@example.org", "whatever-password")).toBeNull();
    expect(dummy).toHaveBeenCalledTimes(1);
    // a Datatracker-only person (no password) is treated the same way
    await signInWithDatatracker(t.db, { sub: "dt-only", email: "dt-only@example.org" });
    expect(await authenticate(t.db, "dt-only@example.org", "whatever-password")).toBeNull();
    expect(dummy).toHaveBeenCalledTimes(2);
    // rex has a password account beside the Datatracker one: its own hash is checked
    expect(await authenticate(t.db, "rex@example.org", "whatever-password")).toBeNull();
    expect(dummy).toHaveBeenCalledTimes(2);
  });
});

describe("sign-up input", () => {
  it.each([
    [
      "1234567890",
      "This password is on a list of common passwords that attackers try first. Choose another.",
    ],
    [
      "password123",
      "This password is on a list of common passwords that attackers try first. Choose another.",
    ],
    ["aaaaaaaaaa", "This password repeats one character. Choose one that is harder to guess."],
    ["short", "Use at least 10 characters for the password."],
  ])("refuses %j", (password, message) => {
    const r = ZSignUp.safeParse({ name: "Some One", email: "some@example.org", password });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["password", message],
    ]);
  });

  it("accepts a long uncommon password", () => {
    expect(
      ZSignUp.safeParse({
        name: "Some One",
        email: "Some@Example.org",
        password: "tram pencil 42 orbit",
      }).success,
    ).toBe(true);
  });
});
