import type { APIResponse } from "@playwright/test";
import { XMLParser } from "fast-xml-parser";
import { expect, test } from "./fixtures/personas";
import { pageAs } from "./pages/session";
import { api, applyViaApi } from "./pages/trpc";
import {
  PAYLOADS,
  RUN,
  dangerousElements,
  docName,
  expectNoRawPayload,
  label,
  stored,
  titleOf,
  viewer,
  visitClean,
} from "./pages/xss-detector";

/**
 * Stored XSS (docs/security.md): text that contributors and chairs write is shown
 * to others as text, never run. Each payload calls `__xss(<n>)` or `alert(<n>)`
 * if it ever executes; the pages are opened in Chromium with the CSP bypassed, so
 * the escaping and sanitising are tested on their own (the CSP is the second
 * layer, tested in security-http.spec.ts), and every hit is recorded.
 */

test.describe.configure({ mode: "serial" });

test.describe("the XSS detector", () => {
  test("is live: a payload run in the page, an injected handler and a dialog are all recorded", async ({
    browser,
  }) => {
    const { page, hits } = await viewer(browser, null);
    await visitClean(page, hits, "/");
    await page.evaluate(() => window.__xss?.(-1));
    await page.evaluate(() =>
      document.body.insertAdjacentHTML("beforeend", `<img src="/no-such" onerror="__xss(-2)">`),
    );
    await page.evaluate(() => alert(-3));
    await expect.poll(() => hits.length).toBe(3);
    expect(hits.join("\n")).toContain("__xss(-1)");
    expect(hits.join("\n")).toContain("__xss(-2)");
    expect(hits.join("\n")).toContain("alert(-3)");
    // The DOM scan sees what a sanitiser should have removed.
    await page.evaluate(() =>
      document.body.insertAdjacentHTML("beforeend", `<a href="javascript:__xss(-4)">x</a>`),
    );
    expect(await dangerousElements(page)).toEqual(
      expect.arrayContaining([expect.stringMatching(/onerror="__xss\(-2\)"/)]),
    );
    expect(await dangerousElements(page)).toEqual(
      expect.arrayContaining([expect.stringMatching(/href="javascript:__xss\(-4\)"/)]),
    );
    expectNoRawPayload("&lt;script&gt;__xss(0)&lt;/script&gt;", "escaped text");
    expect(() => expectNoRawPayload(`<img src=x onerror="__xss(1)">`, "raw")).toThrow();
    await page.context().close();
  });
});

test.describe("stored payloads are shown as text", () => {
  /** Issue id per payload. */
  const ids: number[] = [];
  let sessionId = 0;
  let acronym = "";

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(120_000);
    // A contributor files one issue per payload, with the payload in every text
    // field, links the SUIT manifest draft (so the document page lists it) and comments on it.
    const contributor = await pageAs(browser, "contributor");
    const client = api(contributor);
    for (const [n, p] of PAYLOADS.entries()) {
      const text = `${label(n)} ${p}`;
      const { id } = await client.issue.file.mutate({
        title: titleOf(n),
        problemStatement: text,
        desiredOutcome: text,
        overlapNotes: text,
        networkType: titleOf(n),
        interestedPeople: text,
        implementers: text,
        relatedDocuments: "draft-ietf-suit-manifest",
      });
      ids.push(id);
      await client.issue.comment.mutate({ issueId: id, body: text });
    }
    // The autosaved draft holds them too.
    await client.issue.saveDraft.mutate({
      title: titleOf(1),
      problemStatement: PAYLOADS.join("\n\n"),
      networkType: titleOf(15),
      desiredOutcome: titleOf(4),
    });
    await contributor.context().close();

    // The IOTOPS chair starts discussion of each and puts it on the IETF 999
    // session's agenda with the payload as the presenter.
    const chair = await pageAs(browser, "chair");
    const chairApi = api(chair);
    const meeting = await chairApi.meeting.get.query({ number: 999 });
    const session = meeting.sessions.find((s) => s.group === "iotops");
    expect(session, "IETF 999 has an IOTOPS session").toBeTruthy();
    sessionId = session!.id;
    acronym = session!.group;
    for (const [n, id] of ids.entries()) {
      await applyViaApi(chair, id, { type: "start-discussion" });
      const { version } = await chairApi.meeting.agenda.query({ sessionId });
      await chairApi.meeting.changeAgenda.mutate({
        sessionId,
        expectedVersion: version,
        op: "add",
        issueId: id,
        presenter: titleOf(n).slice(0, 200),
        minutesRequested: 5,
      });
    }
    await chair.context().close();

    // The secretariat imports one draft per payload, with it in the title and abstract.
    const secretariat = await pageAs(browser, "secretariat");
    const report = await api(secretariat).document.import.mutate({
      text: JSON.stringify({
        meta: { limit: 50, next: null, offset: 0, previous: null, total_count: PAYLOADS.length },
        objects: PAYLOADS.map((p, n) => ({
          name: docName(n),
          rev: "00",
          title: titleOf(n),
          abstract: `${label(n)} ${p}`,
          type: "/api/v1/name/doctypename/draft/",
          stream: "/api/v1/name/streamname/ietf/",
          group: { acronym: "iotops" },
          states: ["/api/v1/doc/state/1/"],
          intended_std_level: null,
          resource_uri: `/api/v1/doc/document/${docName(n)}/`,
        })),
      }),
    });
    expect(report.created, JSON.stringify(report)).toBe(PAYLOADS.length);
    await secretariat.context().close();
  });

  test.afterAll(async ({ browser }) => {
    // Take the items off the shared demo agenda again, and drop the draft.
    const chair = await pageAs(browser, "chair");
    const chairApi = api(chair);
    const agenda = await chairApi.meeting.agenda.query({ sessionId });
    for (const item of agenda.items.filter((i) => ids.includes(i.issueId))) {
      const { version } = await chairApi.meeting.agenda.query({ sessionId });
      await chairApi.meeting.changeAgenda.mutate({
        sessionId,
        expectedVersion: version,
        op: "remove",
        itemId: item.id,
      });
    }
    await chair.context().close();
    const contributor = await pageAs(browser, "contributor");
    await api(contributor).issue.discardDraft.mutate();
    await contributor.context().close();
  });

  test("issue pages: title, every field and the comment, signed out and as the chair", async ({
    browser,
  }) => {
    // 2 × 24 pages, each left to settle (network idle) before the DOM is scanned.
    test.setTimeout(240_000);
    for (const who of [null, "chair"] as const) {
      const { page, hits } = await viewer(browser, who);
      for (const [n, id] of ids.entries()) {
        await visitClean(page, hits, `/issues/${id}`);
        // The title is plain text: all of it is shown, escaped.
        await expect(page.getByRole("heading", { level: 1 })).toContainText(stored(titleOf(n)));
        const problem = page.getByRole("region", { name: "Problem statement" });
        await expect(problem).toContainText(label(n));
        await expect(problem).toContainText(stored(titleOf(n))); // network type, as text
        await expect(page.getByRole("region", { name: "Discussion" })).toContainText(label(n));
        // Bidi controls were removed on input, so nothing on the page is reordered.
        expect(await page.locator("body").innerText()).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
        // No link a payload made points at a script URL.
        for (const href of await page
          .getByRole("link")
          .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? "")))
          expect(href).not.toMatch(/^\s*(javascript|data|vbscript):/i);
        const html = await (await page.request.get(`/issues/${id}`)).text();
        expectNoRawPayload(html, `the HTML of /issues/${id}`);
      }
      await page.context().close();
    }
  });

  test("lists: issues, triage, report, home, notifications and the document page", async ({
    browser,
  }) => {
    test.slow(); // a search per payload
    const { page, hits } = await viewer(browser, "chair");
    await visitClean(page, hits, "/issues");
    await expect(page.getByText(stored(titleOf(ids.length - 1))).first()).toBeVisible();
    for (const [n] of ids.entries()) {
      await visitClean(page, hits, `/issues?q=${encodeURIComponent(`Payload ${n} ${RUN}`)}`);
      await expect(page.getByText(stored(titleOf(n))).first()).toBeVisible();
    }
    await visitClean(page, hits, "/triage?state=in-discussion");
    await expect(page.getByText(stored(titleOf(ids.length - 1))).first()).toBeVisible();
    for (const path of ["/triage", "/report", "/", "/notifications", "/review", "/meetings"])
      await visitClean(page, hits, path);
    await visitClean(page, hits, "/documents/draft-ietf-suit-manifest");
    const issues = page.getByRole("region", { name: "Dispatch issues" });
    for (const n of ids.keys()) await expect(issues).toContainText(stored(titleOf(n)));
    await visitClean(page, hits, `/groups/${acronym}`);
    await page.context().close();
  });

  test("notifications: the submitter and the OPS AD see the titles as text", async ({
    browser,
  }) => {
    // The submitter and the area's AD watch a new issue; the chair's start of
    // discussion and the comments notify them.
    for (const who of ["contributor", "ad"] as const) {
      const { page, hits } = await viewer(browser, who);
      await visitClean(page, hits, "/notifications");
      await expect(page.getByText(stored(titleOf(ids.length - 1))).first()).toBeVisible();
      await visitClean(page, hits, "/");
      await page.context().close();
    }
  });

  test("document pages and the documents list show imported titles and abstracts as text", async ({
    browser,
  }) => {
    test.slow(); // a page and a search per payload
    const { page, hits } = await viewer(browser, null);
    for (const n of PAYLOADS.keys()) {
      await visitClean(page, hits, `/documents/${docName(n)}`);
      await expect(page.getByRole("heading", { level: 1 })).toContainText(docName(n));
      await expect(page.getByText(stored(titleOf(n))).first()).toBeVisible();
      await expect(page.getByRole("region", { name: "Abstract" })).toContainText(label(n));
      await expect(page.getByRole("region", { name: "Abstract" })).toContainText(
        stored(PAYLOADS[n]!).split("\n")[0]!,
      );
    }
    await visitClean(page, hits, `/documents?q=${encodeURIComponent(`draft-xss-${RUN}`)}`);
    await expect(page.getByText(stored(titleOf(PAYLOADS.length - 1))).first()).toBeVisible();
    await visitClean(page, hits, "/groups/iotops");
    await page.context().close();
  });

  test("the agenda page shows titles and presenters as text", async ({ browser }) => {
    for (const who of [null, "chair"] as const) {
      const { page, hits } = await viewer(browser, who);
      await visitClean(page, hits, `/meetings/999/sessions/${sessionId}`);
      const items = page.getByRole("list", { name: "Agenda items" });
      for (const n of ids.keys()) await expect(items).toContainText(stored(titleOf(n)));
      const html = await (await page.request.get(`/meetings/999/sessions/${sessionId}`)).text();
      expectNoRawPayload(html, "the agenda page's HTML");
      await page.context().close();
    }
  });

  test("the draft is restored into the form as values, and nothing runs", async ({ browser }) => {
    const { page, hits } = await viewer(browser, "contributor");
    await visitClean(page, hits, "/issues/new");
    const form = page.getByRole("form", { name: "New issue" });
    await expect(form.getByLabel("Title", { exact: true })).toHaveValue(stored(titleOf(1)));
    await expect(form.getByLabel("Problem statement", { exact: true })).toHaveValue(
      stored(PAYLOADS.join("\n\n")),
    );
    await expect(form.getByLabel("Network type", { exact: true })).toHaveValue(titleOf(15));
    // The guidance panel reads the problem statement too; give it time to answer.
    await page.waitForLoadState("networkidle");
    expect(await dangerousElements(page)).toEqual([]);
    expect(hits).toEqual([]);
    await page.context().close();
  });

  test("feeds and agenda exports: right content types, payloads escaped", async ({ request }) => {
    const parser = new XMLParser({ ignoreAttributes: false, processEntities: true });
    const checkFeed = async (res: APIResponse, what: string, expectLabels: number[]) => {
      expect(res.status(), what).toBe(200);
      expect(res.headers()["content-type"], what).toBe("application/atom+xml; charset=utf-8");
      expect(res.headers()["x-content-type-options"], what).toBe("nosniff");
      const xml = await res.text();
      expectNoRawPayload(xml, what);
      // Titles and summaries are HTML (escaped text): decoded once, still no tags.
      const entries = ([] as unknown[]).concat(
        (parser.parse(xml) as { feed: { entry?: unknown } }).feed.entry ?? [],
      );
      const html = entries
        .flatMap((e) => Object.values(e as Record<string, unknown>))
        .map((v) => (typeof v === "object" && v && "#text" in v ? String(v["#text"]) : String(v)))
        .join("\n");
      expectNoRawPayload(html, `${what}, decoded`);
      for (const n of expectLabels) expect(html, what).toContain(label(n));
    };
    for (const [n, id] of ids.entries())
      await checkFeed(await request.get(`/feeds/issues/${id}`), `/feeds/issues/${id}`, [n]);
    await checkFeed(await request.get(`/feeds/groups/${acronym}`), `/feeds/groups/${acronym}`, [
      ids.length - 1,
    ]);

    const base = `/meetings/999/sessions/${sessionId}`;
    const md = await request.get(`${base}/agenda.md`);
    expect(md.headers()["content-type"]).toBe("text/markdown; charset=utf-8");
    const mdText = await md.text();
    // Markdown: < and > are entities, so a Markdown renderer shows them as text.
    expectNoRawPayload(mdText, "agenda.md");
    expect(mdText).not.toMatch(/<[a-z]/i);
    // Brackets are escaped, so no link (with a script URL or any other) can be formed.
    expect(mdText).not.toMatch(/(?<!\\)\]\(\s*(javascript|data):/i);
    for (const n of ids.keys()) expect(mdText).toContain(`Payload ${n} ${RUN}:`);
    const txt = await request.get(`${base}/agenda.txt`);
    expect(txt.headers()["content-type"]).toBe("text/plain; charset=utf-8");
    expect(txt.headers()["x-content-type-options"]).toBe("nosniff");
    const txtText = await txt.text();
    // Plain text is served as text/plain with nosniff: the payload is there verbatim.
    for (const n of ids.keys()) expect(txtText).toContain(stored(titleOf(n)).slice(0, 60));
  });

  test("a chair's information request is shown to the submitter as text", async ({ browser }) => {
    test.slow(); // a page per payload
    const chair = await pageAs(browser, "chair");
    for (const [n, id] of ids.entries())
      await applyViaApi(chair, id, { type: "request-info", message: `${label(n)} ${PAYLOADS[n]}` });
    await chair.context().close();
    const { page, hits } = await viewer(browser, "contributor");
    for (const [n, id] of ids.entries()) {
      await visitClean(page, hits, `/issues/${id}`);
      const request = page
        .getByRole("region")
        .filter({ hasText: "The chairs asked for more information" });
      await expect(request).toContainText(stored(`${label(n)} ${PAYLOADS[n]}`));
    }
    await page.context().close();
  });
});
