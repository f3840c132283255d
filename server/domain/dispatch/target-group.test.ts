import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import type { DispatchOutcome } from "./outcomes";
import {
  assertTargetGroup,
  assertTargetGroupStillReceives,
  targetGroupProblem,
  type KnownGroup,
} from "./target-group";

const wg = (acronym: string, state = "active"): KnownGroup => ({ acronym, type: "wg", state });
const rg = (acronym: string, state = "active"): KnownGroup => ({ acronym, type: "rg", state });
const toWg = (targetGroup: string): DispatchOutcome => ({
  kind: "existing-wg",
  targetGroup,
  charterItem: "firmware-update",
  needsRecharter: false,
});
const toRg = (researchGroup: string): DispatchOutcome => ({ kind: "irtf", researchGroup });

describe("targetGroupProblem", () => {
  const cases: [string, DispatchOutcome, KnownGroup | undefined, RegExp | null][] = [
    ["an active WG", toWg("suit"), wg("suit"), null],
    ["a mistyped WG", toWg("anmia"), undefined, /^There is no group called ANMIA\./],
    ["a concluded WG", toWg("lwig"), wg("lwig", "conclude"), /LWIG is not an active group/],
    ["a WG in BoF state", toWg("newgrp"), wg("newgrp", "bof"), /not an active group/],
    ["a research group as a WG", toWg("t2trg"), rg("t2trg"), /T2TRG is not a working group/],
    ["an active RG", toRg("t2trg"), rg("t2trg"), null],
    ["an unknown RG", toRg("nope"), undefined, /There is no group called NOPE/],
    ["a WG as an RG", toRg("suit"), wg("suit"), /^SUIT is not an IRTF research group\./],
    ["an outcome with no group", { kind: "no-ietf-work" }, undefined, null],
    ["a BoF", { kind: "bof", proposedMeeting: 125 }, undefined, null],
  ];
  it.each(cases)("%s", (_name, outcome, group, expected) => {
    const problem = targetGroupProblem(outcome, group);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});

describe("assertTargetGroup", () => {
  it("names the field the chairs chose the group in", () => {
    let caught: unknown;
    try {
      assertTargetGroup(toWg("anmia"), undefined);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toMatchObject({
      code: "VALIDATION",
      details: {
        fieldErrors: {
          "recommendation.outcome.targetGroup": [
            "There is no group called ANMIA. Choose a group from the list.",
          ],
        },
      },
    });
  });
  it("accepts an active working group", () => {
    expect(() => assertTargetGroup(toWg("suit"), wg("suit"))).not.toThrow();
  });
});

describe("assertTargetGroupStillReceives", () => {
  it.each([
    ["an active WG", toWg("suit"), wg("suit"), null],
    ["an outcome with no group", { kind: "no-ietf-work" } as DispatchOutcome, undefined, null],
    ["a mistyped WG", toWg("anmia"), undefined, /there is no group called ANMIA\. Return it/],
    ["a WG concluded since", toWg("lwig"), wg("lwig", "conclude"), /LWIG is not an active group/],
    ["an RG as a WG", toWg("t2trg"), rg("t2trg"), /T2TRG is not a working group/],
  ] as const)("%s", (_name, outcome, group, expected) => {
    const run = () => assertTargetGroupStillReceives(outcome, group);
    if (expected === null) expect(run).not.toThrow();
    else expect(run).toThrow(expected);
  });
});
