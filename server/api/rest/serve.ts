import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { Db, DbMode } from "~/db/client";
import { DomainError } from "~/server/domain/errors";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { personForApiToken } from "~/server/services/api-tokens/api-tokens";
import { loadActor } from "../../auth/load-actor";
import type { SessionClaims } from "../../auth/session-token";
import type { Quota, Throttle } from "../../auth/throttle";
import type { ThrottleKind } from "../../domain/people/throttle-rules";
import { createCaller } from "../root";
import type { Endpoint } from "./endpoints";
import { problemOf, problemResponse } from "./problem";

export interface RestDeps {
  db: Db;
  dbMode: DbMode;
  throttle: Throttle;
  /** The Auth.js session of the request, if any. */
  session(): Promise<Pick<SessionClaims, "personId" | "sessionVersion" | "sessionId"> | null>;
  clientIp: string;
}

/** The scheme name is case-insensitive (RFC 9110, section 11.1); the token is not. */
const BEARER = /^[Bb][Ee][Aa][Rr][Ee][Rr] ([A-Za-z0-9_-]{1,200})$/;

/**
 * Serve one `GET /api/v1/…` request: who is asking (a personal token, else the
 * session, else anonymous), the rate limit, the query, then the same router call
 * the pages make, its result passed through the endpoint's response schema.
 */
export async function serveRest(
  req: Request,
  ep: Endpoint,
  params: Record<string, string | string[] | undefined>,
  deps: RestDeps,
): Promise<Response> {
  const requestId = randomUUID();
  const instance = new URL(req.url).pathname;
  let quota: Quota | null = null;
  try {
    const caller = await whoIsAsking(req, deps);
    quota = await deps.throttle.take(...caller.countAs);
    if (!quota.ok) return tooMany(quota, instance, requestId);
    if (caller.kind === "refused") {
      return problemResponse(
        {
          status: 401,
          detail: caller.detail,
          code: "UNAUTHENTICATED",
          instance,
          requestId,
        },
        { "www-authenticate": 'Bearer error="invalid_token"', ...rateLimitHeaders(quota) },
      );
    }
    const actor = caller.actor;

    const input = {
      ...decodeQuery(new URL(req.url).searchParams, ep),
      ...decodeParams(ep, params),
    };
    const routers = createCaller({
      db: deps.db,
      dbMode: deps.dbMode,
      actor,
      requestId,
      clientIp: deps.clientIp,
    });
    const result = await ep.read(routers, input);
    // Dates become ISO strings as on the wire; then only the documented fields remain.
    const body = ep.output.safeParse(JSON.parse(JSON.stringify(result)));
    if (!body.success) {
      throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: body.error });
    }
    return new Response(JSON.stringify(body.data), {
      status: 200,
      headers: {
        "content-type": "application/json",
        "cache-control": actor ? "private, no-store" : "no-cache",
        vary: "Authorization, Cookie",
        ...rateLimitHeaders(quota),
      },
    });
  } catch (err) {
    return problemResponse({ ...problemOf(err, requestId), instance }, rateLimitHeaders(quota));
  }
}

type Caller =
  | { kind: "actor"; actor: MaybeActor; countAs: [ThrottleKind, string] }
  | { kind: "refused"; detail: string; countAs: [ThrottleKind, string] };

/**
 * The caller and the rate-limit counter their request goes to: a valid token's
 * own, else the client address's. Failed tokens count against the address, so
 * guessing tokens is throttled like guessing passwords.
 */
async function whoIsAsking(req: Request, deps: RestDeps): Promise<Caller> {
  const byAddress: [ThrottleKind, string] = ["api-ip", deps.clientIp];
  const auth = req.headers.get("authorization");
  if (auth === null) {
    const session = await deps.session();
    const actor = session ? await loadActor(deps.db, session.personId, session) : null;
    return { kind: "actor", actor, countAs: byAddress };
  }
  const m = BEARER.exec(auth.trim());
  if (!m) {
    return {
      kind: "refused",
      detail: "Send a personal API token as `Authorization: Bearer <token>`.",
      countAs: byAddress,
    };
  }
  const token = await personForApiToken(deps.db, m[1]!);
  const actor = token ? await loadActor(deps.db, token.personId) : null;
  if (!token || !actor) {
    return {
      kind: "refused",
      detail: "That API token is not valid: it was revoked, or never existed.",
      countAs: byAddress,
    };
  }
  return { kind: "actor", actor, countAs: ["api-token", `token-${token.tokenId}`] };
}

function tooMany(quota: Quota, instance: string, requestId: string): Response {
  return problemResponse(
    {
      status: 429,
      detail: `Too many requests. Try again in ${quota.resetS} seconds.`,
      code: "RATE_LIMITED",
      instance,
      requestId,
    },
    { "retry-after": String(quota.resetS), ...rateLimitHeaders(quota) },
  );
}

/**
 * `RateLimit-Policy` and `RateLimit` as in the IETF draft
 * (draft-ietf-httpapi-ratelimit-headers): quota `q` per window `w` seconds,
 * `r` left, reset in `t` seconds.
 */
export function rateLimitHeaders(quota: Quota | null): Record<string, string> {
  if (!quota) return {};
  return {
    "ratelimit-policy": `"default";q=${quota.limit};w=${quota.windowS}`,
    ratelimit: `"default";r=${quota.remaining};t=${quota.resetS}`,
  };
}

function refuse(message: string, field: string): never {
  throw new DomainError("VALIDATION", message, { fieldErrors: { [field]: [message] } });
}

/**
 * A parameter as the schema takes it: URLs carry text, so digits become a number
 * when the schema does not take them as text (`limit=5`, but `q=8995` stays text).
 */
function asSchemaTakes(field: z.ZodType | undefined, raw: string): string | number {
  if (!field || !/^[0-9]{1,16}$/.test(raw) || field.safeParse(raw).success) return raw;
  return Number(raw);
}

/** The query as the router's input: unknown or repeated parameters are refused. */
export function decodeQuery(sp: URLSearchParams, ep: Endpoint): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  const shape = ep.query?.shape ?? {};
  for (const key of new Set(sp.keys())) {
    if (!Object.hasOwn(shape, key)) {
      refuse(
        `Unknown query parameter "${key.slice(0, 40)}". This endpoint takes: ${Object.keys(shape).join(", ") || "none"}.`,
        key,
      );
    }
    const values = sp.getAll(key);
    if (ep.arrays?.includes(key)) out[key] = values;
    else if (values.length > 1) refuse(`Give the query parameter "${key}" once.`, key);
    else out[key] = asSchemaTakes(shape[key], values[0]!);
  }
  return { ...out };
}

function decodeParams(ep: Endpoint, params: Record<string, string | string[] | undefined>) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) {
    if (typeof v === "string") out[k] = asSchemaTakes(ep.params?.shape[k], v);
  }
  return out;
}
