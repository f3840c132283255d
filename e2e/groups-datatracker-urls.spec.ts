import { expect, test, type Locator } from "@playwright/test";
import { expectNoSeriousViolations } from "./pages/axe";

test.describe("groups index", () => {
  test("lists every active IETF and IRTF group by area, IoT groups marked", async ({ page }) => {
    test.setTimeout(120_000); // a long page, and an axe check over it
    await page.goto("/groups");
    await expect(page.getByRole("heading", { level: 1, name: "Groups" })).toBeVisible();
    // The seed holds 145 active groups (checked exactly by groups.int.test.ts); the
    // Datatracker sync journey, which shares this server's database, may add or move some.
    const intro = page.getByText(
      /^Every active IETF working group and IRTF research group \(\d+\)/,
    );
    await expect(intro).toBeVisible();
    const shown = Number(/\((\d+)\)/.exec((await intro.textContent()) ?? "")?.[1]);
    expect(shown).toBeGreaterThanOrEqual(145);

    // A group's row is found by the link in its row header.
    const row = (scope: Locator, acronym: string) =>
      scope.getByRole("row").filter({
        has: page.getByRole("rowheader").getByRole("link", { name: acronym, exact: true }),
      });
    const wit = page.getByRole("region", { name: /Web and Internet Transport Area \(\d+\)/ });
    await expect(row(wit, "HTTPBIS").getByRole("rowheader")).not.toContainText("IoT");
    await expect(row(wit, "HTTPBIS")).toContainText("HTTP");
    // CORE is looked for on the whole page: the sync journey's fixture files it under ART.
    await expect(row(page.getByRole("main"), "CORE").getByRole("rowheader")).toContainText("IoT");

    const irtf = page.getByRole("region", { name: /Internet Research Task Force.*\(\d+\)/ });
    await expect(row(irtf, "T2TRG").getByRole("rowheader")).toContainText("IoT");

    const concluded = page.getByRole("region", { name: "Concluded groups" });
    const lpwan = row(concluded, "LPWAN");
    await expect(lpwan.getByRole("link", { name: "SCHC" })).toBeVisible();
    await expectNoSeriousViolations(page);

    await expect(lpwan.getByRole("link", { name: "LPWAN" })).toHaveAttribute(
      "href",
      "/groups/lpwan",
    );
    await page.goto("/groups/lpwan");
    await expect(page.getByRole("link", { name: "LPWAN on the IETF Datatracker" })).toHaveAttribute(
      "href",
      "https://datatracker.ietf.org/wg/lpwan/about/",
    );
  });
});

test.describe("Datatracker-shaped URLs", () => {
  for (const [path, target] of [
    ["/doc/draft-ietf-suit-manifest/", "/documents/draft-ietf-suit-manifest"],
    ["/doc/draft-ietf-suit-manifest/25/", "/documents/draft-ietf-suit-manifest"],
    ["/doc/draft-ietf-suit-manifest-34/", "/documents/draft-ietf-suit-manifest"],
    ["/group/suit/", "/groups/suit"],
    ["/group/suit/about/", "/groups/suit"],
    ["/wg/httpbis/", "/groups/httpbis"],
    ["/wg/HTTPBIS/documents/", "/groups/httpbis"],
    ["/meeting/109/", "/meetings/109"],
  ] as const) {
    test(`${path} redirects to ${target}`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      expect(new URL(page.url()).pathname).toBe(target);
    });
  }

  for (const path of [
    "/doc/draft-nobody-not-tracked/",
    "/doc/not-a-draft-name/",
    "/doc/rfc999999/",
    "/doc/draft-ietf-suit-manifest/xx/",
    "/group/nosuchgroup/",
    "/wg/nosuchgroup/about/",
    "/meeting/0/",
    "/meeting/99999/",
  ]) {
    test(`${path} is a clear 404`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(
        /Page not found|Document not tracked here/,
      );
    });
  }

  test("an untracked document's 404 points to the Datatracker", async ({ page }) => {
    await page.goto("/doc/draft-nobody-not-tracked/");
    await expect(page.getByRole("heading", { name: "Document not tracked here" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Search the IETF Datatracker" })).toHaveAttribute(
      "href",
      "https://datatracker.ietf.org/doc/search",
    );
  });
});
