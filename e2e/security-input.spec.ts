import { expect, signInAs, test } from "./fixtures/personas";

/** Page routes with malformed params: each must answer without a server error. */
const MALFORMED = [
  `/issues?q=${"x".repeat(201)}`,
  "/issues?cursor=garbage",
  "/issues?state=nope&sort=sideways",
  "/issues?q=a%00b",
  "/documents?offset=999999999",
  "/documents?group=Foo%20Bar",
  "/documents/a%00b",
  "/documents/%E0%A4%A",
  "/issues/%C0%AF",
  "/issues/0",
  "/issues/2147483648",
  "/issues/99999999999/edit",
  "/groups/Foo%20Bar",
  "/meetings/0",
  "/meetings/131/sessions/2147483648",
  "/meetings/131/sessions/0/agenda.md",
  "/feeds/issues/0",
  "/report?from=2026-12-31&to=2026-01-01",
  "/report?from=not-a-date",
  "/report?from=2020-02-31",
];

test.describe("malformed page params", () => {
  test("no page answers 5xx, signed out", async ({ request }) => {
    for (const path of MALFORMED) {
      const res = await request.get(path);
      expect(res.status(), path).toBeLessThan(500);
    }
  });

  test("no page answers 5xx for an IOTOPS chair, triage included", async ({ page }) => {
    await signInAs(page, "chair");
    for (const path of [
      ...MALFORMED,
      "/triage?group=Foo%20Bar",
      "/triage?chair=x&minAge=-4&cursor=zz",
    ]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBeLessThan(500);
    }
    await page.goto("/triage?group=Foo%20Bar");
    await expect(page.getByRole("status").filter({ hasText: "not understood" })).toContainText(
      "Give a group acronym",
    );
  });

  test("the report explains bad dates in plain English", async ({ page }) => {
    await page.goto("/report?from=2026-12-31&to=2026-01-01");
    const alert = page.getByRole("alert").filter({ hasText: "Showing the last twelve months" });
    await expect(alert).toContainText(
      "The start date (2026-12-31) is after the end date (2026-01-01).",
    );
    await expect(alert).not.toContainText('"code"');
    await page.goto("/report?from=not-a-date");
    const again = page.getByRole("alert").filter({ hasText: "Showing the last twelve months" });
    await expect(again).toContainText("The start date must be a date written YYYY-MM-DD");
    await expect(again).not.toContainText("\\d{4}");
  });

  test("a search that is too long is named, not a server error", async ({ page }) => {
    const res = await page.goto(`/issues?q=${"x".repeat(201)}`);
    expect(res?.status()).toBe(200);
    await expect(page.getByRole("status").filter({ hasText: "not understood" })).toContainText(
      "Keep the search under 200 characters.",
    );
  });
});
