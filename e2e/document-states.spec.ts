import { expect, test } from "./fixtures/personas";
import { openAs, signIn } from "./pages/session";

// The one spec that changes demo data: the WG state of draft-doe-iotops-sbom-discovery.
// It runs as a single test so nothing else depends on the order of its steps.

const DRAFT = "draft-doe-iotops-sbom-discovery";

test("an IOTOPS chair moves a draft to WG Last Call and the AD sees it in the pipeline", async ({
  page,
  browser,
}) => {
  await signIn(page, "chair");
  await page.goto(`/documents/${DRAFT}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(DRAFT);
  const history = page.getByRole("list", { name: "Document history" });
  const states = page.getByRole("region", { name: "States" });
  await expect(states).toContainText("Call For Adoption By WG Issued");

  const change = page.getByRole("form", { name: "Change IETF WG state" });
  const select = change.getByLabel("New IETF WG state");
  const submit = change.getByRole("button", { name: "Change IETF WG state" });

  await select.selectOption({ label: "WG Document" });
  await change.getByLabel("Comment (optional)").fill("Adopted at IETF 125.");
  await submit.click();
  await expect(page.getByText("State changed.")).toBeVisible();
  await expect(history).toContainText(
    "WG state changed from Call For Adoption By WG Issued to WG Document: Adopted at IETF 125.",
  );
  await expect(states).toContainText("WG Document");

  // The form now offers the states that follow "WG Document", and was reset after the change.
  await expect(change.getByLabel("Comment (optional)")).toHaveValue("");
  await select.selectOption({ label: "In WG Last Call" });
  await submit.click();
  await expect(states).toContainText("In WG Last Call");
  await expect(
    history.getByRole("listitem").filter({ hasText: "from WG Document to In WG Last Call" }),
  ).toHaveText(/WG state changed from WG Document to In WG Last Call$/);
  // The import set the first WG state; the chair's two changes follow it.
  await expect(history.getByRole("listitem").filter({ hasText: "WG state changed" })).toHaveCount(
    3,
  );
  // After a reload the history still shows both steps.
  await page.reload();
  await expect(history).toContainText("to WG Document");
  await expect(history).toContainText("to In WG Last Call");

  // The OPS AD sees it in the document pipeline on /review.
  const ad = await openAs(browser, "ad", "/review");
  const pipeline = ad.getByRole("table", { name: "Document pipeline" });
  const row = pipeline
    .getByRole("row")
    .filter({ has: ad.getByRole("link", { name: new RegExp(DRAFT) }) });
  await expect(row).toBeVisible();
  await expect(row).toContainText("IOTOPS");
  await expect(row).toContainText("In WG Last Call");
  await expect(row).toContainText("WG Last Call or later");
  await ad.context().close();
});
