import { expect, signInAs, signOut, test, uniqueEmail, signUp } from "./fixtures/personas";
import { confirmEmail } from "./fixtures/confirm-email";
import { expectNoSeriousViolations } from "./pages/axe";
import { trpcErrorOf } from "./pages/trpc";

test.describe("accounts", () => {
  test("sign up, sign out, sign in again", async ({ page }, info) => {
    const email = uniqueEmail("newcomer", info.workerIndex);
    await signUp(page, { name: "Nina Newcomer", email, password: "a-long-password-1" });
    await signOut(page);
    await signInAs(page, { email, password: "a-long-password-1" });
    await expect(page.getByLabel("Signed in as")).toContainText("Nina Newcomer");
  });

  test("sign-up shows field errors and keeps what was typed", async ({ page }) => {
    await page.goto("/signup");
    await page.getByLabel("Name").fill("Bo");
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Enter a valid email address.")).toBeVisible();
    await expect(page.getByText("Use at least 10 characters for the password.")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue("not-an-email");
  });

  test("a wrong password gets a clear message", async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("Email").fill("contributor@example.org");
    await page.getByLabel("Password").fill("definitely-wrong");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "Wrong email or password." }),
    ).toBeVisible();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  });
});

test.describe("anonymous visitors", () => {
  test("see the group pages but not the secretariat page", async ({ page, request }) => {
    await page.goto("/groups");
    await page.getByRole("link", { name: "SUIT" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("SUIT");
    await expect(
      page.getByRole("heading", { name: "IOTOPS charter items it relates to" }),
    ).toBeVisible();

    await page.goto("/admin/roles");
    await expect(page).toHaveURL(/\/signin/);

    const res = await request.get("/api/trpc/role.list");
    expect(res.status()).toBe(401);
    const grant = await request.post("/api/trpc/role.grant", {
      data: { json: { email: "contributor@example.org", role: "chair", group: "iotops" } },
    });
    expect(grant.status()).toBe(401);
  });

  test("unknown routes give the 404 page", async ({ page }) => {
    const res = await page.goto("/no/such/page");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });

  test("malformed tRPC input gets a 400 with field messages", async ({ request }) => {
    const res = await request.post("/api/trpc/account.signUp", { data: { json: { name: 5 } } });
    expect(res.status()).toBe(400);
    const { data } = trpcErrorOf(await res.json());
    expect(Object.keys(data.fieldErrors ?? {})).toEqual(
      expect.arrayContaining(["name", "email", "password"]),
    );
  });
});

test.describe("secretariat", () => {
  test("grants a chair role and the new chair sees it", async ({ page, browser }, info) => {
    const email = uniqueEmail("future-chair", info.workerIndex);
    const other = await browser.newPage();
    await signUp(other, { name: "Fran Future", email, password: "a-long-password-2" });
    await expect(other.getByRole("link", { name: "Triage" })).toHaveCount(0);
    // Roles are granted by e-mail to confirmed addresses only.
    await confirmEmail(other, email);

    await signInAs(page, "secretariat");
    await page.getByRole("link", { name: "Roles" }).click();
    await page.getByLabel("Person's email").fill(email);
    await page.getByLabel("Role", { exact: true }).selectOption("chair");
    await page.getByLabel("Group or area").fill("iotops");
    await page.getByRole("button", { name: "Grant role" }).click();
    await expect(page.getByText("Role granted.")).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: email })).toContainText("iotops");

    await other.reload();
    await expect(other.getByLabel("Signed in as")).toContainText("chair iotops");
    await expect(other.getByRole("link", { name: "Triage" })).toBeVisible();
    await other.close();
  });

  test("a contributor is refused the secretariat page", async ({ page }) => {
    await signInAs(page, "contributor");
    await page.goto("/admin/roles");
    await expect(page.getByRole("heading", { name: "Not available to you" })).toBeVisible();
  });
});

test.describe("accessibility", () => {
  for (const path of ["/", "/groups", "/groups/iotops", "/signin", "/signup"]) {
    test(`no serious axe violations on ${path}`, async ({ page }) => {
      await page.goto(path);
      await expectNoSeriousViolations(page);
    });
  }
});
