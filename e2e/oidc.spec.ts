import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { expect, signInAs, test, uniqueEmail, signUp } from "./fixtures/personas";
import { confirmEmail } from "./fixtures/confirm-email";
import { OIDC_ADMIN, OIDC_ORIGIN } from "./oidc-settings";

// Sign-in through a real OpenID Connect provider on loopback, set up like the
// IETF Datatracker's (e2e/oidc-provider.mjs), with IETF roles from the `roles` claim.

type RolePair = [string, string];
interface TestAccount {
  name: string;
  email: string;
  roles: RolePair[];
  email_verified?: boolean;
}

const DATATRACKER_FAILED = "Signing in with the IETF Datatracker did not work";

/** Create or change a test account at the provider (its roles claim, email, ...). */
async function setAccount(request: APIRequestContext, username: string, account: TestAccount) {
  const res = await request.put(`${OIDC_ADMIN}/users/${username}`, { data: account });
  expect(res.ok(), await res.text()).toBe(true);
}

/** Switch the provider into a failure mode, or back to "normal". */
async function setMode(request: APIRequestContext, mode: string) {
  const res = await request.post(`${OIDC_ADMIN}/mode`, { data: { mode } });
  expect(res.ok(), await res.text()).toBe(true);
}

function username(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Fail the test if the app ever answers with a server error. */
function watchForServerErrors(page: Page, appOrigin: string): string[] {
  const errors: string[] = [];
  page.on("response", (r) => {
    if (r.url().startsWith(appOrigin) && r.status() >= 500) errors.push(`${r.status()} ${r.url()}`);
  });
  return errors;
}

/** From our sign-in page to the provider's login page. */
async function startDatatrackerSignIn(page: Page) {
  await page.goto("/signin");
  await expect(
    page.getByRole("heading", { name: "Sign in with the IETF Datatracker" }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Continue to the IETF Datatracker" }).click();
}

/** The whole round trip: our page, the provider's login page, back to the app. */
async function signInWithDatatracker(page: Page, user: string) {
  await startDatatrackerSignIn(page);
  await expect(page).toHaveURL((u) => u.origin === OIDC_ORIGIN);
  await expect(
    page.getByRole("heading", { name: "Sign in to the IETF Datatracker" }),
  ).toBeVisible();
  await page.getByLabel("Username").fill(user);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** A fresh browser (own cookies, so no provider session either) signed in through the Datatracker. */
async function freshDatatrackerSession(browser: Browser, user: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInWithDatatracker(page, user);
  await expect(page.getByLabel("Signed in as")).toBeVisible();
  return page;
}

test.describe("sign in with the IETF Datatracker", () => {
  test("a chair per the roles claim gets the triage queue", async ({ page, request, baseURL }) => {
    const serverErrors = watchForServerErrors(page, baseURL!);
    const user = username("cara");
    await setAccount(request, user, {
      name: "Cara Chair",
      email: `${user}@example.org`,
      roles: [
        ["chair", "iotops"],
        ["techadv", "t2trg"],
      ],
    });
    await signInWithDatatracker(page, user);
    await expect(page.getByLabel("Signed in as")).toContainText("Cara Chair");
    await expect(page.getByLabel("Signed in as")).toContainText("chair iotops");
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Triage", exact: true })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "Triage queue" })).toBeVisible();
    expect(serverErrors).toEqual([]);
  });

  test("a person without roles is refused the triage queue", async ({ page, request }) => {
    const user = username("nora");
    await setAccount(request, user, {
      name: "Nora Noroles",
      email: `${user}@example.org`,
      roles: [],
    });
    await signInWithDatatracker(page, user);
    await expect(page.getByLabel("Signed in as")).toContainText("Nora Noroles");
    await page.goto("/triage");
    await expect(page.getByRole("heading", { name: "Not available to you" })).toBeVisible();
  });

  test("the next sign-in removes a role the claim dropped, but a manual grant survives", async ({
    page,
    browser,
    request,
  }) => {
    const user = username("dana");
    const email = `${user}@example.org`;
    await setAccount(request, user, {
      name: "Dana Dropped",
      email,
      roles: [["chair", "iotops"]],
    });
    const first = await freshDatatrackerSession(browser, user);
    await first.goto("/triage");
    await expect(first.getByRole("heading", { level: 1, name: "Triage queue" })).toBeVisible();

    // The secretariat grants another role by hand.
    await signInAs(page, "secretariat");
    await page.goto("/admin/roles");
    await page.getByLabel("Person's email").fill(email);
    await page.getByLabel("Role", { exact: true }).selectOption("ad");
    await page.getByLabel("Group or area").fill("ops");
    await page.getByRole("button", { name: "Grant role" }).click();
    await expect(page.getByText("Role granted.")).toBeVisible();
    const rows = page.getByRole("row").filter({ hasText: email });
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: "Datatracker" })).toContainText("chair");
    await expect(rows.filter({ hasText: "Granted here" })).toContainText("ops");

    // The Datatracker no longer lists the chair role; the next sign-in drops it.
    await setAccount(request, user, { name: "Dana Dropped", email, roles: [] });
    const second = await freshDatatrackerSession(browser, user);
    await expect(second.getByLabel("Signed in as")).toContainText("ad ops");
    await expect(second.getByLabel("Signed in as")).not.toContainText("chair iotops");
    await second.goto("/triage");
    await expect(second.getByRole("heading", { name: "Not available to you" })).toBeVisible();
    await second.goto("/review");
    await expect(
      second.getByRole("heading", { name: "Recommendations awaiting review" }),
    ).toBeVisible();

    // Roles are read per request, so the older session lost the queue too.
    await first.goto("/triage");
    await expect(first.getByRole("heading", { name: "Not available to you" })).toBeVisible();

    await page.reload();
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText("Granted here");
    await first.context().close();
    await second.context().close();
  });

  test("a password account and a Datatracker sign-in with the same verified email are one person", async ({
    page,
    browser,
    request,
  }, info) => {
    const email = uniqueEmail("lena", info.workerIndex);
    await signUp(page, { name: "Lena Linked", email, password: "a-long-password-9" });
    // Only a confirmed address is linked to a Datatracker sign-in.
    await confirmEmail(page, email);

    const user = username("lena");
    await setAccount(request, user, {
      name: "Lena At-The-Datatracker",
      email: email.toUpperCase(),
      email_verified: true,
      roles: [["chair", "iotops"]],
    });
    const viaDatatracker = await freshDatatrackerSession(browser, user);
    // Our person (and name), with the Datatracker's role.
    await expect(viaDatatracker.getByLabel("Signed in as")).toContainText("Lena Linked");
    await expect(viaDatatracker.getByLabel("Signed in as")).toContainText("chair iotops");
    // The password session is the same person, so it has the role too.
    await page.reload();
    await expect(page.getByLabel("Signed in as")).toContainText("chair iotops");
    await viaDatatracker.context().close();
  });

  test("an unconfirmed password account is not linked; the person merges the two from settings", async ({
    page,
    browser,
    request,
  }, info) => {
    const email = uniqueEmail("uma", info.workerIndex);
    // A password account whose address was never confirmed.
    await signUp(page, { name: "Uma Unconfirmed", email, password: "a-long-password-7" });
    const user = username("uma");
    await setAccount(request, user, {
      name: "Uma At-The-Datatracker",
      email,
      roles: [["chair", "iotops"]],
    });
    // The Datatracker sign-in gets its own account, with the chair role.
    const viaDatatracker = await freshDatatrackerSession(browser, user);
    await expect(viaDatatracker.getByLabel("Signed in as")).toContainText("Uma At-The-Datatracker");
    await expect(viaDatatracker.getByLabel("Signed in as")).toContainText("chair iotops");
    // ...and the unconfirmed password account did not receive the role.
    await page.reload();
    await expect(page.getByLabel("Signed in as")).toContainText("Uma Unconfirmed");
    await expect(page.getByLabel("Signed in as")).not.toContainText("chair iotops");

    // Signed in through the Datatracker, the person proves the other account's password.
    await viaDatatracker.goto("/settings");
    await viaDatatracker.getByLabel("The other account's email").fill(email);
    await viaDatatracker.getByLabel("The other account's password").fill("wrong-password-here");
    await viaDatatracker.getByRole("button", { name: "Merge into this account" }).click();
    await expect(
      viaDatatracker.getByText("Wrong email or password for the other account.").first(),
    ).toBeVisible();
    await viaDatatracker.getByLabel("The other account's password").fill("a-long-password-7");
    await viaDatatracker.getByRole("button", { name: "Merge into this account" }).click();
    await expect(
      viaDatatracker.getByRole("status").filter({ hasText: "was merged into this one" }),
    ).toBeVisible();
    await expect(viaDatatracker.getByText("e-mail and password, IETF Datatracker")).toBeVisible();

    // The merged account's session has ended; its password now signs in to the merged person.
    await page.reload();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    await signInAs(page, { email, password: "a-long-password-7" });
    await expect(page.getByLabel("Signed in as")).toContainText("Uma At-The-Datatracker");
    await expect(page.getByLabel("Signed in as")).toContainText("chair iotops");
    await viaDatatracker.context().close();
  });

  test("an email the Datatracker marks unverified is not linked", async ({
    page,
    browser,
    request,
  }, info) => {
    const email = uniqueEmail("vic", info.workerIndex);
    const signup = await (await browser.newContext()).newPage();
    await signUp(signup, { name: "Vic Victim", email, password: "a-long-password-8" });
    await signup.context().close();

    const user = username("mallory");
    await setAccount(request, user, {
      name: "Mallory",
      email,
      email_verified: false,
      roles: [["chair", "iotops"]],
    });
    await signInWithDatatracker(page, user);
    await expect(page).toHaveURL(/\/signin\?error=DatatrackerEmailUnverified/);
    await expect(
      page.getByRole("alert").filter({ hasText: "your email address is not verified" }),
    ).toBeVisible();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  });

  test("cancelling at the Datatracker comes back with a clear message", async ({
    page,
    request,
  }) => {
    const user = username("cancel");
    await setAccount(request, user, {
      name: "Cas Cancel",
      email: `${user}@example.org`,
      roles: [],
    });
    await startDatatrackerSignIn(page);
    await page.getByRole("link", { name: "Cancel" }).click();
    await expect(page).toHaveURL(/\/signin\?error=OAuthCallbackError&provider=datatracker/);
    await expect(
      page
        .getByRole("alert")
        .filter({ hasText: "The IETF Datatracker did not complete the sign-in" }),
    ).toBeVisible();
  });
});

test.describe("Datatracker sign-in failures end on the sign-in page with a clear message", () => {
  test.afterEach(async ({ request }) => setMode(request, "normal"));

  const failures: { mode: string; what: string; reachesLogin: boolean }[] = [
    { mode: "down", what: "the Datatracker is down", reachesLogin: false },
    { mode: "token-down", what: "the Datatracker goes down mid-sign-in", reachesLogin: true },
    { mode: "reject-secret", what: "the client secret is rejected", reachesLogin: true },
    { mode: "wrong-issuer", what: "the ID token has the wrong issuer", reachesLogin: true },
    { mode: "wrong-audience", what: "the ID token is for another client", reachesLogin: true },
  ];

  for (const { mode, what, reachesLogin } of failures) {
    test(`${what} (${mode})`, async ({ page, request, baseURL }) => {
      const serverErrors = watchForServerErrors(page, baseURL!);
      const user = username(mode);
      await setAccount(request, user, {
        name: "Fay Failure",
        email: `${user}@example.org`,
        roles: [["chair", "iotops"]],
      });
      await setMode(request, mode);
      if (reachesLogin) {
        await signInWithDatatracker(page, user);
      } else {
        await startDatatrackerSignIn(page);
      }
      await expect(page).toHaveURL(/\/signin\?error=\w+&provider=datatracker/);
      await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
      await expect(page.getByRole("alert").filter({ hasText: DATATRACKER_FAILED })).toBeVisible();
      // Not signed in.
      await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
      expect(serverErrors).toEqual([]);
    });
  }

  test("after a failure, signing in works again", async ({ page, request }) => {
    const user = username("again");
    await setAccount(request, user, {
      name: "Gus Again",
      email: `${user}@example.org`,
      roles: [["chair", "iotops"]],
    });
    await setMode(request, "reject-secret");
    await signInWithDatatracker(page, user);
    await expect(page.getByRole("alert").filter({ hasText: DATATRACKER_FAILED })).toBeVisible();
    await setMode(request, "normal");
    // The provider remembers the login, so this round trip needs no typing.
    await startDatatrackerSignIn(page);
    await expect(page.getByLabel("Signed in as")).toContainText("chair iotops");
  });
});
