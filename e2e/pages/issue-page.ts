import { expect, type Locator, type Page } from "@playwright/test";

/** An issue page, /issues/<id>. */
export class IssuePage {
  readonly heading: Locator;
  readonly article: Locator;
  /** The "Actions" card; absent when the viewer may do nothing. */
  readonly actions: Locator;
  readonly history: Locator;
  readonly discussion: Locator;
  readonly problemStatement: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.article = page.getByRole("article");
    this.actions = page.getByRole("region", { name: "Actions" });
    this.history = page.getByRole("list", { name: "History" });
    this.discussion = page.getByRole("region", { name: "Discussion" });
    this.problemStatement = page.getByRole("region", { name: "Problem statement" });
  }

  async goto(id: number) {
    await this.page.goto(`/issues/${id}`);
    await expect(this.heading).toContainText(`#${id} `);
  }

  /** The state badge in the header, by its label (e.g. "AD review"). */
  state(label: string): Locator {
    // The badge reads "State: <label>" to assistive technology.
    return this.article.getByText(`State: ${label}`, { exact: true }).first();
  }

  /** A toggle button in the Actions card, e.g. "Record recommendation". */
  action(name: string): Locator {
    return this.actions.getByRole("button", { name, exact: true });
  }

  /** Expand an Actions panel and return it (found through the toggle's aria-controls). */
  async openAction(name: string): Promise<Locator> {
    const toggle = this.actions.getByRole("button", { name, exact: true, expanded: false });
    const panelId = await toggle.getAttribute("aria-controls");
    expect(panelId, `"${name}" controls a panel`).toBeTruthy();
    await toggle.click();
    const panel = this.page.locator(`[id="${panelId}"]`);
    await expect(panel).toBeVisible();
    return panel;
  }

  /**
   * Wait for the "<label>: done." status the Actions card shows after a command,
   * and check that the focus moved to it.
   */
  async expectDone(label: string) {
    const status = this.actions.getByRole("status").filter({ hasText: `${label}: done.` });
    await expect(status).toBeVisible();
    await expect(status).toBeFocused();
  }

  /** Choose a group in a group combobox by typing part of its name. */
  async chooseGroup(scope: Locator, label: string, typed: string, option: RegExp) {
    const box = scope.getByRole("combobox", { name: label });
    await box.fill(typed);
    await scope.page().getByRole("option", { name: option }).click();
  }
}
