/**
 * The layer rules in eslint.config.mjs, proven to fire: each row lints a small
 * source text as if it were the named file and expects the rule to report it
 * (or, for the allowed rows, to stay quiet).
 */
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const LAYER_RULES = new Set([
  "@typescript-eslint/no-restricted-imports",
  "no-restricted-imports",
  "no-restricted-properties",
]);

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The layer rules that report `code` when it is linted as `filePath`. */
async function layerRulesFiring(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal, "the fixture must parse").toEqual([]);
  return result!.messages.flatMap((m) => (m.ruleId && LAYER_RULES.has(m.ruleId) ? [m.ruleId] : []));
}

const exported = (name: string) => `\nexport const used = ${name};\n`;

const REFUSED: { file: string; code: string; rule: string }[] = [
  {
    file: "app/issues/page.tsx",
    code: `import { getDb } from "~/db/client";${exported("getDb")}`,
    rule: "@typescript-eslint/no-restricted-imports",
  },
  {
    file: "app/issues/page.tsx",
    code: `import { issues } from "~/db/schema";${exported("issues")}`,
    rule: "@typescript-eslint/no-restricted-imports",
  },
  {
    file: "app/triage/triage-table.tsx",
    code: `import { findIssues } from "~/server/services/issues/find-issues";${exported("findIssues")}`,
    rule: "@typescript-eslint/no-restricted-imports",
  },
  {
    file: "app/feeds/issues/[id]/route.ts",
    code: `import { getDb } from "../../../../db/client";${exported("getDb")}`,
    rule: "@typescript-eslint/no-restricted-imports",
  },
  {
    file: "app/report/page.tsx",
    code: `import { report } from "../../server/services/reports/report";${exported("report")}`,
    rule: "@typescript-eslint/no-restricted-imports",
  },
  {
    file: "server/domain/dispatch/example.ts",
    code: `import { eq } from "drizzle-orm";${exported("eq")}`,
    rule: "no-restricted-imports",
  },
  {
    file: "server/domain/dispatch/example.ts",
    code: `import { fileIssue } from "~/server/services/issues/file-issue";${exported("fileIssue")}`,
    rule: "no-restricted-imports",
  },
  {
    file: "server/domain/dispatch/example.ts",
    code: `import { useState } from "react";${exported("useState")}`,
    rule: "no-restricted-imports",
  },
  {
    file: "server/services/issues/example.ts",
    code: `export const url = process.env.DATABASE_URL;\n`,
    rule: "no-restricted-properties",
  },
];

const ALLOWED: { file: string; code: string }[] = [
  // Types add no runtime path around the routers.
  {
    file: "app/triage/triage-table.tsx",
    code: `import type { ListCandidate } from "~/server/services/issues/find-issues";\nexport type X = ListCandidate;\n`,
  },
  // The gateway itself.
  {
    file: "app/_trpc/example.ts",
    code: `import { getDb } from "~/db/client";${exported("getDb")}`,
  },
  // Pages may ask the pure domain (the policy, labels, vocabularies).
  {
    file: "app/issues/page.tsx",
    code: `import { can } from "~/server/domain/permissions/policy";${exported("can")}`,
  },
  { file: "server/env.ts", code: `export const url = process.env.DATABASE_URL;\n` },
];

describe("the layer rules fire", () => {
  it.each(REFUSED)("$rule refuses in $file: $code", async ({ file, code, rule }) => {
    expect(await layerRulesFiring(file, code)).toContain(rule);
  });
});

describe("and stay quiet where the layers allow it", () => {
  it.each(ALLOWED)("$file: $code", async ({ file, code }) => {
    expect(await layerRulesFiring(file, code)).toEqual([]);
  });
});
