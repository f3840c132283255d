import { expect, type Locator, type Page } from "@playwright/test";

/** The header's "Notifications, N unread" link. */
export function notificationsLink(page: Page): Locator {
  return page.getByRole("link", { name: /^Notifications, \d+ unread$/ });
}

/** The unread count the header announces. */
export async function unreadInHeader(page: Page): Promise<number> {
  const name = await notificationsLink(page).getAttribute("aria-label");
  const m = /^Notifications, (\d+) unread$/.exec(name ?? "");
  expect(m, `header link "${name}"`).not.toBeNull();
  return Number(m![1]);
}

/** /notifications. */
export class NotificationsPage {
  readonly list: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByRole("list", { name: "Notifications" });
  }

  async goto() {
    await this.page.goto("/notifications");
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText("Notifications");
  }

  /** Notifications about an issue (subjects name it as "#<id> <title>"). */
  aboutIssue(issueId: number): Locator {
    return this.list
      .getByRole("listitem")
      .filter({ has: this.page.getByRole("link", { name: new RegExp(`(^|\\s)#${issueId}\\s`) }) });
  }
}

/** /settings: the e-mail preference and what the person watches. */
export class SettingsPage {
  readonly watches: Locator;

  constructor(readonly page: Page) {
    this.watches = page.getByRole("table", { name: "Watched items" });
  }

  async goto() {
    await this.page.goto("/settings");
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText("Settings");
  }

  /** The row of a watched issue. */
  issueRow(issueId: number): Locator {
    return this.watches.getByRole("row").filter({
      has: this.page.getByRole("link", { name: `Issue #${issueId}`, exact: true }),
    });
  }
}
