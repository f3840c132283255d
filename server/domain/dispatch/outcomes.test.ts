import { describe, expect, it } from "vitest";
import {
  describeOutcome,
  OUTCOME_KINDS,
  OUTCOME_LABELS,
  outcomeTargetGroup,
  ZDispatchOutcome,
  ZRecommendation,
} from "./outcomes";
import { SAMPLES } from "./outcome-samples";

const EXPECTED: Record<keyof typeof SAMPLES, { target: string | null; description: string }> = {
  "existing-wg": { target: "suit", description: "Existing WG: SUIT (recharter needed)" },
  "existing-wg-no-recharter": { target: "6lo", description: "Existing WG: 6LO" },
  bof: { target: null, description: "BoF at IETF 125" },
  "new-wg": { target: null, description: "New WG (draft charter proposed)" },
  "ad-sponsored": { target: null, description: "AD-sponsored by Mahesh Jethanandani" },
  "mailing-list": { target: null, description: "Mailing list: iot-onboarding@ietf.org" },
  irtf: { target: null, description: "IRTF: T2TRG" },
  "other-sdo": { target: null, description: "Other SDO: Thread Group" },
  iotops: { target: "iotops", description: "IOTOPS BCP document" },
  "iotops-info": { target: "iotops", description: "IOTOPS Informational document" },
  "no-ietf-work": { target: null, description: "No IETF work at present" },
};

describe("outcomes", () => {
  it("has a label for every kind and a sample for every kind", () => {
    expect(Object.keys(OUTCOME_LABELS).sort()).toEqual([...OUTCOME_KINDS].sort());
    const sampled = new Set(Object.values(SAMPLES).map((o) => o.kind));
    expect([...sampled].sort()).toEqual([...OUTCOME_KINDS].sort());
  });

  it.each(Object.entries(SAMPLES))("%s: parses, target group and description", (name, sample) => {
    const parsed = ZDispatchOutcome.safeParse(sample);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(sample);
    expect(outcomeTargetGroup(sample)).toBe(EXPECTED[name]?.target);
    expect(describeOutcome(sample)).toBe(EXPECTED[name]?.description);
  });

  it.each([
    [
      "acronym is trimmed and lower-cased",
      { ...SAMPLES["existing-wg"], targetGroup: " SUIT " },
      "suit",
    ],
    ["IRTF acronym is lower-cased", { kind: "irtf", researchGroup: "T2TRG" }, "t2trg"],
  ])("normalises: %s", (_name, input, expected) => {
    const parsed = ZDispatchOutcome.parse(input);
    const value =
      parsed.kind === "existing-wg"
        ? parsed.targetGroup
        : parsed.kind === "irtf"
          ? parsed.researchGroup
          : null;
    expect(value).toBe(expected);
  });

  it.each([
    ["unknown kind", { kind: "wg" }, "kind"],
    ["missing kind", {}, "kind"],
    ["acronym with space", { ...SAMPLES["existing-wg"], targetGroup: "su it" }, "targetGroup"],
    ["acronym with underscore", { ...SAMPLES["existing-wg"], targetGroup: "su_it" }, "targetGroup"],
    ["empty acronym", { ...SAMPLES["existing-wg"], targetGroup: "  " }, "targetGroup"],
    ["one-letter acronym", { ...SAMPLES["existing-wg"], targetGroup: "s" }, "targetGroup"],
    ["unknown charter item", { ...SAMPLES["existing-wg"], charterItem: "routing" }, "charterItem"],
    [
      "missing needsRecharter",
      { kind: "existing-wg", targetGroup: "suit", charterItem: "onboarding" },
      "needsRecharter",
    ],
    ["meeting zero", { kind: "bof", proposedMeeting: 0 }, "proposedMeeting"],
    ["meeting fraction", { kind: "bof", proposedMeeting: 124.5 }, "proposedMeeting"],
    ["meeting as string", { kind: "bof", proposedMeeting: "125" }, "proposedMeeting"],
    ["short charter", { kind: "new-wg", draftCharter: "x".repeat(199) }, "draftCharter"],
    [
      "padded short charter",
      { kind: "new-wg", draftCharter: ` ${"x".repeat(199)} ` },
      "draftCharter",
    ],
    ["blank sponsoring AD", { kind: "ad-sponsored", sponsoringAd: " " }, "sponsoringAd"],
    ["list with spaces", { kind: "mailing-list", listName: "iot onboarding" }, "listName"],
    ["list address without domain", { kind: "mailing-list", listName: "iot@" }, "listName"],
    ["blank list", { kind: "mailing-list", listName: "" }, "listName"],
    ["bad research group", { kind: "irtf", researchGroup: "t2 trg" }, "researchGroup"],
    ["blank SDO", { kind: "other-sdo", sdo: "" }, "sdo"],
    ["bad document type", { kind: "iotops", documentType: "standards-track" }, "documentType"],
  ])("rejects %s", (_name, input, field) => {
    const parsed = ZDispatchOutcome.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toContain(field);
  });

  it.each([
    ["bare list name", "iot-onboarding"],
    ["list address", "iot-onboarding@ietf.org"],
    ["upper-case address", "IOT-Onboarding@IETF.org"],
  ])("accepts mailing list: %s", (_name, listName) => {
    expect(ZDispatchOutcome.safeParse({ kind: "mailing-list", listName }).success).toBe(true);
  });

  describe("recommendation rationale", () => {
    const outcome = SAMPLES["bof"];
    it.each([
      ["empty", "", false],
      ["only spaces", "   \n ", false],
      ["10,000 characters", "r".repeat(10_000), true],
      ["10,001 characters", "r".repeat(10_001), false],
      ["10,000 characters padded with spaces", ` ${"r".repeat(10_000)} `, true],
      ["ordinary", "Fits SUIT's charter.", true],
    ])("%s → valid: %s", (_name, rationale, valid) => {
      expect(ZRecommendation.safeParse({ outcome, rationale }).success).toBe(valid);
    });

    it("trims the rationale", () => {
      expect(ZRecommendation.parse({ outcome, rationale: "  why  " }).rationale).toBe("why");
    });
  });
});
