import { expect, type APIRequestContext, type APIResponse, type Page } from "@playwright/test";
import { createTRPCClient, httpLink, TRPCClientError, type TRPCClient } from "@trpc/client";
import type { AppRouter } from "~/server/api/root";
import { deserializeOutput, transformer } from "~/server/api/transformer";

/** Anything with a request context: a page (shares its cookies) or a bare `request` fixture. */
type Requester = Page | APIRequestContext;

function ctx(r: Requester): APIRequestContext {
  return "goto" in r ? r.request : r;
}

/**
 * The typed API client, as the browser's: procedures, inputs and outputs are
 * checked against `AppRouter`. Requests go through Playwright's request context,
 * so they carry the cookies of whoever is signed in on `r`. A refusal throws a
 * `TRPCClientError` whose `data.httpStatus` is the HTTP status.
 */
export function api(r: Requester): TRPCClient<AppRouter> {
  const request = ctx(r);
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: "/api/trpc",
        transformer,
        async fetch(url, init) {
          const res = await request.fetch(String(url), {
            method: init?.method ?? "GET",
            headers: Object.fromEntries(new Headers(init?.headers).entries()),
            data: typeof init?.body === "string" ? init.body : undefined,
          });
          return new Response(await res.text(), { status: res.status(), headers: res.headers() });
        },
      }),
    ],
  });
}

/** What the server answered to a refused call. */
export interface Refusal {
  /** HTTP status: 401, 403, 404, 409, 422 or 400. */
  status: number;
  /** tRPC error code, e.g. `FORBIDDEN`. */
  code: string;
  message: string;
}

/**
 * Await a typed API call that must be refused and return what the server said;
 * fails the test when the call succeeds.
 * `expect((await refusal(api(page).issue.comment.mutate(input))).status).toBe(401)`
 */
export async function refusal(call: Promise<unknown>): Promise<Refusal> {
  try {
    await call;
  } catch (e) {
    if (e instanceof TRPCClientError) {
      const data = (e as TRPCClientError<AppRouter>).data;
      return { status: data?.httpStatus ?? 0, code: data?.code ?? "", message: e.message };
    }
    throw e;
  }
  throw new Error("expected the server to refuse the call, but it succeeded");
}

/**
 * POST a tRPC mutation and return the raw HTTP response, for tests about the
 * wire itself (request size limits, malformed envelopes). Prefer {@link api}
 * and {@link refusal} for everything else.
 */
export function trpcMutation(r: Requester, path: string, input: unknown): Promise<APIResponse> {
  return ctx(r).post(`/api/trpc/${path}`, { data: { json: input } });
}

/** A tRPC response body's data, as the client reads it (the wire format is the app's transformer). */
export function trpcData<T>(body: unknown): T {
  return deserializeOutput((body as { result: { data: unknown } }).result.data) as T;
}

/** A refused tRPC call's error shape (message, code and `data`), as the client reads it. */
export function trpcErrorOf(body: unknown): {
  message: string;
  code: number;
  data: { code: string; httpStatus: number; fieldErrors?: Record<string, string[]> | null };
} {
  return deserializeOutput((body as { error: unknown }).error) as ReturnType<typeof trpcErrorOf>;
}

/**
 * GET a tRPC query by path and return its data; fails the test on a non-200
 * answer. Kept for specs that still use it; new tests use {@link api}.
 */
export async function trpcQuery<T>(r: Requester, path: string, input: unknown): Promise<T> {
  const res = await ctx(r).get(
    `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
  );
  expect(res.status(), await res.text()).toBe(200);
  return trpcData<T>(await res.json());
}

export type IssueFieldsInput = Parameters<TRPCClient<AppRouter>["issue"]["file"]["mutate"]>[0];
type Command = Parameters<TRPCClient<AppRouter>["issue"]["transition"]["mutate"]>[0]["command"];

/** File an issue through the API as whoever is signed in on `page`; returns its id. */
export async function fileIssueViaApi(page: Page, fields: IssueFieldsInput): Promise<number> {
  return (await api(page).issue.file.mutate(fields)).id;
}

export async function issueVersion(r: Requester, id: number): Promise<number> {
  return (await api(r).issue.get.query({ id })).issue.version;
}

/** Send a dispatch command at the issue's current version, through the typed client. */
export async function sendCommand(r: Requester, id: number, command: Command) {
  const expectedVersion = await issueVersion(r, id);
  return api(r).issue.transition.mutate({ issueId: id, expectedVersion, command });
}

/** Send a dispatch command at the issue's current version; it must succeed. */
export async function applyViaApi(page: Page, id: number, command: Command) {
  await sendCommand(page, id, command);
}

/**
 * Send a dispatch command at the issue's current version; returns the raw
 * response. Kept for specs that still use it; new tests use
 * `refusal(sendCommand(page, id, command))`.
 */
export async function transitionViaApi(
  page: Page,
  id: number,
  command: Record<string, unknown>,
): Promise<APIResponse> {
  const expectedVersion = await issueVersion(page, id);
  return trpcMutation(page, "issue.transition", { issueId: id, expectedVersion, command });
}

/** A recommendation that SUIT takes the work (valid input for the `recommend` command). */
export const SUIT_RECOMMENDATION = {
  outcome: {
    kind: "existing-wg",
    targetGroup: "suit",
    charterItem: "firmware-update",
    needsRecharter: false,
  },
  rationale: "SUIT's manifest work covers signed firmware updates for constrained devices.",
} as const;
