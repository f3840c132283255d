import { describe, expect, it } from "vitest";

import { TEST_CATALOG as SEED_CATALOG } from "~/server/domain/catalog/test-catalog";
import { CHARTER_ITEMS, type GroupProfile } from "~/server/domain/catalog";

import { createRoutingEngine } from "./engine";
import { groupIsUnclear, recommendationKindOf, scoreVenue } from "./outcomes";

const engine = createRoutingEngine({ groups: SEED_CATALOG.groups, charterItems: CHARTER_ITEMS });
const CONCLUDED = ["lpwan", "6lowpan", "6tisch", "lwig"];

/** A hand-written group for small catalogs. */
function group(acronym: string, over: Partial<GroupProfile>): GroupProfile {
  return {
    acronym,
    name: acronym,
    type: "wg",
    area: "int",
    state: "active",
    summary: "",
    keywords: [],
    keyRfcs: [],
    keyDrafts: [],
    charterItems: [],
    hasDispatchRole: false,
    dispatchScope: null,
    iot: false,
    successors: [],
    datatrackerUrl: null,
    ...over,
  };
}

describe("routing decisions across the whole IETF catalog", () => {
  it.each([
    { title: "A new HTTP header field for request priority", expected: "httpbis" },
    {
      title: "Signalling request priority between HTTP clients and servers",
      text: "A response header field and its semantics for caches and intermediaries.",
      expected: "httpbis",
    },
    { title: "Firmware update manifests for constrained devices", expected: "suit" },
    { title: "A new DNS record type for delegation to authoritative servers", expected: "deleg" },
    { title: "QUIC connection migration for mobile clients", expected: "quic" },
  ])("routes '$title' to $expected first", ({ title, text, expected }) => {
    const r = engine.route({ title, text });
    expect(r.candidates[0]).toMatchObject({ wg: expected });
    expect(r.candidates[0]?.kind).toMatch(/^(wg|venue)$/);
  });

  it.each([
    {
      query: { title: "IPv6 header compression over IEEE 802.15.4 low-power WPAN" },
      concluded: "6LOWPAN",
      successor: "6lo",
    },
    {
      query: { title: "Static context header compression rules for LoRaWAN and Sigfox" },
      concluded: "LPWAN",
      successor: "schc",
    },
  ])(
    "never suggests a concluded group; its successor $successor takes it with the reason",
    ({ query, concluded, successor }) => {
      const r = engine.route(query, { limit: 60 });
      for (const c of CONCLUDED) expect(r.candidates.map((x) => x.wg)).not.toContain(c);
      const top = r.candidates[0]!;
      expect(top.wg).toBe(successor);
      expect(top.reasons).toContain(`takes over the work of the concluded ${concluded}`);
    },
  );

  it("passes a concluded group's documents to its successors", () => {
    const e = createRoutingEngine({ groups: SEED_CATALOG.groups, charterItems: CHARTER_ITEMS });
    const q = { title: "Duty cycling for battery powered sleepy nodes with tiny memory" };
    const before = e.route(q, { limit: 60 }).candidates.find((c) => c.wg === "iotops")!.score;
    e.addDocument({
      name: "draft-test-lwig-sleepy",
      title:
        "Sleepy node guidance: how battery powered nodes with tiny memory schedule radio duty cycles",
      group: "lwig",
    });
    const after = e.route(q, { limit: 60 });
    expect(after.candidates.some((c) => c.wg === "lwig")).toBe(false);
    const iotops = after.candidates.find((c) => c.wg === "iotops")!;
    expect(iotops.score).toBeGreaterThan(before);
    expect(iotops.reasons).toContain("takes over the work of the concluded LWIG");
  });

  it("says in words that no active group covers novel work, naming the closest groups", () => {
    const r = engine.route({
      title: "Coordinating irrigation robots across farms",
      text: "A new protocol for agricultural robots to negotiate shared water allocation schedules and soil moisture readings between neighbouring farms.",
    });
    const top = r.candidates[0]!;
    expect(top).toMatchObject({ wg: "bof", kind: "outcome" });
    expect(top.summary).toMatch(
      /^No active group covers "[^"]+"(, "[^"]+")*; closest (is|are) [A-Z0-9]+( and [A-Z0-9]+)?: consider a BoF or a new WG$/,
    );
    expect(top.reasons[0]).toBe(top.summary);
  });

  it("puts a clear fit above every outcome and venue", () => {
    const r = engine.route({
      title: "SUIT manifest extensions for firmware updates",
      text: "Signed manifests describe firmware images for IoT devices.",
    });
    expect(r.candidates[0]).toMatchObject({ wg: "suit", kind: "wg" });
  });
});

describe("outcomes and venues on small catalogs", () => {
  const tunnels = [
    group("alpha", { summary: "Tunnel encapsulation for overlay packets between sites." }),
    group("beta", { summary: "Overlay tunnel packets between sites with encapsulation." }),
    group("intarea", {
      summary: "Internet Area working group: a venue for new IP-layer work.",
      hasDispatchRole: true,
      dispatchScope: "Internet Area items",
    }),
    group("rtgwg", {
      area: "rtg",
      summary: "Routing Area working group for routing protocols.",
      hasDispatchRole: true,
    }),
  ];

  it("suggests the area's dispatch venue first when two groups fit about equally", () => {
    const e = createRoutingEngine({ groups: tunnels, charterItems: CHARTER_ITEMS });
    const r = e.route({ title: "Overlay networks" });
    const [first, second] = r.candidates;
    const fits = r.candidates.filter((c) => c.wg === "alpha" || c.wg === "beta");
    const fit = Math.max(...fits.map((c) => c.score));
    const runnerUp = Math.min(...fits.map((c) => c.score));
    // Only meaningful when the scores really are moderate and close.
    expect(groupIsUnclear(fit, runnerUp)).toBe(true);
    expect(first).toMatchObject({ wg: "intarea", kind: "venue" });
    expect(first!.summary).toMatch(/bring it to INTAREA first \(Internet Area items\)$/);
    expect(["alpha", "beta"]).toContain(second!.wg);
  });

  it("keeps the venue below a clear single fit", () => {
    const e = createRoutingEngine({
      groups: [tunnels[0]!, tunnels[2]!, group("gamma", { summary: "Time zones in calendars." })],
      charterItems: CHARTER_ITEMS,
    });
    const r = e.route({ title: "Tunnel encapsulation for overlay packets between sites" });
    expect(r.candidates[0]).toMatchObject({ wg: "alpha", kind: "wg" });
  });

  it("suggests AD sponsorship when the only close group has concluded without a successor", () => {
    const e = createRoutingEngine({
      groups: [
        group("oldwg", {
          state: "conclude",
          summary: "Lightweight telemetry records for smart meters.",
          keywords: ["smart meter telemetry"],
        }),
        group("other", { summary: "Calendars and time zones." }),
      ],
      charterItems: CHARTER_ITEMS,
    });
    const r = e.route({ title: "Smart meter telemetry records, lightweight" });
    expect(r.candidates.map((c) => c.wg)).not.toContain("oldwg");
    expect(r.candidates[0]).toMatchObject({ wg: "ad-sponsored", kind: "outcome" });
    expect(r.candidates[0]!.summary).toBe(
      "AD-sponsored document: the closest group, OLDWG, has concluded",
    );
  });

  it("names the research group in an IRTF outcome", () => {
    const e = createRoutingEngine({
      groups: [
        group("thingrg", {
          type: "rg",
          area: "irtf",
          summary: "Research on open questions about networked things.",
        }),
        group("other", { summary: "Calendars and time zones." }),
      ],
      charterItems: CHARTER_ITEMS,
    });
    const r = e.route({
      title: "Open research questions on IoT device networks",
      text: "A survey of open questions and research challenges for IoT sensor networks and constrained devices; exploratory.",
    });
    const irtf = r.candidates.find((c) => c.wg === "irtf")!;
    expect(irtf.summary).toBe("Research question: IRTF (THINGRG)");
  });
});

describe("venue rule and recommendation kinds", () => {
  it.each([
    { fit: 0.4, second: 0.39, unclear: true },
    { fit: 0.4, second: 0.3, unclear: false },
    { fit: 0.7, second: 0.69, unclear: false },
    { fit: 0.1, second: 0.1, unclear: false },
  ])("fit $fit, runner-up $second: unclear=$unclear", ({ fit, second, unclear }) => {
    expect(groupIsUnclear(fit, second)).toBe(unclear);
    if (unclear) expect(scoreVenue(fit, second)).toBeGreaterThan(fit);
    else expect(scoreVenue(fit, second)).toBeLessThan(fit);
  });

  it.each([
    { c: { wg: "suit", kind: "wg" }, kind: "existing-wg" },
    { c: { wg: "iotops", kind: "wg" }, kind: "iotops" },
    { c: { wg: "t2trg", kind: "rg" }, kind: "irtf" },
    { c: { wg: "intarea", kind: "venue" }, kind: "mailing-list" },
    { c: { wg: "bof", kind: "outcome" }, kind: "bof" },
    { c: { wg: "no-ietf-work", kind: "outcome" }, kind: "no-ietf-work" },
    { c: { wg: "no-action", kind: "outcome" }, kind: "no-ietf-work" },
    { c: { wg: "mystery", kind: "outcome" }, kind: null },
  ] as const)("maps a $c.kind suggestion $c.wg to $kind", ({ c, kind }) => {
    expect(recommendationKindOf(c)).toBe(kind);
  });
});
