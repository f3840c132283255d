import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";
import jsxA11y from "eslint-plugin-jsx-a11y";

const FRAMEWORKS = [
  {
    group: ["next", "next/*", "next-auth", "next-auth/*", "@auth/*"],
    message: "Domain modules stay framework-free: no Next.js or Auth.js here.",
  },
  {
    group: ["react", "react-dom", "react/*"],
    message: "Domain modules stay framework-free: no React here.",
  },
  { group: ["@trpc/*"], message: "Domain modules stay framework-free: no tRPC here." },
  {
    group: ["drizzle-orm", "drizzle-orm/*"],
    message:
      "Domain modules stay framework-free: no Drizzle here; persistence belongs in server/services.",
  },
  {
    group: ["pg", "@electric-sql/*"],
    message: "Domain modules stay framework-free: no database drivers here.",
  },
  {
    group: ["~/db/*", "~/server/services/*", "~/server/api/*", "~/server/auth/*", "../../db/*"],
    message: "Domain modules must not depend on outer layers.",
  },
];

/**
 * Pages, components and route handlers reach data only through the tRPC routers
 * (`app/_trpc`), so every read goes through the same context, actor and policy.
 * Type-only imports are allowed: they add no runtime path around the routers.
 */
const OUTER_LAYERS = [
  {
    group: [
      "~/db",
      "~/db/*",
      "~/server/db",
      "~/server/db/*",
      "~/server/services/*",
      "**/../db/*",
      "**/../server/db",
      "**/../server/services/*",
    ],
    message:
      "app/ reaches the database and the use-cases only through the tRPC routers (app/_trpc); see docs/architecture.md.",
    allowTypeImports: true,
  },
];

const config = [
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      "node_modules/**",
      ".data/**",
      "db/migrations/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  ...nextVitals,
  ...nextTs,
  {
    plugins: { drizzle },
    rules: {
      ...jsxA11y.configs.recommended.rules,
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["server/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: FRAMEWORKS }],
    },
  },
  {
    files: ["app/**/*.ts", "app/**/*.tsx"],
    // app/_trpc is the gateway. /api/health checks the database itself, without
    // a session or the routers, so a load balancer can tell the database is down.
    ignores: ["app/_trpc/**", "app/api/health/route.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: OUTER_LAYERS }],
    },
  },
  {
    // Only server/env.ts reads the environment; everything else asks it.
    files: ["server/**/*.ts", "db/**/*.ts", "app/**/*.ts", "app/**/*.tsx"],
    ignores: ["server/env.ts", "**/*.test.ts", "db/testing/**", "app/_trpc/client.tsx"],
    rules: {
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message: "Read configuration through server/env.ts.",
        },
      ],
    },
  },
];

export default config;
