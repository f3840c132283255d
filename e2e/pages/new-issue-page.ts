import { expect, type Locator, type Page } from "@playwright/test";

/** The intake form at /issues/new. */
export class NewIssuePage {
  readonly form: Locator;
  readonly title: Locator;
  readonly problemStatement: Locator;
  readonly relatedDocuments: Locator;
  readonly networkType: Locator;
  readonly scale: Locator;
  /** The "Candidate venues" list in the "Where it might go" panel. */
  readonly venues: Locator;
  readonly submitButton: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole("form", { name: "New issue" });
    this.title = this.form.getByLabel("Title", { exact: true });
    this.problemStatement = this.form.getByLabel("Problem statement", { exact: true });
    this.relatedDocuments = this.form.getByLabel("Related Internet-Drafts and RFCs");
    this.networkType = this.form.getByLabel("Network type", { exact: true });
    this.scale = this.form.getByLabel("Scale", { exact: true });
    this.venues = page
      .getByRole("complementary", { name: "Guidance" })
      .getByRole("list", { name: "Candidate venues" });
    this.submitButton = this.form.getByRole("button", { name: "Submit issue" });
  }

  /**
   * Open the form once the saved draft has loaded. A draft restored from an
   * earlier (possibly failed) test is discarded.
   */
  async open() {
    await this.page.goto("/issues/new");
    await expect(this.form).toBeVisible();
    const discard = this.form.getByRole("button", { name: "Discard it" });
    if (await discard.isVisible()) {
      await discard.click();
      await expect(discard).toBeHidden();
      await expect(this.title).toHaveValue("");
    }
  }

  /** A candidate venue in the suggestions list, by its display name (e.g. "SUIT"). */
  venue(name: string): Locator {
    return this.venues
      .getByRole("listitem")
      .filter({ has: this.page.getByRole("link", { name, exact: true }) });
  }

  /**
   * Resolves once an autosave request whose body contains `fragment` (e.g. a typed
   * value) has been answered successfully. Call it before typing.
   */
  async draftSaveContaining(fragment: string): Promise<void> {
    const res = await this.page.waitForResponse(
      (r) =>
        r.url().includes("/api/trpc/issue.saveDraft") &&
        (r.request().postData() ?? "").includes(fragment),
    );
    expect(res.ok(), "the draft was saved").toBe(true);
  }

  async submit() {
    await this.submitButton.click();
  }
}
