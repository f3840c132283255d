import { z } from "zod";

/**
 * Every environment variable the app reads, validated once. Nothing else in the
 * code base reads process.env (the lint config enforces it outside scripts).
 */
const boolish = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const ZEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .optional()
      .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined))
      .refine((v) => v === undefined || /^postgres(ql)?:\/\/[^\s]+$/.test(v), {
        message:
          "must be a PostgreSQL connection URL such as postgres://user@127.0.0.1:5432/iotops (or unset it to use the embedded database)",
      })
      .refine(
        (v) => {
          if (v === undefined) return true;
          try {
            return new URL(v).hostname !== "";
          } catch {
            return false;
          }
        },
        { message: "is not a valid URL (check the host and port)" },
      ),
    DATA_DIR: z.string().min(1).default(".data"),
    AUTH_SECRET: z
      .string()
      .optional()
      .refine((v) => v === undefined || v.length >= 32, {
        message: "must be at least 32 characters (generate one with `openssl rand -base64 32`)",
      }),
    APP_URL: z
      .url({
        protocol: /^https?$/,
        message: "must be an absolute http(s) URL such as http://localhost:3000",
      })
      .optional(),
    /**
     * A reverse proxy in front of the app sets X-Forwarded-Host and
     * X-Forwarded-Proto. Without it (and without APP_URL) those headers are
     * ignored, so a client cannot choose the host that sign-in redirects to.
     */
    TRUST_PROXY: boolish,
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DEMO_MODE: boolish,
    SMTP_URL: z
      .string()
      .optional()
      .refine((v) => v === undefined || v === "" || /^smtps?:\/\//.test(v), {
        message: "must start with smtp:// or smtps://",
      }),
    MAIL_FROM: z.string().default("IOTOPS Dispatch <noreply@localhost>"),
    /**
     * Length of a digest period. A day in production; tests shorten it. Must divide
     * a day, so periods stay aligned to UTC midnight.
     */
    DIGEST_PERIOD_MINUTES: z.coerce
      .number({ message: "must be a whole number of minutes" })
      .int({ message: "must be a whole number of minutes" })
      .min(1, { message: "must be at least 1 (minute)" })
      .max(1440, { message: "must be at most 1440 (one day, in minutes)" })
      .refine((m) => 1440 % m === 0, { message: "must divide a day (1440 minutes)" })
      .default(1440),
    DATATRACKER_OIDC_ISSUER: z.url().optional(),
    DATATRACKER_OIDC_CLIENT_ID: z.string().optional(),
    DATATRACKER_OIDC_CLIENT_SECRET: z.string().optional(),
    /** `on` runs the Datatracker sync inside the app on a schedule; off by default. */
    DATATRACKER_SYNC: z.enum(["on", "off"], { message: "must be on or off" }).default("off"),
    DATATRACKER_SYNC_INTERVAL_MINUTES: z.coerce
      .number({ message: "must be a whole number of minutes" })
      .int({ message: "must be a whole number of minutes" })
      .min(5, { message: "must be at least 5 (minutes)" })
      .max(10_080, { message: "must be at most 10080 (one week, in minutes)" })
      .default(60),
    /** Where the sync reads the Datatracker's API. */
    DATATRACKER_API_BASE: z
      .url({
        protocol: /^https?$/,
        message: "must be an http(s) URL such as https://datatracker.ietf.org",
      })
      .default("https://datatracker.ietf.org"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.DEMO_MODE && !env.AUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_SECRET"],
        message:
          "is required in production: set AUTH_SECRET to a random string of at least 32 characters (e.g. `openssl rand -base64 32`), or set DEMO_MODE=true for a demo that keeps a generated secret in the data folder",
      });
    }
  });

export type Env = z.infer<typeof ZEnv>;

export class EnvError extends Error {
  readonly variables: string[];
  constructor(variables: string[], message: string) {
    super(message);
    this.name = "EnvError";
    this.variables = variables;
  }
}

/** Validate an environment. Throws EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable means "not set", as in most deployment tools.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = ZEnv.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `- ${i.path.join(".") || "(env)"} ${i.message}`);
  const vars = [...new Set(result.error.issues.map((i) => String(i.path[0] ?? "")))];
  throw new EnvError(vars, `Invalid environment configuration:\n${lines.join("\n")}`);
}

let cached: Env | undefined;
/** The process environment, validated on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The app's public address for links in e-mail, feeds and exports, without a trailing slash. */
export function publicBaseUrl(): string {
  const e = env();
  return (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
}
