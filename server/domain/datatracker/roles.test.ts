import { describe, expect, it } from "vitest";
import { mapRole, planPersonRoles } from "./roles";

const base = {
  id: 5001,
  name: "/api/v1/name/rolename/chair/",
  group: "/api/v1/group/group/2291/",
  person: "/api/v1/person/person/100101/",
  email: "/api/v1/person/email/Carol@Example.org/",
  resource_uri: "/api/v1/group/role/5001/",
};

describe("mapRole", () => {
  it("maps a role to a (person, role, group) triple by Datatracker ids", () => {
    expect(mapRole(base)).toEqual({
      ok: true,
      value: {
        datatrackerId: 5001,
        role: "chair",
        groupId: 2291,
        personId: 100101,
        email: "carol@example.org",
      },
    });
  });
  it.each<[string, unknown, string]>([
    ["not an object", null, "expected a role object"],
    ["no id", { ...base, id: 0, resource_uri: undefined }, '"id" must be a positive integer'],
    [
      "a role slug instead of a URI",
      { ...base, name: "chair" },
      '"name" must be a /api/v1/name/rolename/<slug>/ URI',
    ],
    [
      "a group by acronym",
      { ...base, group: "iotops" },
      '"group" must be a /api/v1/group/group/<id>/ URI',
    ],
    ["no person", { ...base, person: null }, '"person" must be a /api/v1/person/person/<id>/ URI'],
    [
      "an address without @",
      { ...base, email: "/api/v1/person/email/carol/" },
      '"email" must be a /api/v1/person/email/<address>/ URI',
    ],
  ])("refuses %s", (_what, o, problem) => {
    expect(mapRole(o)).toEqual({ ok: false, problem });
  });
});

describe("planPersonRoles: synced roles are refreshed, manual grants are kept", () => {
  const synced = new Set(["iotops", "suit", "ops"]);
  const g = (id: number, role: string, group: string, source: string) => ({
    id,
    role,
    group,
    source,
  });
  it.each<
    [
      string,
      ReturnType<typeof g>[],
      { role: string; group: string }[],
      { add: string[]; remove: number[]; keep: number[] },
    ]
  >([
    [
      "a new role is granted",
      [],
      [{ role: "chair", group: "iotops" }],
      { add: ["chair/iotops"], remove: [], keep: [] },
    ],
    [
      "a role gone from the Datatracker is revoked",
      [g(1, "chair", "iotops", "datatracker")],
      [],
      { add: [], remove: [1], keep: [] },
    ],
    [
      "a manual grant is never revoked",
      [g(2, "chair", "iotops", "manual")],
      [],
      { add: [], remove: [], keep: [] },
    ],
    [
      "a manual grant of the same pair still gets its synced twin",
      [g(2, "chair", "suit", "manual")],
      [{ role: "chair", group: "suit" }],
      { add: ["chair/suit"], remove: [], keep: [] },
    ],
    [
      "a synced grant in a group the sync does not mirror is left alone",
      [g(3, "member", "iab", "datatracker")],
      [],
      { add: [], remove: [], keep: [] },
    ],
    [
      "an unchanged role is kept",
      [g(4, "ad", "ops", "datatracker")],
      [{ role: "ad", group: "ops" }],
      { add: [], remove: [], keep: [4] },
    ],
  ])("%s", (_what, current, wanted, expected) => {
    const plan = planPersonRoles(current, wanted, synced);
    expect({
      add: plan.add.map((a) => `${a.role}/${a.group}`),
      remove: plan.remove.map((r) => r.id),
      keep: plan.keep.map((k) => k.id),
    }).toEqual(expected);
  });
});
