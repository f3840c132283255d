import { describe, expect, it } from "vitest";
import type { RoleGrant } from "./actor";
import { diffDatatrackerRoles, parseRolesClaim, type SourcedGrant } from "./datatracker-roles";

const chairIotops: RoleGrant = { role: "chair", group: "iotops" };
const adOps: RoleGrant = { role: "ad", group: "ops" };

describe("parseRolesClaim", () => {
  const cases: { name: string; claim: unknown; roles: RoleGrant[]; ignored?: unknown[] }[] = [
    { name: "a missing claim means no roles", claim: undefined, roles: [] },
    { name: "a null claim means no roles", claim: null, roles: [] },
    { name: "an empty list means no roles", claim: [], roles: [] },
    {
      name: "pairs become (role, group) grants in claim order",
      claim: [
        ["chair", "iotops"],
        ["ad", "ops"],
      ],
      roles: [chairIotops, adOps],
    },
    {
      name: "unknown roles and groups are kept",
      claim: [
        ["techadv", "t2trg"],
        ["liaison_contact", "ietf-iab"],
        ["chair", "some-bof"],
      ],
      roles: [
        { role: "techadv", group: "t2trg" },
        { role: "liaison_contact", group: "ietf-iab" },
        { role: "chair", group: "some-bof" },
      ],
    },
    {
      name: "case and surrounding space are normalised",
      claim: [[" Chair ", "IOTOPS"]],
      roles: [chairIotops],
    },
    {
      name: "duplicates collapse to one grant",
      claim: [
        ["chair", "iotops"],
        ["CHAIR", "iotops"],
        ["chair", "iotops"],
      ],
      roles: [chairIotops],
    },
    {
      name: "the Datatracker's secretariat is not translated",
      claim: [["secr", "secretariat"]],
      roles: [{ role: "secr", group: "secretariat" }],
    },
    {
      name: "malformed entries are skipped and reported",
      claim: [
        ["chair", "iotops"],
        ["chair"],
        ["chair", "iotops", "extra"],
        "chair:iotops",
        [1, "iotops"],
        ["chair", ""],
        ["", "iotops"],
        ["chair", "has space"],
        ["chair", "x".repeat(65)],
        null,
        { role: "chair", group: "iotops" },
      ],
      roles: [chairIotops],
      ignored: [
        ["chair"],
        ["chair", "iotops", "extra"],
        "chair:iotops",
        [1, "iotops"],
        ["chair", ""],
        ["", "iotops"],
        ["chair", "has space"],
        ["chair", "x".repeat(65)],
        null,
        { role: "chair", group: "iotops" },
      ],
    },
    {
      name: "a claim that is not a list grants nothing",
      claim: "chair iotops",
      roles: [],
      ignored: ["chair iotops"],
    },
    {
      name: "an object claim grants nothing",
      claim: { chair: "iotops" },
      roles: [],
      ignored: [{ chair: "iotops" }],
    },
  ];

  it.each(cases)("$name", ({ claim, roles, ignored }) => {
    const parsed = parseRolesClaim(claim);
    expect(parsed.roles).toEqual(roles);
    expect(parsed.ignored).toEqual(ignored ?? []);
  });
});

describe("diffDatatrackerRoles", () => {
  type Row = SourcedGrant & { id: number };
  const dt = (id: number, g: RoleGrant): Row => ({ id, ...g, source: "datatracker" });
  const manual = (id: number, g: RoleGrant): Row => ({ id, ...g, source: "manual" });

  const cases: {
    name: string;
    current: Row[];
    claimed: RoleGrant[];
    add: RoleGrant[];
    remove: number[];
    keep: number[];
  }[] = [
    {
      name: "first sign-in adds every claimed role",
      current: [],
      claimed: [chairIotops, adOps],
      add: [chairIotops, adOps],
      remove: [],
      keep: [],
    },
    {
      name: "an unchanged claim changes nothing",
      current: [dt(1, chairIotops), dt(2, adOps)],
      claimed: [adOps, chairIotops],
      add: [],
      remove: [],
      keep: [1, 2],
    },
    {
      name: "a role dropped from the claim is removed",
      current: [dt(1, chairIotops), dt(2, adOps)],
      claimed: [adOps],
      add: [],
      remove: [1],
      keep: [2],
    },
    {
      name: "an empty claim removes every Datatracker role",
      current: [dt(1, chairIotops), dt(2, adOps)],
      claimed: [],
      add: [],
      remove: [1, 2],
      keep: [],
    },
    {
      name: "manual grants are never removed, even when the claim is empty",
      current: [manual(1, chairIotops), manual(2, { role: "secretariat", group: "secretariat" })],
      claimed: [],
      add: [],
      remove: [],
      keep: [],
    },
    {
      name: "a pair held manually is still added from the Datatracker",
      current: [manual(1, chairIotops)],
      claimed: [chairIotops],
      add: [chairIotops],
      remove: [],
      keep: [],
    },
    {
      name: "dropping a pair held both ways removes only the Datatracker grant",
      current: [manual(1, chairIotops), dt(2, chairIotops)],
      claimed: [],
      add: [],
      remove: [2],
      keep: [],
    },
    {
      name: "adds and removes at once, leaving manual grants alone",
      current: [dt(1, chairIotops), manual(2, adOps), dt(3, { role: "chair", group: "suit" })],
      claimed: [
        { role: "chair", group: "suit" },
        { role: "ad", group: "int" },
      ],
      add: [{ role: "ad", group: "int" }],
      remove: [1],
      keep: [3],
    },
    {
      name: "duplicate claimed pairs are added once",
      current: [],
      claimed: [chairIotops, chairIotops],
      add: [chairIotops],
      remove: [],
      keep: [],
    },
    {
      name: "grants from an unknown source are left alone",
      current: [{ id: 1, ...chairIotops, source: "import" }],
      claimed: [],
      add: [],
      remove: [],
      keep: [],
    },
  ];

  it.each(cases)("$name", ({ current, claimed, add, remove, keep }) => {
    const diff = diffDatatrackerRoles(current, claimed);
    expect(diff.add).toEqual(add);
    expect(diff.remove.map((g) => g.id)).toEqual(remove);
    expect(diff.keep.map((g) => g.id)).toEqual(keep);
  });

  it("applying the diff makes the Datatracker grants equal the claim", () => {
    const current = [dt(1, chairIotops), manual(2, adOps), dt(3, { role: "ad", group: "int" })];
    const claimed = [adOps, { role: "ad", group: "int" }, { role: "delegate", group: "iotops" }];
    const diff = diffDatatrackerRoles(current, claimed);
    const after = [...diff.keep.map(({ role, group }) => ({ role, group })), ...diff.add].sort(
      (a, b) => `${a.role}/${a.group}`.localeCompare(`${b.role}/${b.group}`),
    );
    expect(after).toEqual(
      [...claimed].sort((a, b) => `${a.role}/${a.group}`.localeCompare(`${b.role}/${b.group}`)),
    );
    // and the manual grant is untouched
    expect(diff.remove.concat(diff.keep).some((g) => g.source === "manual")).toBe(false);
  });
});
