import type { APIResponse, Page } from "@playwright/test";
import { expect, signInAs, test } from "./fixtures/personas";
import { trpcMutation } from "./pages/trpc";

/**
 * The HTTP layer against the production server (docs/security.md, "HTTP layer"):
 * security headers and the CSP, CSRF, JSON-only tRPC. Size limits, redirects and
 * forwarded headers are in security-requests.spec.ts.
 */

const REQUIRED = {
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "cross-origin-opener-policy": "same-origin",
} as const;

function expectSecurityHeaders(res: APIResponse, what: string) {
  const h = res.headers();
  for (const [name, value] of Object.entries(REQUIRED))
    expect(h[name], `${what}: ${name}`).toBe(value);
  expect(h["permissions-policy"], `${what}: permissions-policy`).toContain("camera=()");
  expect(h["content-security-policy"], `${what}: CSP`).toContain("frame-ancestors 'none'");
  expect(h["content-security-policy"], `${what}: CSP`).toContain("object-src 'none'");
  expect(h["content-security-policy"], `${what}: CSP`).not.toContain("unsafe-eval");
  // Served over plain http here: no HSTS.
  expect(h["strict-transport-security"], `${what}: HSTS`).toBeUndefined();
}

/** The nonce of a response's CSP, or null. */
function cspNonce(res: APIResponse): string | null {
  return /'nonce-([^']+)'/.exec(res.headers()["content-security-policy"] ?? "")?.[1] ?? null;
}

/** A page served by a site of the attacker's choosing (intercepted, so no server is needed). */
async function servePage(page: Page, url: string, html: string) {
  await page.route(url, (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: html }),
  );
}

/** Records CSP violations in the page from before any of its scripts runs. */
async function recordCspViolations(page: Page) {
  await page.addInitScript(() => {
    const violations: string[] = [];
    window.__csp = violations;
    document.addEventListener("securitypolicyviolation", (e) =>
      violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
}
const cspViolations = (page: Page) => page.evaluate(() => window.__csp);

test.describe("security headers", () => {
  test("every response carries them: pages, errors, API, feeds and static files", async ({
    request,
  }) => {
    const home = await request.get("/");
    const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(await home.text())?.[1];
    expect(script, "a script of the home page").toBeTruthy();
    const targets: [string, () => Promise<APIResponse>, number][] = [
      ["home page", () => request.get("/"), 200],
      ["issue list", () => request.get("/issues"), 200],
      ["sign-in page", () => request.get("/signin"), 200],
      ["unknown page (404)", () => request.get("/no-such-page"), 404],
      ["health API", () => request.get("/api/health"), 200],
      ["tRPC query", () => request.get("/api/trpc/group.list"), 200],
      ["unknown tRPC procedure (404)", () => request.get("/api/trpc/nope.nothing"), 404],
      ["Auth.js session", () => request.get("/api/auth/session"), 200],
      ["static script", () => request.get(script!), 200],
      [
        "refused mutation (403)",
        () =>
          request.post("/api/trpc/issue.discardDraft", {
            headers: { origin: "http://evil.example" },
            data: {},
          }),
        403,
      ],
      [
        "too large (413)",
        () =>
          request.post("/api/trpc/issue.saveDraft", {
            data: "x".repeat(2 * 1024 * 1024),
            headers: { "content-type": "application/json" },
          }),
        413,
      ],
    ];
    for (const [what, send, status] of targets) {
      const res = await send();
      expect(res.status(), what).toBe(status);
      expectSecurityHeaders(res, what);
    }
  });

  test("pages get a fresh CSP nonce that Next.js puts on its scripts", async ({ request }) => {
    const a = await request.get("/signin");
    const b = await request.get("/signin");
    const nonce = cspNonce(a);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(cspNonce(b)).not.toBe(nonce);
    const csp = a.headers()["content-security-policy"]!;
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    const html = await a.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  test("a client claiming https through X-Forwarded-Proto gets no HSTS (the proxy is not trusted)", async ({
    request,
  }) => {
    const res = await request.get("/", { headers: { "x-forwarded-proto": "https" } });
    expect(res.headers()["strict-transport-security"]).toBeUndefined();
  });

  test("the app works under the CSP, and an injected inline handler does not run", async ({
    page,
  }) => {
    test.slow(); // several pages, each rendered on demand
    await recordCspViolations(page);
    // Signing in runs Next.js's scripts, Auth.js's client and a tRPC query.
    await signInAs(page, "contributor");
    for (const path of ["/issues/new", "/report"]) {
      await page.goto(path);
      await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
    }
    // A client-side navigation and a stylesheet from the app itself.
    await page.getByRole("link", { name: "Issues", exact: true }).first().click();
    await expect(page).toHaveURL(/\/issues$/);
    expect(
      await page.evaluate(() => getComputedStyle(document.body).minHeight),
      "the Tailwind stylesheet applies",
    ).not.toBe("0px");
    expect(await cspViolations(page)).toEqual([]);

    // What an XSS would do: markup with an inline event handler.
    await page.evaluate(() =>
      document.body.insertAdjacentHTML(
        "beforeend",
        `<img src="/no-such-image" onerror="window.__pwned = true">`,
      ),
    );
    await expect
      .poll(() => cspViolations(page))
      .toContainEqual(expect.stringMatching(/^script-src/));
    expect(await page.evaluate(() => window.__pwned)).toBe(undefined);
  });

  test("a page of the app cannot be framed by another site", async ({ page, baseURL }) => {
    // A control: a page without these headers, which the same frame shows.
    await servePage(page, "http://127.0.0.1:10/plain", "<!doctype html><p>Plain page</p>");
    await servePage(
      page,
      "http://127.0.0.1:9/frame",
      `<!doctype html><title>Win a prize</title>
       <iframe name="app" src="${baseURL}/issues" width="800" height="400"></iframe>
       <iframe name="control" src="http://127.0.0.1:10/plain"></iframe>`,
    );
    // Served from another port of the same host: framing is refused by the app's headers alone.
    await page.goto("http://127.0.0.1:9/frame");
    const control = page.frame({ name: "control" })!;
    await expect(control.getByText("Plain page")).toBeVisible();
    expect(control.url()).toBe("http://127.0.0.1:10/plain");
    const app = page.frame({ name: "app" })!;
    // Chromium puts its error page in the frame instead of the app.
    await expect.poll(() => app.url()).toMatch(/^chrome-error:/);
    await expect(app.getByRole("link", { name: "Skip to content" })).toHaveCount(0);
  });
});

test.describe("CSRF and content types", () => {
  test("a same-site page on another port cannot discard a signed-in person's draft", async ({
    page,
    baseURL,
  }) => {
    await signInAs(page, "contributor");
    const saved = await trpcMutation(page, "issue.saveDraft", { title: "Draft kept safe" });
    expect(saved.status(), await saved.text()).toBe(200);

    // 127.0.0.1 on another port is the same site: SameSite=Lax cookies go along.
    const attacker = "http://127.0.0.1:9/attack";
    await servePage(
      page,
      attacker,
      `<!doctype html><form id="f" method="post" enctype="multipart/form-data" action="${baseURL}/api/trpc/issue.discardDraft"><input name="x" value="1"></form><script>document.getElementById("f").submit()</script>`,
    );
    const answer = page.waitForResponse((r) => r.url().includes("/api/trpc/issue.discardDraft"));
    await page.goto(attacker);
    const res = await answer;
    expect(res.status()).toBe(403);
    expect(await res.text()).toContain("came from another site");

    const draft = await page.request.get(
      `/api/trpc/issue.draft?input=${encodeURIComponent(JSON.stringify({ json: null }))}`,
    );
    expect(await draft.text()).toContain("Draft kept safe");
  });

  test("cross-origin and cross-site requests that change things are refused with 403", async ({
    request,
  }) => {
    const cases: Record<string, string>[] = [
      { origin: "http://evil.example" },
      { origin: "http://evil.example", "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      { origin: "null" },
    ];
    for (const headers of cases) {
      for (const path of ["/api/trpc/account.signUp", "/api/auth/signout", "/issues"]) {
        const res = await request.post(path, { headers, data: {} });
        expect(res.status(), `${path} with ${JSON.stringify(headers)}`).toBe(403);
      }
    }
  });

  test("tRPC mutations are JSON only: a form encoding is refused with 415", async ({
    request,
    baseURL,
  }) => {
    const origin = new URL(baseURL!).origin;
    const multipart = await request.post("/api/trpc/account.signUp", {
      headers: { origin },
      multipart: { name: "Mallory", email: "mallory@example.org", password: "a-long-password-1" },
    });
    expect(multipart.status()).toBe(415);
    const form = await request.post("/api/trpc/account.signUp", {
      headers: { origin },
      form: { name: "Mallory" },
    });
    expect(form.status()).toBe(415);
    const text = await request.post("/api/trpc/account.signUp", {
      headers: { origin, "content-type": "text/plain" },
      data: "{}",
    });
    expect(text.status()).toBe(415);
  });
});
