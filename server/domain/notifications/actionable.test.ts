import { describe, expect, it } from "vitest";
import type { Actor } from "../permissions/actor";
import type { IssueResource } from "../permissions/policy";
import { eventNeedsAction } from "./actionable";

const person = (personId: number, roles: { role: string; group: string }[] = []): Actor => ({
  personId,
  name: `P${personId}`,
  email: `p${personId}@example.org`,
  emailVerified: true,
  roles,
});

const PEOPLE = {
  submitter: person(1),
  contributor: person(2),
  iotopsChair: person(3, [{ role: "chair", group: "iotops" }]),
  suitChair: person(4, [{ role: "chair", group: "suit" }]),
  opsAd: person(5, [{ role: "ad", group: "ops" }]),
  intAd: person(6, [{ role: "ad", group: "int" }]),
  secretariat: person(7, [{ role: "secretariat", group: "secretariat" }]),
};
type Who = keyof typeof PEOPLE;

const issue = (state: string, targetGroup: string | null, confidential = false): IssueResource => ({
  kind: "issue",
  submitterId: 1,
  confidential,
  area: "ops",
  state,
  targetGroup,
});

describe("which events need whose action", () => {
  it.each<[string, Record<string, unknown>, IssueResource, Who[]]>([
    ["filed", {}, issue("submitted", null), ["iotopsChair"]],
    ["info-requested", {}, issue("needs-info", null), ["submitter"]],
    ["review-requested", {}, issue("ad-review", "suit"), ["opsAd"]],
    ["ad-approved", { targetGroup: "suit" }, issue("dispatched", "suit"), ["suitChair"]],
    // A confidential hand-off still needs the receiving chairs: the policy entitles them.
    ["ad-approved", { targetGroup: "suit" }, issue("dispatched", "suit", true), ["suitChair"]],
    ["ad-approved", { targetGroup: null }, issue("dispatched", null), []],
    ["ad-returned", {}, issue("returned", "suit"), ["iotopsChair"]],
    ["declined", {}, issue("returned", "suit"), ["iotopsChair"]],
    ["chair-assigned", { after: 3 }, issue("submitted", null), ["iotopsChair"]],
    ["chair-assigned", { after: "3" }, issue("submitted", null), []],
    ["discussion-started", {}, issue("in-discussion", null), []],
    ["closed", {}, issue("closed", null), []],
    ["acknowledged", {}, issue("accepted", "suit"), []],
  ])("%s %o needs: %o", (type, payload, r, expected) => {
    const needs = (Object.keys(PEOPLE) as Who[]).filter((w) =>
      eventNeedsAction(PEOPLE[w], type, payload, r),
    );
    expect(needs).toEqual(expected);
  });
});
