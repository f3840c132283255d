import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { decode, encode } from "next-auth/jwt";
import { confirmEmail, verificationMail, verificationPath } from "./fixtures/confirm-email";
import { expect, signInAs, signOut, signUp, test, uniqueEmail } from "./fixtures/personas";
import { expectNoSeriousViolations } from "./pages/axe";
import { trpcData } from "./pages/trpc";

const SESSION_COOKIE = "authjs.session-token";

/** The session cookie of a page's browser context, as a Cookie header. */
async function sessionCookieHeader(page: Page): Promise<string> {
  const c = (await page.context().cookies()).find((x) => x.name === SESSION_COOKIE);
  expect(c, "a session cookie").toBeTruthy();
  return `${SESSION_COOKIE}=${c!.value}`;
}

/** Run `fn` with the clock (Date) set two days back, as when an old token was issued. */
async function twoDaysAgo<T>(fn: () => Promise<T>): Promise<T> {
  const RealDate = Date;
  const shift = 2 * 24 * 60 * 60 * 1000;
  class PastDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() - shift);
      else super(...(args as [string]));
    }
    static override now() {
      return RealDate.now() - shift;
    }
  }
  globalThis.Date = PastDate as DateConstructor;
  try {
    return await fn();
  } finally {
    globalThis.Date = RealDate;
  }
}

/** `account.me` as a client holding only this Cookie header sees it. */
async function meWith(request: APIRequestContext, cookie: string) {
  const res = await request.get("/api/trpc/account.me", { headers: { cookie } });
  expect(res.status()).toBe(200);
  return trpcData<{ name?: string } | null>(await res.json());
}

// Sign-ups, e-mail delivery (every 5 s) and bcrypt make these slower than most.
test.describe.configure({ timeout: 120_000 });

test.describe("e-mail verification", () => {
  test("a new account confirms its address through the e-mailed link, once", async ({
    page,
  }, info) => {
    const email = uniqueEmail("vera", info.workerIndex);
    await signUp(page, { name: "Vera Verify", email, password: "a-long-password-v1" });
    await page.goto("/settings");
    await expect(page.getByText("(not confirmed yet)")).toBeVisible();

    const link = await confirmEmail(page, email);
    await expectNoSeriousViolations(page);
    await page.goto("/settings");
    await expect(page.getByText("(confirmed)")).toBeVisible();
    await expect(
      page.getByRole("button", { name: "Send the confirmation link again" }),
    ).toHaveCount(0);

    // The same link a second time: a clear page, not an error.
    await page.goto(link);
    await page.getByRole("button", { name: "Confirm my address" }).click();
    await expect(page.getByRole("heading", { name: "This link was already used" })).toBeVisible();
  });

  test("bad and missing tokens get a clear page, never a server error", async ({ page }) => {
    const errors: string[] = [];
    page.on("response", (r) => {
      if (r.status() >= 500) errors.push(`${r.status()} ${r.url()}`);
    });
    await page.goto("/verify-email");
    await expect(page.getByRole("heading", { name: "This link is not valid" })).toBeVisible();
    for (const token of ["garbage", "A".repeat(43), "%00%ZZ", "x".repeat(5000)]) {
      await page.goto(`/verify-email?token=${token}`);
      await page.getByRole("button", { name: "Confirm my address" }).click();
      await expect(page.getByRole("heading", { name: "This link is not valid" })).toBeVisible();
    }
    await page.goto("/verify-email?status=nonsense");
    await expect(page.getByRole("heading", { name: "This link is not valid" })).toBeVisible();
    expect(errors).toEqual([]);
  });

  test("the settings page sends a new link, and only the newest unused link matters", async ({
    page,
  }, info) => {
    const email = uniqueEmail("rhea", info.workerIndex);
    await signUp(page, { name: "Rhea Resend", email, password: "a-long-password-v2" });
    const first = verificationPath(await verificationMail(email));
    await page.goto("/settings");
    await page.getByRole("button", { name: "Send the confirmation link again" }).click();
    await expect(page.getByRole("status").filter({ hasText: "We sent a new link" })).toBeVisible();
    // Both links are valid until one is used; the first one confirms.
    await page.goto(first);
    await page.getByRole("button", { name: "Confirm my address" }).click();
    await expect(page.getByRole("heading", { name: "Address confirmed" })).toBeVisible();
  });
});

test.describe("sign-up", () => {
  test("an address that has an account gets the same answer, and its owner gets a mail", async ({
    page,
  }) => {
    await page.goto("/signup");
    await page.getByLabel("Name").fill("Not The Contributor");
    await page.getByLabel("Email").fill("contributor@example.org");
    await page.getByLabel("Password").fill("another-long-password-1");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Check your mail" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
  });

  test("a common password is refused", async ({ page }, info) => {
    await page.goto("/signup");
    await page.getByLabel("Name").fill("Common Password");
    await page.getByLabel("Email").fill(uniqueEmail("common", info.workerIndex));
    await page.getByLabel("Password").fill("1234567890");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("on a list of common passwords")).toBeVisible();
  });
});

test.describe("sessions", () => {
  test("a copy of the cookie no longer works after signing out", async ({
    page,
    request,
  }, info) => {
    const email = uniqueEmail("sid", info.workerIndex);
    await signUp(page, { name: "Sid Session", email, password: "a-long-password-s1" });
    const cookie = await sessionCookieHeader(page);
    expect(await meWith(request, cookie)).toMatchObject({ name: "Sid Session" });

    await signOut(page);
    // Replaying the copied cookie: signed out for queries and mutations alike.
    expect(await meWith(request, cookie)).toBeNull();
    const mutation = await request.post("/api/trpc/notification.setEmail", {
      headers: { cookie, "content-type": "application/json" },
      data: { json: { email: false } },
    });
    expect(mutation.status()).toBe(401);

    // Signing in again gives a new, working session.
    await signInAs(page, { email, password: "a-long-password-s1" });
    expect(await meWith(request, await sessionCookieHeader(page))).toMatchObject({
      name: "Sid Session",
    });
  });

  test("sign out everywhere ends the person's other sessions too", async ({
    page,
    browser,
    request,
  }, info) => {
    const email = uniqueEmail("eve", info.workerIndex);
    await signUp(page, { name: "Eve Everywhere", email, password: "a-long-password-s2" });
    const other = await (await browser.newContext()).newPage();
    await signInAs(other, { email, password: "a-long-password-s2" });
    const otherCookie = await sessionCookieHeader(other);

    await page.goto("/settings");
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
    await other.reload();
    await expect(other.getByRole("link", { name: "Sign in" })).toBeVisible();
    expect(await meWith(request, otherCookie)).toBeNull();
    await other.context().close();
  });

  test("an old session token is rolled forward with a new cookie", async ({
    page,
    request,
  }, info) => {
    const port = new URL(info.project.use.baseURL!).port;
    const dataDir = path.resolve(port === "3210" ? ".data/e2e" : `.data/e2e-${port}`);
    const secret = readFileSync(path.join(dataDir, "auth-secret"), "utf8").trim();
    const email = uniqueEmail("rolf", info.workerIndex);
    await signUp(page, { name: "Rolf Rolling", email, password: "a-long-password-s3" });
    const current = (await sessionCookieHeader(page)).slice(SESSION_COOKIE.length + 1);
    const claims = await decode({ token: current, secret, salt: SESSION_COOKIE });
    expect(claims).toMatchObject({ email, sid: expect.any(String), sv: 1 });
    // The same session as if it had been issued two days ago.
    const { iat: _iat, exp: _exp, jti: _jti, ...kept } = claims!;
    const old = await twoDaysAgo(() =>
      encode({ token: kept, secret, salt: SESSION_COOKIE, maxAge: 30 * 24 * 60 * 60 }),
    );
    const realNow = Date.now;
    const res = await request.get("/api/trpc/account.me", {
      headers: { cookie: `${SESSION_COOKIE}=${old}` },
    });
    expect(res.status()).toBe(200);
    const setCookie = res.headers()["set-cookie"] ?? "";
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(setCookie).toMatch(/Max-Age=2592000/i);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=lax/i);
    const renewed = /^[^=]+=([^;]+)/.exec(setCookie)![1]!;
    expect(renewed).not.toBe(old);
    const renewedClaims = await decode({ token: renewed, secret, salt: SESSION_COOKIE });
    expect(renewedClaims).toMatchObject({ email, sid: claims!.sid, sv: 1 });
    expect(renewedClaims!.exp! - Math.floor(realNow() / 1000)).toBeGreaterThan(29 * 24 * 60 * 60);
    // The new cookie is the same session, and a fresh one is not renewed again.
    const again = await request.get("/api/trpc/account.me", {
      headers: { cookie: `${SESSION_COOKIE}=${renewed}` },
    });
    expect(again.headers()["set-cookie"]).toBeUndefined();
    expect(trpcData(await again.json())).toMatchObject({ email });
  });
});

test.describe("brute force", () => {
  test("repeated wrong passwords are answered 429 with Retry-After and a clear message", async ({
    page,
  }, info) => {
    const email = uniqueEmail("target", info.workerIndex);
    await page.goto("/signin");
    await page.getByLabel("Email").fill(email);
    let last = 0;
    for (let i = 0; i < 8; i++) {
      await page.getByLabel("Password").fill(`wrong-password-${i}`);
      const res = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
      await page.getByRole("button", { name: "Sign in" }).click();
      last = (await res).status();
      await expect(
        page.getByRole("alert").filter({ hasText: "Wrong email or password." }),
      ).toBeVisible();
    }
    expect(last).toBe(200);
    await page.getByLabel("Password").fill("one-more-wrong-password");
    const blocked = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
    await page.getByRole("button", { name: "Sign in" }).click();
    const res = await blocked;
    expect(res.status()).toBe(429);
    const retryAfter = Number(res.headers()["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    await expect(
      page.getByRole("alert").filter({ hasText: "Too many failed sign-in attempts" }),
    ).toBeVisible();
    await expectNoSeriousViolations(page);
  });
});
