import { groupFromDraftName, stripDraftRevision } from "~/server/domain/documents/names";
import { describe, expect, it } from "vitest";

import { addFeatures, createTextAnalyzer, findPhrase, stripBoilerplate } from "./text";

const analyzer = createTextAnalyzer(["OSCORE", "EAT", "BRSKI", "CoAP", "SCHC", "6LoWPAN", "suit"]);
const terms = (s: string) => analyzer.analyze(s).tokens.map((t) => t.term);

describe("text analysis", () => {
  it.each([
    ["updates", "update"],
    ["Devices", "device"],
    ["bootstrapping", "bootstrap"],
  ])("stems %s and %s to the same term", (a, b) => {
    expect(analyzer.termOf(a)).toBe(analyzer.termOf(b));
  });

  it.each([
    ["OSCORE", "oscore"],
    ["oscore", "oscore"],
    ["CoAP", "coap"],
    ["6LoWPAN", "6lowpan"],
    ["BRSKI", "brski"],
    ["SCHC", "schc"],
  ])("keeps acronym %s unstemmed as %s", (word, term) => {
    expect(analyzer.termOf(word)).toBe(term);
  });

  it.each([
    ["EAT", "eat"],
    ["SUIT", "suites"],
  ])("keeps acronym %s apart from the English word %s", (acronym, word) => {
    expect(analyzer.termOf(acronym)).not.toBe(analyzer.termOf(word));
  });

  it("drops stopwords and pure numbers and marks acronyms", () => {
    const a = analyzer.analyze("The SUIT manifest of 2024");
    expect(a.tokens.map((t) => t.surface)).toEqual(["SUIT", "manifest"]);
    expect(a.tokens[0]?.acronym).toBe(true);
    expect(a.tokens[1]?.acronym).toBe(false);
  });

  it("records character offsets of the surface text", () => {
    const text = "Secure firmware updates.";
    for (const t of analyzer.analyze(text).tokens)
      expect(text.slice(t.start, t.end)).toBe(t.surface);
  });

  it("extracts RFC and draft references in their usual spellings", () => {
    const a = analyzer.analyze(
      "See RFC 8520, [RFC9019], rfc-7252 and draft-ietf-suit-manifest-25 or draft-ietf-suit-manifest.",
    );
    expect(a.rfcs).toEqual(["7252", "8520", "9019"]);
    expect(a.drafts).toEqual(["draft-ietf-suit-manifest"]);
  });

  it("forms bigrams within a clause but not across punctuation or stopwords", () => {
    const bag = addFeatures(new Map(), analyzer.analyze("firmware update. manifest of devices"));
    const keys = [...bag.keys()];
    expect(keys).toContain(`${analyzer.termOf("firmware")} ${analyzer.termOf("update")}`);
    expect(keys).not.toContain(`${analyzer.termOf("update")} ${analyzer.termOf("manifest")}`);
    expect(keys).not.toContain(`${analyzer.termOf("manifest")} ${analyzer.termOf("devices")}`);
  });

  it("finds a phrase only as a contiguous run", () => {
    const tokens = analyzer.analyze("signed firmware update images").tokens;
    expect(findPhrase(tokens, terms("firmware update"))).toBe(1);
    expect(findPhrase(tokens, terms("signed images"))).toBe(-1);
    expect(findPhrase(tokens, [])).toBe(-1);
  });

  it("names the group of ietf/irtf drafts only", () => {
    expect(groupFromDraftName("draft-ietf-suit-manifest")).toBe("suit");
    expect(groupFromDraftName("draft-irtf-t2trg-iot-edge")).toBe("t2trg");
    expect(groupFromDraftName("draft-someone-suit-idea")).toBeNull();
    expect(stripDraftRevision("Draft-IETF-SUIT-Manifest-07")).toBe("draft-ietf-suit-manifest");
  });
});

describe("stripBoilerplate", () => {
  it("removes the trailing 'About This Document' block", () => {
    const text =
      "Defines a thing for devices. About This Document This note is to be removed before publishing as an RFC. Discussion of this document takes place on the Example Working Group mailing list (x@ietf.org).";
    expect(stripBoilerplate(text)).toBe("Defines a thing for devices. ");
  });

  it("removes boilerplate sentences but keeps technical ones", () => {
    const text =
      "Devices report status. Source for this draft and an issue tracker can be found at https://github.com/x/y. Reports are signed.";
    expect(stripBoilerplate(text)).toBe("Devices report status. Reports are signed.");
  });

  it("returns plain text unchanged", () => {
    const text = "Nothing special here. Just two sentences.";
    expect(stripBoilerplate(text)).toBe(text);
  });
});
