import { expect, test, type APIRequestContext } from "@playwright/test";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { expectNoSeriousViolations } from "./pages/axe";
import { openAs, stamp } from "./pages/session";

/** The demo's confidential issue (filed by the contributor, embargoed). */
const CONFIDENTIAL_TITLE = "Hard-coded maintenance password";

type OpenApi = {
  components: Record<string, unknown>;
  paths: Record<
    string,
    { get: { responses: Record<string, { content: Record<string, { schema: object }> }> } }
  >;
};

/** A validator for one operation's answer, from the served OpenAPI document. */
async function validatorFor(request: APIRequestContext, path: string, status: string) {
  const res = await request.get("/api/v1/openapi.json");
  expect(res.status()).toBe(200);
  const doc = (await res.json()) as OpenApi;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: "https://api.test/openapi.json", components: doc.components });
  const [type, media] = Object.entries(doc.paths[path]!.get.responses[status]!.content)[0]!;
  const schema = JSON.parse(
    JSON.stringify(media.schema).replaceAll(
      '"#/components/',
      '"https://api.test/openapi.json#/components/',
    ),
  ) as object;
  return { type, validate: ajv.compile(schema) };
}

test("GET /api/v1/issues?state=submitted answers JSON that validates against /api/v1/openapi.json", async ({
  request,
}) => {
  const { type, validate } = await validatorFor(request, "/issues", "200");
  const res = await request.get("/api/v1/issues?state=submitted");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe(type);
  expect(res.headers()["ratelimit"]).toMatch(/^"default";r=\d+;t=\d+$/);
  const body = (await res.json()) as { items: { state: string; title: string }[] };
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
  expect(body.items.length).toBeGreaterThan(0);
  expect(body.items.every((i) => i.state === "submitted")).toBe(true);
  // Anonymous callers never see the confidential issue.
  expect(JSON.stringify(body)).not.toContain(CONFIDENTIAL_TITLE);

  const bad = await request.get("/api/v1/issues/2147483648");
  expect(bad.status()).toBe(400);
  expect(bad.headers()["content-type"]).toBe("application/problem+json");
});

test("/api/docs renders the reference from the OpenAPI document and passes axe", async ({
  browser,
}) => {
  const page = await openAs(browser, null, "/api/docs");
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
  await expect(
    page.getByRole("heading", { name: /GET \/api\/v1\/issues — List issues/ }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "OpenAPI 3.1 document" })).toHaveAttribute(
    "href",
    "/api/v1/openapi.json",
  );
  await expectNoSeriousViolations(page);
  // Nothing was refused by the content security policy.
  expect(errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  await page.context().close();
});

test("a chair creates a token on the settings page, uses it, and revokes it", async ({
  browser,
  request,
}) => {
  const page = await openAs(browser, "chair", "/settings");
  const name = `digest script ${stamp()}`;
  const section = page.getByRole("region", { name: "API tokens" });
  await section.getByLabel("Token name").fill(name);
  await section.getByRole("button", { name: "Create token" }).click();
  const shown = section.getByRole("textbox", { name: "Your new token" });
  await expect(shown).toHaveValue(/^iotops_[A-Za-z0-9_-]{43}$/);
  await expect(section.getByRole("status")).toBeFocused();
  const token = await shown.inputValue();
  const row = section.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Never");
  await expectNoSeriousViolations(page);

  // The token sees what the chair may see: the confidential issue.
  const auth = { Authorization: `Bearer ${token}` };
  const mine = await request.get("/api/v1/issues?state=submitted&limit=100", { headers: auth });
  expect(mine.status()).toBe(200);
  expect(JSON.stringify(await mine.json())).toContain(CONFIDENTIAL_TITLE);

  await page.reload();
  await expect(section.getByRole("row").filter({ hasText: name })).not.toContainText("Never");
  await section.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(section.getByRole("status")).toContainText("is revoked");
  await expect(section.getByRole("status")).toBeFocused();
  await expect(section.getByRole("row").filter({ hasText: name })).toContainText("Revoked");

  const refused = await request.get("/api/v1/issues", { headers: auth });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toBe("application/problem+json");
  await page.context().close();
});
