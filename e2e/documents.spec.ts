import { writeFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/personas";
import { signIn, stamp } from "./pages/session";
import { api, refusal } from "./pages/trpc";

const DRAFT = "draft-doe-iotops-sbom-discovery";

async function documentVersion(page: Page): Promise<number> {
  return (await api(page).document.get.query({ name: DRAFT })).document.version;
}

/** Try to move the draft to "WG Document"; the signed-in person is not entitled to. */
function refusedMoveToWgDocument(page: Page, expectedVersion: number) {
  return refusal(
    api(page).document.transition.mutate({
      name: DRAFT,
      expectedVersion,
      stateType: "draft-stream-ietf",
      to: "wg-doc",
      comment: "",
    }),
  );
}

test.describe("document permissions", () => {
  test("a contributor cannot change a document's WG state", async ({ participantPage: page }) => {
    // A participant with no role and no authorship sees no "Change this document" card.
    await page.goto(`/documents/${DRAFT}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(DRAFT);
    await expect(page.getByRole("region", { name: "States" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Change this document" })).toHaveCount(0);
    await expect(page.getByLabel("New IETF WG state")).toHaveCount(0);
    const version = await documentVersion(page);
    expect((await refusedMoveToWgDocument(page, version)).status).toBe(403);

    // The demo contributor is a listed author of this draft (db/seed/demo.ts), so the card is
    // there, but it holds only "Post the next revision": no state, tag or replacement controls.
    await page.context().clearCookies();
    await signIn(page, "contributor");
    await page.goto(`/documents/${DRAFT}`);
    const card = page.getByRole("region", { name: "Change this document" });
    await expect(card.getByRole("button")).toHaveText(["Post the next revision"]);
    await expect(card.getByRole("form")).toHaveCount(0);
    await expect(page.getByLabel("New IETF WG state")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Change IETF WG state" })).toHaveCount(0);
    const res = await refusedMoveToWgDocument(page, version);
    expect(res.status).toBe(403);
    expect(res.message).toContain("Only the chairs of IOTOPS");
    expect(await documentVersion(page)).toBe(version);
  });
});

test.describe("importing documents", () => {
  test("the secretariat imports a Datatracker file, and importing it again changes nothing", async ({
    page,
  }, info) => {
    const id = stamp();
    const names = [`draft-e2e-${id}-alpha`, `draft-e2e-${id}-beta`];
    const file = info.outputPath("datatracker-page.json");
    await writeFile(
      file,
      JSON.stringify({
        meta: { limit: 20, next: null, offset: 0, previous: null, total_count: 2 },
        objects: names.map((name, i) => ({
          name,
          rev: "00",
          title: `End-to-end import test document ${i + 1}`,
          abstract: "Written by the end-to-end tests.",
          type: "/api/v1/name/doctypename/draft/",
          stream: "/api/v1/name/streamname/ietf/",
          group: { acronym: "iotops" },
          states: ["/api/v1/doc/state/1/"],
          intended_std_level: null,
          resource_uri: `/api/v1/doc/document/${name}/`,
        })),
      }),
    );

    await signIn(page, "secretariat");
    await page.goto("/issues");
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Import" })
      .click();
    await expect(page.getByRole("heading", { name: "Import documents" })).toBeVisible();
    const form = page.getByRole("form", { name: "Import file" });
    const result = page.getByRole("region", { name: "Import finished" });

    await form.getByLabel("File").setInputFiles(file);
    await form.getByRole("button", { name: "Import" }).click();
    await expect(result).toBeVisible();
    await expect(result).toContainText("Datatracker API");
    await expect(result.getByTestId("created")).toHaveText("2");
    await expect(result.getByTestId("unchanged")).toHaveText("0");

    // Again: nothing changes.
    await form.getByLabel("File").setInputFiles(file);
    await form.getByRole("button", { name: "Import" }).click();
    await expect(result.getByTestId("unchanged")).toHaveText("2");
    await expect(result.getByTestId("created")).toHaveText("0");
    await expect(result.getByTestId("updated")).toHaveText("0");

    // The imported drafts are on the documents list.
    await page.goto(`/documents?q=${encodeURIComponent(`draft-e2e-${id}`)}`);
    for (const name of names) {
      await expect(page.getByRole("link", { name: new RegExp(`^${name}`) })).toBeVisible();
    }
  });

  test("a malformed file is refused and nothing is imported", async ({ page }, info) => {
    const file = info.outputPath("broken.json");
    await writeFile(file, '{"meta": {"total_count": 1}, "objects": [ {"name": "draft-e2e-broken" ');
    await signIn(page, "secretariat");
    await page.goto("/admin/import");
    const form = page.getByRole("form", { name: "Import file" });
    await form.getByLabel("File").setInputFiles(file);
    await form.getByRole("button", { name: "Import" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "Nothing was imported." });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText("The import file was rejected");
    await expect(alert.getByRole("listitem")).toContainText(["invalid JSON"]);
    await expect(page.getByRole("region", { name: "Import finished" })).toHaveCount(0);
  });
});
