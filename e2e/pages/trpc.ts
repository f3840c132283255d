import { expect, type APIRequestContext, type APIResponse, type Page } from "@playwright/test";

/** Anything with a request context: a page (shares its cookies) or a bare `request` fixture. */
type Requester = Page | APIRequestContext;

function ctx(r: Requester): APIRequestContext {
  return "goto" in r ? r.request : r;
}

/** POST a tRPC mutation the way the client does (superjson envelope). */
export function trpcMutation(r: Requester, path: string, input: unknown): Promise<APIResponse> {
  return ctx(r).post(`/api/trpc/${path}`, { data: { json: input } });
}

/** GET a tRPC query and return its (superjson) data; fails the test on a non-200 answer. */
export async function trpcQuery<T>(r: Requester, path: string, input: unknown): Promise<T> {
  const res = await ctx(r).get(
    `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
  );
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

export interface IssueFieldsInput {
  title: string;
  problemStatement: string;
  relatedDocuments?: string[];
  desiredOutcome?: string;
  confidential?: boolean;
}

/** File an issue through the API as whoever is signed in on `page`; returns its id. */
export async function fileIssueViaApi(page: Page, fields: IssueFieldsInput): Promise<number> {
  const res = await trpcMutation(page, "issue.file", fields);
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { result: { data: { json: { id: number } } } }).result.data.json.id;
}

export async function issueVersion(r: Requester, id: number): Promise<number> {
  const data = await trpcQuery<{ issue: { version: number } }>(r, "issue.get", { id });
  return data.issue.version;
}

/** Send a dispatch command at the issue's current version; returns the raw response. */
export async function transitionViaApi(
  page: Page,
  id: number,
  command: Record<string, unknown>,
): Promise<APIResponse> {
  const expectedVersion = await issueVersion(page, id);
  return trpcMutation(page, "issue.transition", { issueId: id, expectedVersion, command });
}

/** Like {@link transitionViaApi}, but the command must succeed. */
export async function applyViaApi(page: Page, id: number, command: Record<string, unknown>) {
  const res = await transitionViaApi(page, id, command);
  expect(res.status(), await res.text()).toBe(200);
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
