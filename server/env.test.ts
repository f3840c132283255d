import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

type Source = Record<string, string | undefined>;

const SECRET_32 = "0123456789abcdef0123456789abcdef";
const SECRET_31 = SECRET_32.slice(1);

function refusal(source: Source): EnvError {
  let thrown: unknown;
  try {
    parseEnv(source);
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(EnvError);
  return thrown as EnvError;
}

describe("defaults", () => {
  it("an empty environment is a development setup with the embedded database", () => {
    const env = parseEnv({});
    expect(env.NODE_ENV).toBe("development");
    expect(env.DATA_DIR).toBe(".data");
    expect(env.PORT).toBe(3000);
    expect(env.DEMO_MODE).toBe(false);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.AUTH_SECRET).toBeUndefined();
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.DATATRACKER_SYNC).toBe("off");
    expect(env.DATATRACKER_SYNC_INTERVAL_MINUTES).toBe(60);
    expect(env.DATATRACKER_API_BASE).toBe("https://datatracker.ietf.org");
  });

  it.each([["development"], ["test"]])("NODE_ENV=%s needs no AUTH_SECRET", (NODE_ENV) => {
    expect(parseEnv({ NODE_ENV }).NODE_ENV).toBe(NODE_ENV);
  });
});

describe("accepted values", () => {
  it.each<[string, Source, Partial<Record<string, unknown>>]>([
    [
      "postgres:// URL",
      { DATABASE_URL: "postgres://user@127.0.0.1:5432/iotops" },
      { DATABASE_URL: "postgres://user@127.0.0.1:5432/iotops" },
    ],
    [
      "postgresql:// URL with password and query",
      { DATABASE_URL: "postgresql://user:pw@db.example.org/iotops?sslmode=require" },
      { DATABASE_URL: "postgresql://user:pw@db.example.org/iotops?sslmode=require" },
    ],
    ["blank DATABASE_URL means unset", { DATABASE_URL: "" }, { DATABASE_URL: undefined }],
    [
      "production with AUTH_SECRET",
      { NODE_ENV: "production", AUTH_SECRET: SECRET_32 },
      { NODE_ENV: "production", AUTH_SECRET: SECRET_32, DEMO_MODE: false },
    ],
    [
      "production demo without AUTH_SECRET",
      { NODE_ENV: "production", DEMO_MODE: "true" },
      { NODE_ENV: "production", DEMO_MODE: true, AUTH_SECRET: undefined },
    ],
    [
      "production demo with DEMO_MODE=1",
      { NODE_ENV: "production", DEMO_MODE: "1" },
      { NODE_ENV: "production", DEMO_MODE: true },
    ],
    ["DEMO_MODE=false", { DEMO_MODE: "false" }, { DEMO_MODE: false }],
    ["DEMO_MODE=0", { DEMO_MODE: "0" }, { DEMO_MODE: false }],
    ["TRUST_PROXY unset", {}, { TRUST_PROXY: false }],
    ["TRUST_PROXY=true", { TRUST_PROXY: "true" }, { TRUST_PROXY: true }],
    ["TRUST_PROXY=1", { TRUST_PROXY: "1" }, { TRUST_PROXY: true }],
    ["TRUST_PROXY=false", { TRUST_PROXY: "false" }, { TRUST_PROXY: false }],
    [
      "https APP_URL",
      { APP_URL: "https://dispatch.example.org" },
      { APP_URL: "https://dispatch.example.org" },
    ],
    ["AUTH_SECRET of exactly 32 chars", { AUTH_SECRET: SECRET_32 }, { AUTH_SECRET: SECRET_32 }],
    ["PORT 1", { PORT: "1" }, { PORT: 1 }],
    ["PORT 8080", { PORT: "8080" }, { PORT: 8080 }],
    ["PORT 65535", { PORT: "65535" }, { PORT: 65535 }],
    ["DATA_DIR", { DATA_DIR: "/var/lib/iotops" }, { DATA_DIR: "/var/lib/iotops" }],
    ["smtp:// URL", { SMTP_URL: "smtp://localhost:25" }, { SMTP_URL: "smtp://localhost:25" }],
    [
      "smtps:// URL",
      { SMTP_URL: "smtps://user:pw@mail.example.org:465" },
      { SMTP_URL: "smtps://user:pw@mail.example.org:465" },
    ],
    ["DATATRACKER_SYNC=on", { DATATRACKER_SYNC: "on" }, { DATATRACKER_SYNC: "on" }],
    [
      "sync interval of 15 minutes",
      { DATATRACKER_SYNC_INTERVAL_MINUTES: "15" },
      { DATATRACKER_SYNC_INTERVAL_MINUTES: 15 },
    ],
    [
      "a fake Datatracker on loopback",
      { DATATRACKER_API_BASE: "http://127.0.0.1:3790" },
      { DATATRACKER_API_BASE: "http://127.0.0.1:3790" },
    ],
  ])("%s", (_what, source, expected) => {
    const env: Record<string, unknown> = parseEnv(source);
    for (const [key, value] of Object.entries(expected)) expect(env[key], key).toEqual(value);
  });
});

describe("refused values", () => {
  it.each<[string, string, Source]>([
    ["mysql URL", "DATABASE_URL", { DATABASE_URL: "mysql://x" }],
    ["not a URL", "DATABASE_URL", { DATABASE_URL: "not a url" }],
    ["postgres:// without anything after it", "DATABASE_URL", { DATABASE_URL: "postgres://" }],
    ["http URL as database", "DATABASE_URL", { DATABASE_URL: "http://localhost:5432/iotops" }],
    ["production without AUTH_SECRET or DEMO_MODE", "AUTH_SECRET", { NODE_ENV: "production" }],
    [
      "production with DEMO_MODE=false and no AUTH_SECRET",
      "AUTH_SECRET",
      { NODE_ENV: "production", DEMO_MODE: "false" },
    ],
    ["31-char AUTH_SECRET", "AUTH_SECRET", { AUTH_SECRET: SECRET_31 }],
    [
      "31-char AUTH_SECRET in production",
      "AUTH_SECRET",
      { NODE_ENV: "production", AUTH_SECRET: SECRET_31 },
    ],
    [
      "short AUTH_SECRET even in demo mode",
      "AUTH_SECRET",
      { NODE_ENV: "production", DEMO_MODE: "true", AUTH_SECRET: "short" },
    ],
    ["PORT 0", "PORT", { PORT: "0" }],
    ["PORT 65536", "PORT", { PORT: "65536" }],
    ["PORT -1", "PORT", { PORT: "-1" }],
    ["PORT 80.5", "PORT", { PORT: "80.5" }],
    ["PORT abc", "PORT", { PORT: "abc" }],
    ["SMTP_URL with http scheme", "SMTP_URL", { SMTP_URL: "http://mail.example.org" }],
    ["SMTP_URL without scheme", "SMTP_URL", { SMTP_URL: "mail.example.org:25" }],
    ["SMTP_URL smtp:/ (one slash)", "SMTP_URL", { SMTP_URL: "smtp:/mail.example.org" }],
    ["unknown NODE_ENV", "NODE_ENV", { NODE_ENV: "staging" }],
    ["TRUST_PROXY=yes", "TRUST_PROXY", { TRUST_PROXY: "yes" }],
    ["APP_URL with another scheme", "APP_URL", { APP_URL: "javascript://dispatch.example.org" }],
    ["APP_URL that is not a URL", "APP_URL", { APP_URL: "dispatch.example.org" }],
    ["DATATRACKER_SYNC=yes", "DATATRACKER_SYNC", { DATATRACKER_SYNC: "yes" }],
    [
      "sync interval of 1 minute",
      "DATATRACKER_SYNC_INTERVAL_MINUTES",
      { DATATRACKER_SYNC_INTERVAL_MINUTES: "1" },
    ],
    [
      "sync interval of 7.5 minutes",
      "DATATRACKER_SYNC_INTERVAL_MINUTES",
      { DATATRACKER_SYNC_INTERVAL_MINUTES: "7.5" },
    ],
    [
      "sync interval in words",
      "DATATRACKER_SYNC_INTERVAL_MINUTES",
      { DATATRACKER_SYNC_INTERVAL_MINUTES: "hourly" },
    ],
    ["API base with ftp scheme", "DATATRACKER_API_BASE", { DATATRACKER_API_BASE: "ftp://x.org" }],
    ["API base not a URL", "DATATRACKER_API_BASE", { DATATRACKER_API_BASE: "datatracker" }],
  ])("%s → names %s", (_what, variable, source) => {
    const err = refusal(source);
    expect(err.name).toBe("EnvError");
    expect(err.message).toContain(variable);
    expect(err.variables).toContain(variable);
    expect(err.variables).toEqual([variable]);
  });

  it("names every bad variable at once", () => {
    const err = refusal({ DATABASE_URL: "mysql://x", PORT: "0", SMTP_URL: "http://x" });
    expect([...err.variables].sort()).toEqual(["DATABASE_URL", "PORT", "SMTP_URL"]);
    for (const v of ["DATABASE_URL", "PORT", "SMTP_URL"]) expect(err.message).toContain(v);
  });

  it("reports the production AUTH_SECRET rule alongside other bad variables", () => {
    const err = refusal({ NODE_ENV: "production", DATABASE_URL: "mysql://x" });
    expect([...err.variables].sort()).toEqual(["AUTH_SECRET", "DATABASE_URL"]);
  });

  it("a refusal is an Error", () => {
    expect(refusal({ PORT: "0" })).toBeInstanceOf(Error);
  });
});
