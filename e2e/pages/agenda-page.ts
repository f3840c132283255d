import { expect, type Locator, type Page } from "@playwright/test";

/** A session's agenda, /meetings/<number>/sessions/<id>, with the chairs' editor. */
export class AgendaPage {
  readonly heading: Locator;
  /** The public list of items ("Items" section). */
  readonly items: Locator;
  /** The chairs' "Build the agenda" section; absent for people who may not manage it. */
  readonly editor: Locator;
  /** The editor's "Add an item" form. */
  readonly addForm: Locator;
  readonly publishButton: Locator;
  readonly markdownLink: Locator;
  readonly textLink: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.items = page.getByRole("list", { name: "Agenda items" });
    this.editor = page.getByRole("region", { name: "Build the agenda" });
    this.addForm = this.editor.getByRole("form", { name: "Add an item" });
    this.publishButton = this.editor.getByRole("button", { name: /^Publish the agenda/ });
    this.markdownLink = page.getByRole("link", { name: "Markdown", exact: true });
    this.textLink = page.getByRole("link", { name: "plain text", exact: true });
  }

  /** Open it from /meetings: the meeting, then the group's session. */
  async openFromMeetings(meetingNumber: number, group: string) {
    await this.page.goto("/meetings");
    await this.page
      .getByRole("table", { name: "Meetings" })
      .getByRole("link", { name: `IETF ${meetingNumber}`, exact: true })
      .click();
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(`IETF ${meetingNumber}`);
    await this.page
      .getByRole("region", { name: "Sessions" })
      .getByRole("link", { name: new RegExp(`\\(${group.toUpperCase()}\\)$`) })
      .click();
    await expect(this.heading).toContainText(`(${group.toUpperCase()}) agenda`);
  }

  /** An item in the public list, by issue id. */
  item(issueId: number): Locator {
    return this.items
      .getByRole("listitem")
      .filter({ has: this.page.getByRole("link", { name: new RegExp(`^#${issueId} `) }) });
  }

  /** The issue ids in the public list, in agenda order. */
  async order(): Promise<number[]> {
    const texts = await this.items.getByRole("link").allInnerTexts();
    return texts.map((t) => Number(/^#(\d+) /.exec(t.trim())?.[1] ?? NaN));
  }

  /** The editor's status line after an action, e.g. "Moved." */
  status(text: string): Locator {
    return this.editor.getByText(text, { exact: true });
  }

  /** Put an issue in discussion on the agenda through the "Add an item" form. */
  async add(issueId: number, title: string, presenter: string, minutes: number) {
    await this.addForm
      .getByLabel("Issue in discussion")
      .selectOption({ label: `#${issueId} ${title}` });
    await this.addForm.getByLabel("Presenter").fill(presenter);
    await this.addForm.getByLabel("Minutes requested").fill(String(minutes));
    await this.addForm.getByRole("button", { name: "Add to agenda" }).click();
    await expect(this.status("Added to the agenda.")).toBeVisible();
    await expect(this.item(issueId)).toBeVisible();
  }

  moveButton(issueId: number, direction: "up" | "down"): Locator {
    return this.editor.getByRole("button", { name: `Move #${issueId} ${direction}`, exact: true });
  }

  /** Move an item one place and wait until the public list shows the new order. */
  async move(issueId: number, direction: "up" | "down") {
    const before = await this.order();
    const at = before.indexOf(issueId);
    const to = direction === "up" ? at - 1 : at + 1;
    expect(to >= 0 && to < before.length, `#${issueId} can move ${direction}`).toBe(true);
    const after = [...before];
    [after[at], after[to]] = [after[to]!, after[at]!];
    await this.moveButton(issueId, direction).click();
    await expect.poll(() => this.order()).toEqual(after);
  }

  /** The minutes form of one item in the editor. */
  minutesForm(issueId: number): Locator {
    return this.editor.getByRole("form", { name: `Minutes for #${issueId}`, exact: true });
  }
}
