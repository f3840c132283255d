import { describe, expect, it } from "vitest";

import {
  assignFolds,
  fnv1a,
  linkRelatedDocuments,
  type LinkableDocument,
} from "./cross-validation";

const doc = (name: string, group: string, title: string, abstract = ""): LinkableDocument => ({
  name,
  group,
  title,
  abstract,
});

const WORDS = [
  "apple",
  "banana",
  "cherry",
  "damson",
  "elder",
  "fig",
  "grape",
  "hazel",
  "iris",
  "juniper",
  "kiwi",
  "lemon",
  "mango",
  "nectarine",
  "olive",
  "peach",
  "quince",
  "raisin",
  "sloe",
  "tomato",
];

const DOCS: LinkableDocument[] = [
  doc(
    "draft-ietf-demo-widget",
    "demo",
    "The Widget Protocol for Constrained Nodes",
    "Widgets let constrained nodes exchange gadget state efficiently over lossy links.",
  ),
  doc(
    "rfc9999",
    "demo",
    "The Widget Protocol for Constrained Nodes",
    "Widgets let constrained nodes exchange gadget state efficiently over lossy radio links.",
  ),
  doc("draft-ietf-demo-rfc9999bis", "demo", "Widget Protocol, Second Edition"),
  doc("draft-ietf-demo-other", "demo", "Sprocket Discovery", "Sprockets are found via multicast."),
  ...WORDS.slice(0, 12).map((w, i) => doc(`draft-ietf-alpha-${i}`, "alpha", `${w} timers`)),
  ...WORDS.slice(12).map((w, i) => doc(`draft-ietf-beta-${i}`, "beta", `${w} registries`)),
];

describe("linkRelatedDocuments", () => {
  const { component, links } = linkRelatedDocuments(DOCS);
  const comp = (name: string) => component[DOCS.findIndex((d) => d.name === name)];

  it("links a draft with the RFC of the same title and abstract", () => {
    expect(comp("draft-ietf-demo-widget")).toBe(comp("rfc9999"));
  });

  it("links an rfcNNNNbis draft with rfcNNNN", () => {
    expect(comp("draft-ietf-demo-rfc9999bis")).toBe(comp("rfc9999"));
    expect(links.some((l) => l.why === "bis of")).toBe(true);
  });

  it("leaves unrelated documents apart", () => {
    expect(comp("draft-ietf-demo-other")).not.toBe(comp("rfc9999"));
    expect(new Set(component).size).toBe(DOCS.length - 2);
  });
});

describe("assignFolds", () => {
  it("is deterministic and independent of input order", () => {
    const a = assignFolds(DOCS, 5);
    const reversed = [...DOCS].reverse();
    const b = assignFolds(reversed, 5);
    DOCS.forEach((d, i) => expect(b[reversed.indexOf(d)]).toBe(a[i]));
    expect(assignFolds(DOCS, 5)).toEqual(a);
  });

  it("does not depend on input order for any seed, linked groups included", () => {
    const reversed = [...DOCS].reverse();
    for (let n = 0; n < 30; n++) {
      const seed = `seed-${n}`;
      const a = assignFolds(DOCS, 3, { seed });
      const b = assignFolds(reversed, 3, { seed });
      expect(
        DOCS.map((d, i) => b[reversed.indexOf(d)] === a[i]),
        seed,
      ).not.toContain(false);
    }
  });

  it("keeps linked documents in one fold", () => {
    const folds = assignFolds(DOCS, 4);
    const f = (name: string) => folds[DOCS.findIndex((d) => d.name === name)];
    expect(f("draft-ietf-demo-widget")).toBe(f("rfc9999"));
    expect(f("draft-ietf-demo-rfc9999bis")).toBe(f("rfc9999"));
  });

  it("spreads each group over the folds (stratified)", () => {
    const k = 4;
    const folds = assignFolds(DOCS, k);
    for (const group of ["alpha", "beta"]) {
      const counts = new Array<number>(k).fill(0);
      DOCS.forEach((d, i) => {
        if (d.group === group) counts[folds[i]!]!++;
      });
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
    expect(folds.every((f) => f >= 0 && f < k)).toBe(true);
  });

  it.each([0, 1, 2.5])("rejects k = %s", (k) => {
    expect(() => assignFolds(DOCS, k)).toThrow(RangeError);
  });

  it("hashes stably", () => {
    expect(fnv1a("")).toBe(0x811c9dc5);
    expect(fnv1a("a")).toBe(0xe40c292c);
  });
});
