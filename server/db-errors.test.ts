import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable, isStorageFull } from "./db-errors";

const pgError = (code: string, message = "x") => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it.each([
    [
      "connection refused",
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
      true,
    ],
    ["connection reset", Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }), true],
    [
      "terminated by the administrator",
      pgError("57P01", "terminating connection due to administrator command"),
      true,
    ],
    ["server starting up", pgError("57P03", "the database system is starting up"), true],
    ["database dropped or renamed", pgError("3D000", 'database "x" does not exist'), true],
    ["too many connections", pgError("53300"), true],
    ["pg's ended connection", new Error("Connection terminated unexpectedly"), true],
    ["pool connect timeout", new Error("timeout exceeded when trying to connect"), true],
    [
      "wrapped by Drizzle",
      Object.assign(new Error("Failed query: select 1"), { cause: pgError("57P01") }),
      true,
    ],
    [
      "several addresses refused",
      Object.assign(
        new AggregateError([Object.assign(new Error("a"), { code: "ECONNREFUSED" })], ""),
        {},
      ),
      true,
    ],
    ["unique violation", pgError("23505", "duplicate key value"), false],
    ["syntax error", pgError("42601", "syntax error at or near"), false],
    ["serialization failure", pgError("40001"), false],
    ["a plain bug", new TypeError("cannot read properties of undefined"), false],
    ["not an error at all", "ECONNREFUSED", false],
    ["null", null, false],
  ])("%s → %s", (_name, err, expected) => {
    expect(isDatabaseUnavailable(err)).toBe(expected);
  });

  it("does not loop on a cause that points to itself", () => {
    const e = new Error("boom") as Error & { cause?: unknown };
    e.cause = e;
    expect(isDatabaseUnavailable(e)).toBe(false);
  });
});

describe("isStorageFull", () => {
  it.each([
    ["PostgreSQL disk_full", pgError("53100", 'could not extend file "base/5/16385"'), true],
    [
      "PGlite's file system full (as it reports it)",
      new Error('could not extend file "base/5/16385": No space left on device'),
      true,
    ],
    ["an ENOSPC from Node", Object.assign(new Error("write failed"), { code: "ENOSPC" }), true],
    [
      "wrapped by Drizzle",
      Object.assign(new Error("Failed query: insert"), { cause: pgError("53100") }),
      true,
    ],
    ["too many connections is not disk", pgError("53300"), false],
    ["out of memory is not disk", pgError("53200"), false],
    ["connection refused", Object.assign(new Error("x"), { code: "ECONNREFUSED" }), false],
    ["unique violation", pgError("23505", "duplicate key value"), false],
    ["null", null, false],
  ])("%s → %s", (_name, err, expected) => {
    expect(isStorageFull(err)).toBe(expected);
  });

  it("is not an outage: reads still work", () => {
    expect(isDatabaseUnavailable(pgError("53100"))).toBe(false);
  });
});
