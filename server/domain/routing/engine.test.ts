import { describe, expect, it } from "vitest";

import { CHARTER_ITEMS, type GroupProfile } from "~/server/domain/catalog";
import { TEST_CATALOG as SEED_CATALOG } from "~/server/domain/catalog/test-catalog";
import { isDomainError } from "~/server/domain/errors";

import { createRoutingEngine, type KnownDocument, type RoutingResult } from "./engine";
import { OUTCOME_IDS } from "./outcomes";

/** Small hand-written knowledge base (not taken from any corpus). */
const DOCS: KnownDocument[] = [
  {
    name: "draft-test-suit-delta",
    title: "Delta images for firmware updates",
    abstract:
      "Describes how a manifest can point to a binary difference between two firmware images so that devices download less data.",
    group: "suit",
  },
  {
    name: "draft-test-suit-status",
    title: "Reporting the status of an update",
    abstract: "Devices report whether installing an image described by a manifest succeeded.",
    group: "suit",
  },
  {
    name: "draft-test-core-proxy",
    title: "Caching proxies for CoAP",
    abstract: "Rules for CoAP proxies that cache responses for sleepy sensor nodes.",
    group: "core",
  },
  {
    name: "draft-test-anima-registrar",
    title: "Operating a BRSKI registrar",
    abstract: "Advice for running the registrar that issues vouchers to pledges during onboarding.",
    group: "anima",
  },
  {
    name: "draft-test-rats-evidence",
    title: "Evidence freshness for remote attestation",
    abstract: "How a verifier checks that attestation evidence from an attester is recent.",
    group: "rats",
  },
];

const newEngine = (documents: readonly KnownDocument[] = DOCS) =>
  createRoutingEngine({ groups: SEED_CATALOG.groups, charterItems: CHARTER_ITEMS, documents });

const QUERIES = [
  {
    title: "Firmware update manifests for sensors",
    text: "Operators need signed manifests to roll out firmware updates over the air.",
  },
  {
    title: "Onboarding devices with vouchers",
    text: "Zero-touch enrollment of a pledge using BRSKI.",
  },
  { title: "Quarantine of compromised cameras", text: "Isolate infected devices on a segment." },
  { title: "Chocolate cake", text: "Mix flour, sugar and eggs; bake for thirty minutes." },
];

function scoreOf(result: RoutingResult, wg: string): number {
  return result.candidates.find((c) => c.wg === wg)?.score ?? 0;
}

/** Strings quoted inside "matches keywords ..." / "shares terms ..." reasons. */
function quotedTerms(reason: string): string[] {
  if (!/^(matches keywords|shares terms|names the group)/.test(reason)) return [];
  return [...reason.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
}

describe("routing engine: output contract", () => {
  const engine = newEngine();

  it.each(QUERIES)("is deterministic for %j", (q) => {
    const again = newEngine();
    expect(engine.route(q)).toEqual(engine.route(q));
    expect(again.route(q)).toEqual(engine.route(q));
  });

  it.each(QUERIES)("returns >= 5 candidates sorted best first with scores in 0..1 (%j)", (q) => {
    const r = engine.route(q);
    expect(r.candidates.length).toBeGreaterThanOrEqual(5);
    for (const c of r.candidates) {
      expect(c.score).toBeGreaterThanOrEqual(0);
      expect(c.score).toBeLessThanOrEqual(1);
      expect(c.reasons.length).toBeGreaterThan(0);
    }
    const scores = r.candidates.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(r.charterItem.score).toBeGreaterThanOrEqual(0);
    expect(r.charterItem.score).toBeLessThanOrEqual(1);
  });

  it("always lists the four non-WG outcomes with kind 'outcome'", () => {
    for (const limit of [5, 8, 30]) {
      const r = engine.route(QUERIES[0]!, { limit });
      for (const id of OUTCOME_IDS) {
        expect(r.candidates.find((c) => c.wg === id)?.kind).toBe("outcome");
      }
      expect(r.candidates.filter((c) => c.kind !== "outcome").length).toBeGreaterThanOrEqual(1);
    }
  });

  it("respects the limit (never fewer than five entries, outcomes appended)", () => {
    const small = engine.route(QUERIES[0]!, { limit: 2 });
    const large = engine.route(QUERIES[0]!, { limit: 12 });
    expect(small.candidates.length).toBeGreaterThanOrEqual(5);
    expect(large.candidates.length).toBeGreaterThan(small.candidates.length);
    expect(large.candidates.slice(0, 5)).toEqual(small.candidates.slice(0, 5));
  });

  it.each(QUERIES)("quotes only terms that occur in the input (%j)", (q) => {
    const input = `${q.title} ${q.text}`.toLowerCase();
    const r = engine.route(q);
    for (const c of r.candidates) {
      for (const reason of c.reasons) {
        for (const term of quotedTerms(reason)) expect(input).toContain(term.toLowerCase());
      }
    }
  });

  it("names similar known documents of the same group only", () => {
    const r = engine.route({ title: "Delta firmware images in a manifest" });
    const suit = r.candidates.find((c) => c.wg === "suit");
    expect(suit?.similarDocuments[0]).toBe("draft-test-suit-delta");
    for (const c of r.candidates) {
      const own = new Set(DOCS.filter((d) => d.group === c.wg).map((d) => d.name));
      for (const name of c.similarDocuments) expect(own.has(name)).toBe(true);
    }
    expect(suit?.reasons.some((x) => x.includes("draft-test-suit-delta"))).toBe(true);
  });

  it.each(["", "   ", "\n\t"])("rejects empty input %j with a VALIDATION error", (blank) => {
    let thrown: unknown;
    try {
      engine.route({ title: blank, text: blank });
    } catch (e) {
      thrown = e;
    }
    expect(isDomainError(thrown) && thrown.code === "VALIDATION").toBe(true);
  });

  it("handles text made only of stopwords with a defined result", () => {
    const r = engine.route({ title: "the of and", text: "it is what it is" });
    expect(r.candidates.length).toBeGreaterThanOrEqual(5);
    expect(r.charterItem.id).toBe("other");
  });
});

describe("routing engine: knowledge", () => {
  it.each([
    {
      group: "drip",
      doc: "Remote identification of drones: verifying broadcast identity messages of unmanned aircraft",
      query: "Verifying identity broadcasts of unmanned aircraft",
    },
    {
      group: "teep",
      doc: "Installing trusted applications in an enclave from a remote manager",
      query: "Remote manager installs trusted applications in enclaves",
    },
    {
      group: "core",
      doc: "Resource discovery for sleepy sensors through a directory",
      query: "Directory based discovery of resources on sleepy sensors",
    },
  ])("adding a labelled $group document raises $group's score for a similar query", (row) => {
    const engine = newEngine();
    const q = { title: row.query };
    const before = scoreOf(engine.route(q, { limit: 40 }), row.group);
    engine.addDocument({ name: `draft-new-${row.group}`, title: row.doc, group: row.group });
    const after = engine.route(q, { limit: 40 });
    expect(scoreOf(after, row.group)).toBeGreaterThan(before);
    expect(after.candidates.find((c) => c.wg === row.group)?.similarDocuments).toContain(
      `draft-new-${row.group}`,
    );
  });

  it("incremental addDocument gives the same state as building from the list", () => {
    const built = newEngine(DOCS);
    const grown = newEngine([]);
    for (const d of DOCS) grown.addDocument(d);
    expect(grown.size()).toBe(built.size());
    for (const q of QUERIES) expect(grown.route(q)).toEqual(built.route(q));
  });

  it("counts known documents in size()", () => {
    const engine = newEngine([]);
    expect(engine.size()).toBe(0);
    engine.addDocument(DOCS[0]!);
    expect(engine.size()).toBe(1);
  });

  it("rejects a known document without group or name", () => {
    const engine = newEngine([]);
    expect(() => engine.addDocument({ name: "x", title: "t", group: " " })).toThrow(/group/);
    expect(() => engine.addDocument({ name: "", title: "t", group: "core" })).toThrow(/name/);
  });

  it("learns a group that is not in the catalog from its documents", () => {
    const engine = newEngine();
    const q = { title: "Zigbee mesh pairing codes for light bulbs" };
    expect(engine.route(q, { limit: 40 }).candidates.some((c) => c.wg === "newwg")).toBe(false);
    engine.addDocument({
      name: "draft-newwg-pairing",
      title: "Pairing codes for Zigbee light bulbs in a mesh",
      group: "NewWG",
    });
    const after = engine.route(q);
    expect(after.candidates[0]?.wg).toBe("newwg");
    expect(after.candidates[0]?.reasons.join(" ")).toMatch(/not in the catalog/);
  });

  it.each([
    {
      group: "scim",
      query: "Provisioning device schema records through SCIM for Wi-Fi Easy Connect",
    },
    {
      group: "oauth",
      query: "Device authorization grant for input-constrained devices, user code",
    },
    { group: "netconf", query: "Secure zero touch provisioning (SZTP) with a bootstrap server" },
    // 6LoWPAN has concluded: its successor 6LO takes its profile-only matches.
    { group: "6lo", query: "IPv6 header compression over IEEE 802.15.4 low-power WPAN" },
  ])("routes $group from its profile alone (no documents of that group)", ({ group, query }) => {
    const engine = newEngine();
    expect(DOCS.some((d) => d.group === group)).toBe(false);
    const top3 = engine
      .route({ title: query })
      .candidates.slice(0, 3)
      .map((c) => c.wg);
    expect(top3).toContain(group);
  });

  it("gives a profile-only group keyword reasons from the input", () => {
    const engine = newEngine();
    const r = engine.route({ title: "SCIM device schema for onboarding" });
    const scim = r.candidates.find((c) => c.wg === "scim");
    expect(scim?.reasons.find((x) => x.startsWith("matches keywords"))).toMatch(/"SCIM"/);
  });

  it("ignores directorates as candidates (they review work, they do not take it)", () => {
    const engine = newEngine();
    const r = engine.route({ title: "IoT directorate early review" }, { limit: 40 });
    expect(r.candidates.some((c) => c.wg === "iotdir")).toBe(false);
  });
});

describe("routing engine: fallbacks and charter items", () => {
  const engine = newEngine();

  it.each([
    { title: "Chocolate cake", text: "Mix flour, sugar and eggs; bake for thirty minutes." },
    { title: "Football results", text: "The home side scored twice in the second half." },
    {
      title: "Quarterly earnings",
      text: "Revenue rose while costs fell; a dividend was declared.",
    },
  ])("puts no-ietf-work first for off-topic text ($title)", (q) => {
    const r = engine.route(q);
    expect(r.candidates[0]?.wg).toBe("no-ietf-work");
    expect(r.charterItem.id).toBe("other");
  });

  it("prefers a new-work outcome over no-ietf-work for vague IoT text", () => {
    const r = engine.route({
      title: "Problems with many networked devices",
      text: "Operators of large fleets of devices see new operational problems on their networks.",
    });
    const rank = (id: string) => r.candidates.findIndex((c) => c.wg === id);
    expect(Math.min(rank("bof"), rank("irtf"))).toBeLessThan(rank("no-ietf-work"));
    expect(scoreOf(r, "no-ietf-work")).toBeLessThan(0.2);
  });

  it("keeps a well-matching group above every outcome", () => {
    const r = engine.route(QUERIES[0]!);
    expect(r.candidates[0]?.kind).not.toBe("outcome");
  });

  it.each([
    { q: QUERIES[0]!, item: "firmware-update" },
    { q: QUERIES[1]!, item: "onboarding" },
    { q: QUERIES[2]!, item: "isolation-quarantine" },
    {
      q: {
        title: "Retiring devices",
        text: "Decommissioning and revoking credentials at end of life",
      },
      item: "end-of-life",
    },
  ])("classifies the charter item as $item", ({ q, item }) => {
    const r = engine.route(q);
    expect(r.charterItem.id).toBe(item);
    expect(r.charterItem.reasons.length).toBeGreaterThan(0);
  });

  it("learns charter items from labelled documents", () => {
    const q = { title: "Counting packets dropped by line cards" };
    const plain = newEngine([]);
    const labelled = newEngine([
      {
        name: "draft-test-drops",
        title: "Counting dropped packets on line cards",
        group: "opsawg",
        charterItem: "administrative-control",
      },
    ]);
    const a = plain.route(q).charterItem;
    const b = labelled.route(q).charterItem;
    expect(b.id).toBe("administrative-control");
    expect(b.id === a.id ? b.score > a.score : true).toBe(true);
  });
});

describe("routing engine: custom catalogs", () => {
  it("works with a minimal catalog of one group", () => {
    const only: GroupProfile = { ...SEED_CATALOG.groups.find((g) => g.acronym === "suit")! };
    const engine = createRoutingEngine({ groups: [only], charterItems: CHARTER_ITEMS });
    const r = engine.route({ title: "SUIT manifest for firmware" });
    expect(r.candidates[0]?.wg).toBe("suit");
    expect(r.candidates.length).toBeGreaterThanOrEqual(5);
  });
});
