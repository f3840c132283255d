/**
 * Merges the shared IETF group catalog with the IoT catalog into the seed file
 * format read by parseGroupCatalog (server/domain/catalog/catalog-file.ts).
 */
import { z } from "zod";

/**
 * Successors of the concluded IoT groups: the groups new work of that kind goes
 * to now (the Datatracker's own lineage where it records one: lpwan -> schc,
 * 6lowpan -> 6lo).
 */
export const SUCCESSORS: Readonly<Record<string, readonly string[]>> = {
  lpwan: ["schc"],
  "6lowpan": ["6lo", "roll"],
  "6tisch": ["6lo", "roll"],
  lwig: ["iotops", "core"],
};

/** IoT-catalog relevance values that make a group an IoT group. */
const IOT_RELEVANCE = new Set(["direct", "foundational", "domain-specific", "research"]);

const ZIetfGroups = z.object({
  areas: z.array(z.object({ acronym: z.string(), name: z.string() })),
  groups: z.array(
    z.object({
      acronym: z.string(),
      name: z.string(),
      type: z.string(),
      area: z.string(),
      state: z.string(),
      summary: z.string(),
      keywords: z.array(z.string()),
      key_rfcs: z.array(z.number()),
      datatracker_url: z.string(),
      dispatch_venue: z.boolean().optional(),
      dispatch_scope: z.string().optional(),
    }),
  ),
});

const ZIotGroups = z.object({
  groups: z.array(
    z.object({
      acronym: z.string(),
      name: z.string(),
      type: z.string(),
      area: z.string(),
      state: z.string(),
      keywords: z.array(z.string()),
      key_rfcs: z.array(z.string()),
      key_drafts: z.array(z.string()).optional(),
      charter_items: z.array(z.string()),
      iot_relevance: z.string(),
      has_dispatch_role: z.boolean().optional(),
      datatracker_url: z.string(),
      successor: z.string().nullable().optional(),
    }),
  ),
});

export interface SeedGroup {
  acronym: string;
  name: string;
  type: string;
  area: string;
  state: string;
  summary: string;
  keywords: string[];
  key_rfcs: number[];
  key_drafts: string[];
  charter_items: string[];
  dispatch_venue: boolean;
  dispatch_scope: string | null;
  iot: boolean;
  successors: string[];
  datatracker_url: string;
}

export interface SeedFile {
  meta: { note: string };
  areas: { acronym: string; name: string; state: string }[];
  groups: SeedGroup[];
}

function unionCaseless(a: readonly string[], b: readonly string[]): string[] {
  const seen = new Set(a.map((s) => s.toLowerCase()));
  const out = [...a];
  for (const s of b) {
    if (seen.has(s.toLowerCase())) continue;
    seen.add(s.toLowerCase());
    out.push(s);
  }
  return out;
}

export function mergeGroupSources(
  ietfJson: unknown,
  iotJson: unknown,
  iotSummaries: Readonly<Record<string, string>>,
): SeedFile {
  const ietf = ZIetfGroups.parse(ietfJson);
  const iot = ZIotGroups.parse(iotJson);
  const byAcronym = new Map<string, SeedGroup>();
  for (const g of ietf.groups) {
    byAcronym.set(g.acronym, {
      acronym: g.acronym,
      name: g.name,
      type: g.type,
      area: g.area,
      state: g.state,
      summary: g.summary,
      keywords: g.keywords,
      key_rfcs: g.key_rfcs,
      key_drafts: [],
      charter_items: [],
      dispatch_venue: g.dispatch_venue ?? false,
      dispatch_scope: g.dispatch_scope ?? null,
      iot: false,
      successors: [],
      datatracker_url: g.datatracker_url,
    });
  }
  for (const g of iot.groups) {
    const isIot = IOT_RELEVANCE.has(g.iot_relevance);
    const rfcs = g.key_rfcs.map(Number);
    const known = byAcronym.get(g.acronym);
    if (known) {
      known.keywords = unionCaseless(known.keywords, g.keywords);
      known.key_rfcs = [...new Set([...known.key_rfcs, ...rfcs])];
      known.key_drafts = g.key_drafts ?? [];
      known.charter_items = g.charter_items;
      known.iot = isIot;
      known.dispatch_venue ||= g.has_dispatch_role ?? false;
      continue;
    }
    const summary = iotSummaries[g.acronym];
    if (!summary) throw new Error(`no project summary for ${g.acronym}`);
    const state = g.state === "concluded" ? "conclude" : g.state;
    byAcronym.set(g.acronym, {
      acronym: g.acronym,
      name: g.name,
      type: g.type,
      area: g.area,
      state,
      summary,
      keywords: g.keywords,
      key_rfcs: rfcs,
      key_drafts: g.key_drafts ?? [],
      charter_items: g.charter_items,
      dispatch_venue: g.has_dispatch_role ?? false,
      dispatch_scope: null,
      iot: isIot,
      successors: [...(SUCCESSORS[g.acronym] ?? (g.successor ? [g.successor] : []))],
      datatracker_url: g.datatracker_url,
    });
  }
  for (const g of byAcronym.values())
    for (const s of g.successors)
      if (!byAcronym.has(s)) throw new Error(`${g.acronym}: unknown successor ${s}`);
  return {
    meta: {
      note: "Built by scripts/build-group-seed.ts from ietf-groups.json and working-groups.json. Names, acronyms, areas, states, keywords and RFC numbers are facts; summaries were written for this project.",
    },
    areas: ietf.areas.map((a) => ({ acronym: a.acronym, name: a.name, state: "active" })),
    groups: [...byAcronym.values()].sort((a, b) => (a.acronym < b.acronym ? -1 : 1)),
  };
}
