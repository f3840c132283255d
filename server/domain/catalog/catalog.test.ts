import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import {
  AREAS,
  CHARTER_ITEMS,
  CHARTER_ITEM_IDS,
  GROUPS,
  findArea,
  findGroup,
  isCharterItemId,
} from "./index";

describe("catalog consistency", () => {
  it("has unique lowercase group acronyms and known areas", () => {
    const acronyms = GROUPS.map((g) => g.acronym);
    expect(new Set(acronyms).size).toBe(acronyms.length);
    for (const g of GROUPS) {
      expect(g.acronym).toBe(g.acronym.toLowerCase());
      expect(findArea(g.area)).toBeDefined();
      expect(g.datatrackerUrl).toMatch(new RegExp(`/${g.acronym}/about/$`));
      expect(g.keywords.length).toBeGreaterThan(0);
      for (const r of g.keyRfcs) expect(r).toMatch(/^\d{3,5}$/);
      for (const d of g.keyDrafts) expect(d).toMatch(/^draft-(ietf|irtf)-[a-z0-9]+-/);
    }
  });

  it("refers only to known charter items and groups", () => {
    for (const g of GROUPS) {
      for (const c of g.charterItems) expect(isCharterItemId(c)).toBe(true);
      if (g.successor) expect(findGroup(g.successor)).toBeDefined();
      if (g.predecessor) expect(findGroup(g.predecessor)).toBeDefined();
      if (g.state === "concluded") expect(g.hasDispatchRole).toBe(false);
    }
  });

  it("lists the nine charter items in order", () => {
    expect(CHARTER_ITEMS.map((c) => c.id)).toEqual([...CHARTER_ITEM_IDS]);
    expect(CHARTER_ITEM_IDS).toHaveLength(9);
  });

  it("looks groups and areas up case-insensitively", () => {
    expect(findGroup(" SUIT ")?.name).toBe("Software Updates for Internet of Things");
    expect(findGroup("nope")).toBeUndefined();
    expect(findArea("OPS")?.acronym).toBe("ops");
  });
});

const SOURCE = path.resolve(process.cwd(), "../shared/data/working-groups.json");
const present = existsSync(SOURCE);
if (!present) console.warn(`[catalog] source comparison skipped: ${SOURCE} not found`);

interface SourceGroup {
  acronym: string;
  name: string;
  type: string;
  area: string;
  state: string;
  summary: string;
  keywords: string[];
  key_rfcs: string[];
  key_drafts?: string[];
  charter_items: string[];
  has_dispatch_role?: boolean;
  datatracker_url: string;
  successor?: string;
  predecessor?: string;
}
interface Source {
  areas: { acronym: string; name: string }[];
  charter_items: { id: string; title: string; description: string }[];
  groups: SourceGroup[];
}

/** Word 6-grams of a text, to detect copied sentences. */
function shingles(text: string, n = 6): Set<string> {
  const w = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + n <= w.length; i++) out.add(w.slice(i, i + n).join(" "));
  return out;
}

describe.skipIf(!present)("catalog matches the shared source data", () => {
  const src: Source = present
    ? (JSON.parse(readFileSync(SOURCE, "utf8")) as Source)
    : { areas: [], charter_items: [], groups: [] };

  it("has the same groups with the same facts", () => {
    expect(GROUPS.map((g) => g.acronym).sort()).toEqual(src.groups.map((g) => g.acronym).sort());
    for (const s of src.groups) {
      const g = findGroup(s.acronym)!;
      expect(g.name).toBe(s.name);
      expect(g.type).toBe(s.type);
      expect(g.area).toBe(s.area);
      expect(g.state).toBe(s.state);
      expect([...g.keywords]).toEqual(s.keywords);
      expect([...g.keyRfcs]).toEqual(s.key_rfcs);
      expect([...g.keyDrafts]).toEqual(s.key_drafts ?? []);
      expect([...g.charterItems]).toEqual(s.charter_items);
      expect(g.hasDispatchRole).toBe(s.has_dispatch_role ?? false);
      expect(g.datatrackerUrl).toBe(s.datatracker_url);
      expect(g.successor).toBe(s.successor);
      expect(g.predecessor).toBe(s.predecessor);
    }
  });

  it("has the same areas and charter item ids and titles", () => {
    expect(AREAS.map((a) => [a.acronym, a.name])).toEqual(
      src.areas.map((a) => [a.acronym, a.name]),
    );
    expect(CHARTER_ITEMS.map((c) => [c.id, c.title])).toEqual(
      src.charter_items.map((c) => [c.id, c.title]),
    );
  });

  it("words summaries and descriptions differently from the source", () => {
    const pairs = [
      ...src.groups.map((s) => [findGroup(s.acronym)!.summary, s.summary] as const),
      ...src.charter_items.map(
        (s) => [CHARTER_ITEMS.find((c) => c.id === s.id)!.description, s.description] as const,
      ),
    ];
    for (const [ours, theirs] of pairs) {
      expect(ours).not.toBe(theirs);
      const a = shingles(ours);
      const shared = [...shingles(theirs)].filter((x) => a.has(x));
      expect(shared).toEqual([]);
    }
  });
});
