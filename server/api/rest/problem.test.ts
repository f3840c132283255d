import { TRPCError } from "@trpc/server";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { DomainError, type DomainErrorCode } from "~/server/domain/errors";
import { toTRPCError } from "../errors";
import { problemOf, problemResponse, PROBLEM_CONTENT_TYPE } from "./problem";

/** Written by hand from RFC 9110, not derived from the mapping under test. */
const STATUS: Record<DomainErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  INVALID_TRANSITION: 422,
  CONFLICT: 409,
  VALIDATION: 400,
  RATE_LIMITED: 429,
};

describe("problem details", () => {
  it.each(Object.entries(STATUS))("a domain %s error is a %i", (code, status) => {
    const e = new DomainError(code as DomainErrorCode, "Refused for a reason.");
    expect(problemOf(e, "r1")).toMatchObject({ status, code, detail: "Refused for a reason." });
    // The same once a router's error middleware has turned it into a tRPC error.
    expect(problemOf(toTRPCError(e), "r1")).toMatchObject({ status, code });
  });

  it("names the fields of a refused input", () => {
    const r = z.object({ id: z.number() }).safeParse({ id: "x" });
    const p = problemOf(new TRPCError({ code: "BAD_REQUEST", cause: r.error }), "r2");
    expect(p.status).toBe(400);
    expect(p.code).toBe("VALIDATION");
    expect(Object.keys(p.fieldErrors ?? {})).toEqual(["id"]);
  });

  it("says nothing of an unexpected error but its request id", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const p = problemOf(new Error("password=hunter2 at db.internal"), "req-9");
    expect(p.status).toBe(500);
    expect(JSON.stringify(p)).not.toContain("hunter2");
    expect(p.detail).toContain("req-9");
    log.mockRestore();
  });

  it("is served as application/problem+json with its status", async () => {
    const res = problemResponse({ status: 404, detail: "There is no issue #9." }, { "x-a": "1" });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe(PROBLEM_CONTENT_TYPE);
    expect(res.headers.get("x-a")).toBe("1");
    expect(await res.json()).toEqual({
      type: "about:blank",
      title: "Not found",
      status: 404,
      detail: "There is no issue #9.",
    });
  });
});
