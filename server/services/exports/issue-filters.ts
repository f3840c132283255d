import { z } from "zod";
import { CHARTER_ITEM_IDS } from "~/server/domain/catalog";
import { ISSUE_STATES } from "~/server/domain/dispatch/states";
import { DomainError } from "~/server/domain/errors";
import type { Actor } from "~/server/domain/permissions/actor";
import { ZAcronym, zId, zInt, zText } from "~/server/domain/validation";
import type { FindIssuesInput } from "../issues/find-issues";

/**
 * A download link's query string as (key, value) pairs, as the browser sent it.
 * Pairs rather than an object, so keys such as `__proto__` or `toString` are just
 * strings that name no filter.
 */
export const ZQueryPairs = z
  .array(z.tuple([z.string().max(40), z.string().max(400)]))
  .max(40, "The link has too many parameters.");
export type QueryPairs = z.infer<typeof ZQueryPairs>;

const stateList = z
  .array(z.enum(ISSUE_STATES, { error: "That state is not one of the issue states." }))
  .max(ISSUE_STATES.length, "Name each state once.");

/** The issue list's and triage queue's URL parameters, each checked as its page checks it. */
const PARAMS = {
  q: zText("the search", 200),
  item: z.enum([...CHARTER_ITEM_IDS, "none"], {
    error: "That charter item is not one of IOTOPS's.",
  }),
  group: ZAcronym,
  chair: z.union([z.literal("none"), z.literal("me"), z.coerce.number().pipe(zId("The chair"))], {
    error: "The chair must be none, me or a person's number.",
  }),
  minAge: z.coerce.number().pipe(zInt("The minimum age in days", 0, 36_500)),
  maxAge: z.coerce.number().pipe(zInt("The maximum age in days", 0, 36_500)),
  sort: z.enum(["newest", "oldest", "readiness"], {
    error: "Sort by newest, oldest or readiness.",
  }),
} as const;

type Key = keyof typeof PARAMS;
const isKey = (k: string): k is Key => Object.prototype.hasOwnProperty.call(PARAMS, k);

function invalid(key: string, message: string): never {
  throw new DomainError("VALIDATION", message, { fieldErrors: { [key]: [message] } });
}

/**
 * The `ZFindIssues` filter a download link names, with the same parameter names
 * as the issue list and triage pages (`state` may repeat or be comma-separated).
 * Unlike the pages, which drop a bad value and say so, a download refuses it
 * (VALIDATION, a 400): a file silently holding other rows than asked is worse.
 * `chair=me` needs a signed-in actor. Unknown parameters are ignored.
 */
export function issueFilterFromQuery(
  pairs: QueryPairs,
  actor: Actor | null,
  defaults: { states?: readonly (typeof ISSUE_STATES)[number][] } = {},
): FindIssuesInput {
  const states: string[] = [];
  const seen = new Map<Key, string>();
  for (const [key, value] of pairs) {
    if (key === "state") states.push(...value.split(",").filter((s) => s.trim() !== ""));
    else if (isKey(key) && value.trim() !== "") {
      if (seen.has(key)) invalid(key, `Give ${key} only once.`);
      seen.set(key, value);
    }
  }
  const read = <K extends Key>(key: K): z.output<(typeof PARAMS)[K]> | undefined => {
    const raw = seen.get(key);
    if (raw === undefined) return undefined;
    const parsed = PARAMS[key].safeParse(raw);
    if (!parsed.success)
      invalid(key, parsed.error.issues[0]?.message ?? `The ${key} is not valid.`);
    return parsed.data as z.output<(typeof PARAMS)[K]>;
  };
  const parsedStates = stateList.safeParse([...new Set(states)]);
  if (!parsedStates.success) invalid("state", parsedStates.error.issues[0]!.message);
  const chair = read("chair");
  if (chair === "me" && !actor)
    invalid("chair", "Sign in to export the issues you are responsible for.");
  const chosen = parsedStates.data.length ? parsedStates.data : defaults.states;
  return {
    q: read("q"),
    states: chosen ? [...chosen] : undefined,
    charterItem: read("item"),
    suggestedGroup: read("group"),
    responsibleChair: chair === "me" ? actor!.personId : chair,
    minAgeDays: read("minAge"),
    maxAgeDays: read("maxAge"),
    sort: read("sort") ?? "newest",
  };
}
