/**
 * Reads a group catalog file: db/seed/groups.json, or a file shaped like the
 * shared `ietf-groups.json` (`{meta?, areas: [...], groups: [...]}`, snake_case
 * fields as written there). Fields the shared file lacks (`iot`, `successors`,
 * `key_drafts`, `charter_items`) default to empty.
 */
import { z } from "zod";
import { DomainError } from "~/server/domain/errors";
import { CHARTER_ITEM_IDS } from "./charter-items";
import { GROUP_STATES, GROUP_TYPES, type GroupProfile, type GroupState } from "./group";

export interface Area {
  readonly acronym: string;
  readonly name: string;
  readonly state: GroupState;
}

export interface GroupCatalog {
  readonly areas: readonly Area[];
  readonly groups: readonly GroupProfile[];
}

const ACRONYM = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "must be a Datatracker acronym");

/** "concluded" (as older files spell it) is the Datatracker's `conclude`. */
const STATE = z.preprocess(
  (v) => (v === "concluded" ? "conclude" : v),
  z.enum(GROUP_STATES).default("active"),
);

const ZArea = z.object({
  acronym: ACRONYM,
  name: z.string().trim().min(1),
  state: STATE,
});

const ZGroup = z.object({
  acronym: ACRONYM,
  name: z.string().trim().min(1),
  type: z.enum(GROUP_TYPES),
  area: ACRONYM.nullable().default(null),
  state: STATE,
  summary: z.string().trim().default(""),
  keywords: z.array(z.string().trim().min(1)).default([]),
  key_rfcs: z
    .array(z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]))
    .default([])
    .transform((l) => l.map((r) => String(Number(r)))),
  key_drafts: z.array(z.string().trim().min(1)).default([]),
  charter_items: z.array(z.enum(CHARTER_ITEM_IDS)).default([]),
  dispatch_venue: z.boolean().default(false),
  dispatch_scope: z.string().trim().min(1).nullable().default(null),
  iot: z.boolean().default(false),
  successors: z.array(ACRONYM).default([]),
  datatracker_url: z.url().nullable().default(null),
});

const ZCatalog = z.object({
  areas: z.array(ZArea),
  groups: z.array(ZGroup).min(1),
});

/** Parses a catalog file's JSON; a malformed file is a VALIDATION error naming the field. */
export function parseGroupCatalog(json: unknown): GroupCatalog {
  const r = ZCatalog.safeParse(json);
  if (!r.success) {
    const first = r.error.issues[0];
    const where = first ? first.path.map(String).join(".") : "";
    throw new DomainError(
      "VALIDATION",
      `Malformed group catalog${where ? ` at ${where}` : ""}: ${first?.message ?? "invalid"}`,
    );
  }
  const seen = new Set<string>();
  for (const g of r.data.groups) {
    if (seen.has(g.acronym))
      throw new DomainError("VALIDATION", `Malformed group catalog: ${g.acronym} is listed twice`);
    seen.add(g.acronym);
  }
  return {
    areas: r.data.areas,
    groups: r.data.groups.map((g): GroupProfile => ({
      acronym: g.acronym,
      name: g.name,
      type: g.type,
      area: g.area,
      state: g.state,
      summary: g.summary,
      keywords: g.keywords,
      keyRfcs: g.key_rfcs,
      keyDrafts: g.key_drafts,
      charterItems: g.charter_items,
      hasDispatchRole: g.dispatch_venue,
      dispatchScope: g.dispatch_scope,
      iot: g.iot,
      successors: g.successors.filter((s) => s !== g.acronym),
      datatrackerUrl: g.datatracker_url,
    })),
  };
}
