/**
 * The stored-XSS payloads and the detector that records whether any of them
 * ran (e2e/security-xss.spec.ts). Each payload calls `__xss(<n>)` or
 * `alert(<n>)` if it ever executes.
 */
import type { Browser, Page } from "@playwright/test";
import { expect, type Persona } from "../fixtures/personas";
import { signIn, stamp } from "./session";

/** The payloads; `n` is the number a payload reports when it runs. */
export const PAYLOADS: string[] = [
  `<script>__xss(0)</script>`,
  `<img src=x onerror="__xss(1)">`,
  `<svg onload=__xss(2)>`,
  `[click me](javascript:__xss(3))`,
  `<iframe srcdoc="<script>parent.__xss(4)</script>"></iframe>`,
  `"><img src=x onerror=__xss(5)>`,
  `'><svg/onload=alert(6)>`,
  `<details open ontoggle=__xss(7)>raw HTML in Markdown</details>`,
  `[data link](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3MoOCk8L3NjcmlwdD4=)`,
  `{{constructor.constructor('__xss(9)')()}}`,
  `\u202E<img src=x onerror=__xss(10)>gpj.exe`,
  "`${__xss(11)}` ${alert(11)}",
  `<a href="jAvAsCrIpT:__xss(12)">mixed-case scheme</a>`,
  `![image](x" onerror="__xss(13))`,
  `<math><mtext><table><mglyph><style><img src=x onerror=__xss(14)>`,
  `</textarea><script>__xss(15)</script><textarea>`,
  `<object data="javascript:__xss(16)"></object>`,
  `<input autofocus onfocus=__xss(17)>`,
  `[spaced](  javascript:__xss(18)  )`,
  `<a href="data:text/html,<script>parent.__xss(19)</script>">data URL</a>`,
  `&lt;script&gt;__xss(20)&lt;/script&gt;`,
  `<body onload=__xss(21)>`,
  `[ref][x]\n\n[x]: javascript:__xss(22)`,
  `<style>@import "javascript:__xss(23)";</style><b style="background:url(javascript:__xss(23))">`,
];

export const RUN = stamp();
/** How a payload is stored: bidi controls are removed on input (docs/security.md). */
export const stored = (p: string) => p.replace(/[\u202A-\u202E\u2066-\u2069]/g, "");
/** A one-line label put before each payload, so a page that drops the payload is noticed. */
export const label = (n: number) => `Payload ${n} ${RUN}:`;
/** The name of the imported draft that carries payload `n` in its title and abstract. */
export const docName = (n: number) => `draft-xss-${RUN}-payload${String.fromCharCode(97 + n)}`;
/** The title of the issue that carries payload `n` (a title is one line). */
export const titleOf = (n: number) => `${label(n)} ${PAYLOADS[n]!.replace(/\n+/g, " ")}`;

export type Hits = string[];

/**
 * Arms the detector on a page before anything loads: `__xss(n)` and any dialog
 * (alert, confirm, prompt) are recorded in the returned list.
 */
export async function armDetector(page: Page): Promise<Hits> {
  const hits: Hits = [];
  await page.exposeFunction("__xssHit", (n: unknown) => {
    hits.push(`__xss(${String(n)}) at ${page.url()}`);
  });
  await page.addInitScript(() => {
    window.__xss = (n: unknown) => window.__xssHit?.(n);
  });
  page.on("dialog", (d) => {
    hits.push(`${d.type()}(${d.message()}) at ${page.url()}`);
    void d.dismiss();
  });
  return hits;
}

/**
 * Elements a payload could have made dangerous: event-handler attributes, script
 * URLs, script elements and srcdoc frames that mention the payloads' functions.
 * Next.js's own flight data (`self.__next_f`) carries the text as JSON and is not counted.
 */
export function dangerousElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const mentions = (s: string) => /__xss|alert\s*\(/.test(s);
    for (const el of Array.from(document.querySelectorAll("*"))) {
      for (const a of Array.from(el.attributes)) {
        const v = a.value;
        if (/^on/i.test(a.name) && mentions(v)) found.push(`${el.tagName} ${a.name}="${v}"`);
        if (
          /^\s*(javascript|vbscript|data):/i.test(v) &&
          /^(href|src|action|formaction|data|xlink:href)$/i.test(a.name)
        )
          found.push(`${el.tagName} ${a.name}="${v}"`);
        if (a.name === "srcdoc") found.push(`${el.tagName} srcdoc="${v}"`);
      }
      if (el.tagName === "SCRIPT" && mentions(el.textContent ?? "")) {
        if (!(el.textContent ?? "").trimStart().startsWith("self.__next_f"))
          found.push(`SCRIPT ${el.textContent}`);
      }
    }
    return found;
  });
}

/** Open `path`, let it settle, and check nothing ran and nothing dangerous is in the DOM. */
export async function visitClean(page: Page, hits: Hits, path: string) {
  const res = await page.goto(path);
  expect(res?.status(), path).toBe(200);
  await page.waitForLoadState("networkidle");
  expect(await dangerousElements(page), `dangerous markup on ${path}`).toEqual([]);
  expect(hits, `payloads ran on ${path}`).toEqual([]);
}

/** Raw tags a payload would bring into an HTML context if it were not escaped. */
export const RAW_TAG =
  /<(script|img|svg|iframe|details|math|object|input|body|style|a\s|b\s|textarea)\b[^>]*(__xss|alert|javascript:|data:text)/i;

export function expectNoRawPayload(body: string, what: string) {
  expect(body, `${what} holds a payload tag unescaped`).not.toMatch(RAW_TAG);
  expect(body.toLowerCase(), `${what} holds <script unescaped`).not.toContain("<script>__xss");
}

/** A page in a context of its own with the CSP bypassed, signed in as `who` (or anonymous). */
export async function viewer(browser: Browser, who: Persona | null) {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const hits = await armDetector(page);
  if (who) await signIn(page, who);
  return { page, hits };
}
