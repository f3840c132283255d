import { describe, expect, it } from "vitest";
import type { Actor, RoleGrant } from "./actor";
import { grantGroup, roleLabel } from "./actor";
import {
  can,
  HANDED_OFF_STATES,
  holdersOf,
  issueVisibility,
  NO_RESOURCE,
  reviewAreas,
  type Action,
  type Duty,
  type IssueResource,
  type Resource,
} from "./policy";

function holding(...roles: RoleGrant[]): Actor {
  return { personId: 40, name: "Holder", email: "holder@example.org", emailVerified: true, roles };
}

function issue(over: Partial<IssueResource> = {}): IssueResource {
  return {
    kind: "issue",
    submitterId: 1,
    confidential: true,
    area: "ops",
    state: "dispatched",
    targetGroup: "suit",
    ...over,
  };
}

/**
 * Each duty: the grant that carries it (written out by hand), and what that
 * grant entitles its holder to do. Holding the grant must allow the action;
 * the same role in another group must not.
 */
const DUTIES: {
  duty: Duty;
  grant: RoleGrant;
  otherGroup: RoleGrant;
  may: [Action, Resource][];
}[] = [
  {
    duty: { duty: "dispatch" },
    grant: { role: "chair", group: "iotops" },
    otherGroup: { role: "chair", group: "suit" },
    may: [
      ["triage.view", NO_RESOURCE],
      ["issue.triage", issue({ state: "submitted", targetGroup: null })],
      ["issue.recommend", issue({ state: "in-discussion", targetGroup: null })],
      ["issue.view", issue({ state: "submitted", targetGroup: null })],
    ],
  },
  {
    duty: { duty: "review", area: "ops" },
    grant: { role: "ad", group: "ops" },
    otherGroup: { role: "ad", group: "int" },
    may: [
      ["issue.review", issue({ state: "ad-review" })],
      ["issue.view", issue({ state: "submitted", targetGroup: null })],
    ],
  },
  {
    duty: { duty: "lead-group", group: "suit" },
    grant: { role: "chair", group: "suit" },
    otherGroup: { role: "chair", group: "anima" },
    may: [
      ["issue.acknowledge", issue()],
      ["issue.view", issue()],
      ["agenda.manage", { kind: "group", acronym: "suit" }],
      [
        "document.change-wg-state",
        {
          kind: "document",
          group: "suit",
          area: "sec",
          adEmail: null,
          authorEmails: [],
          mirrored: false,
        },
      ],
    ],
  },
];

describe("holdersOf names the grant that carries each duty", () => {
  it.each(DUTIES)("$duty.duty → $grant.role/$grant.group", ({ duty, grant }) => {
    expect(holdersOf(duty)).toEqual(grant);
  });
});

describe("the policy entitles exactly the holders of a duty", () => {
  const rows = DUTIES.flatMap(({ duty, otherGroup, may }) =>
    may.map(([action, resource]) => ({ name: duty.duty, duty, otherGroup, action, resource })),
  );
  it.each(rows)("$name: a holder may $action", ({ duty, action, resource }) => {
    expect(can(holding(holdersOf(duty)), action, resource)).toBe(true);
  });
  it.each(rows)("$name: the same role elsewhere may not $action", (row) => {
    expect(can(holding(row.otherGroup), row.action, row.resource)).toBe(false);
  });
  it.each(rows)("$name: nobody without a role may $action", ({ action, resource }) => {
    expect(can(holding(), action, resource)).toBe(false);
  });
});

describe("queue scopes follow the duties", () => {
  it.each([
    { roles: [holdersOf({ duty: "review", area: "ops" })], areas: ["ops"] },
    {
      roles: [
        holdersOf({ duty: "review", area: "ops" }),
        holdersOf({ duty: "review", area: "int" }),
      ],
      areas: ["ops", "int"],
    },
    { roles: [holdersOf({ duty: "lead-group", group: "ops" })], areas: [] },
    { roles: [{ role: "delegate", group: "ops" }], areas: [] },
  ])("review areas of $roles are $areas", ({ roles, areas }) => {
    expect(reviewAreas(holding(...roles))).toEqual(areas);
  });

  it.each([
    { roles: [holdersOf({ duty: "dispatch" })], expected: "all" as const },
    {
      roles: [holdersOf({ duty: "lead-group", group: "suit" }), { role: "ad", group: "int" }],
      expected: { submitterId: 40, areas: ["int"], receivingGroups: ["suit"] },
    },
    {
      roles: [{ role: "secr", group: "suit" }],
      expected: { submitterId: 40, areas: [], receivingGroups: [] },
    },
  ])("visibility for $roles", ({ roles, expected }) => {
    expect(issueVisibility(holding(...roles))).toEqual(expected);
  });
});

describe("roleLabel (display only)", () => {
  it.each([
    [{ role: "chair", group: "iotops" }, "chair iotops"],
    [{ role: "ad", group: "ops" }, "ad ops"],
    [{ role: "secretariat", group: "secretariat" }, "secretariat"],
    [{ role: "secr", group: "secretariat" }, "secr secretariat"],
  ])("%o reads %s", (grant, label) => {
    expect(roleLabel(grant)).toBe(label);
  });
});

describe("state lists come from the state machine", () => {
  it("work is with the receiving group once dispatched and once accepted", () => {
    expect(HANDED_OFF_STATES).toEqual(["dispatched", "accepted"]);
  });
});

describe("grantGroup", () => {
  it.each([
    ["secretariat", "iotops", "secretariat"],
    ["secretariat", "secretariat", "secretariat"],
    ["chair", "suit", "suit"],
    ["ad", "ops", "ops"],
    ["secr", "iotops", "iotops"],
  ])("a %s grant asked for in %s is held in %s", (role, asked, held) => {
    expect(grantGroup(role, asked)).toBe(held);
  });
});
