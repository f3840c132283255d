import { describe, expect, it } from "vitest";
import { DomainError } from "~/server/domain/errors";
import type { Actor, MaybeActor, RoleGrant } from "./actor";
import {
  ACTIONS,
  SUBMITTER_EDITABLE_STATES,
  WITHDRAWABLE_STATES,
  assertCan,
  can,
  canInOwnRight,
  decide,
  issueVisibility,
  reviewAreas,
  type Action,
  type DocumentResource,
  type IssueResource,
  type Resource,
} from "./policy";

// ---------------------------------------------------------------------------
// Personas. The plain `author` persona is only an author of the documents below;
// it is otherwise just a signed-in contributor.

function person(
  personId: number,
  email: string,
  roles: RoleGrant[] = [],
  emailVerified = true,
): Actor {
  return { personId, name: `Person ${personId}`, email, emailVerified, roles };
}

const SUBMITTER_ID = 1;

const PERSONAS = {
  anonymous: null,
  contributor: person(2, "contributor@example.org"),
  submitter: person(SUBMITTER_ID, "submitter@example.org"),
  author: person(3, "Author@Example.com"),
  iotopsChair: person(4, "iotops-chair@example.org", [{ role: "chair", group: "iotops" }]),
  suitChair: person(5, "suit-chair@example.org", [{ role: "chair", group: "suit" }]),
  opsAd: person(6, "ops-ad@example.org", [{ role: "ad", group: "ops" }]),
  intAd: person(7, "int-ad@example.org", [{ role: "ad", group: "int" }]),
  secretariat: person(8, "secretariat@example.org", [
    { role: "secretariat", group: "secretariat" },
  ]),
} satisfies Record<string, MaybeActor>;

type Persona = keyof typeof PERSONAS;
const PERSONA_NAMES = Object.keys(PERSONAS) as Persona[];

// ---------------------------------------------------------------------------
// Resources.

function issue(over: Partial<IssueResource> = {}): IssueResource {
  return {
    kind: "issue",
    submitterId: SUBMITTER_ID,
    confidential: false,
    area: "ops",
    state: "submitted",
    targetGroup: "suit",
    ...over,
  };
}

function doc(over: Partial<DocumentResource> = {}): DocumentResource {
  return {
    kind: "document",
    group: "iotops",
    area: "ops",
    adEmail: null,
    authorEmails: ["someone-else@example.net", "author@example.COM"],
    mirrored: false,
    ...over,
  };
}

const NONE: Resource = { kind: "none" };

// ---------------------------------------------------------------------------
// The expectation table, written by hand from the specification.
//
// `allowed` lists who may act: a string is the exact capacity the spec requires,
// `true` means "allowed, capacity not specified". Every persona NOT listed must
// be refused, so each scenario yields both positive and negative rows.

type Expect = string | true;
interface Scenario {
  action: Action;
  on: string;
  resource: Resource;
  allowed: Partial<Record<Persona, Expect>>;
}

const EVERYONE_SIGNED_IN: Partial<Record<Persona, Expect>> = {
  contributor: true,
  submitter: true,
  author: true,
  iotopsChair: true,
  suitChair: true,
  opsAd: true,
  intAd: true,
  secretariat: true,
};

const SECRETARIAT_ONLY = { secretariat: "secretariat" } as const;

const SCENARIOS: Scenario[] = [
  // --- issue.view ---------------------------------------------------------
  {
    action: "issue.view",
    on: "public issue",
    resource: issue(),
    allowed: { anonymous: true, ...EVERYONE_SIGNED_IN },
  },
  {
    action: "issue.view",
    on: "confidential ops issue",
    resource: issue({ confidential: true }),
    allowed: {
      submitter: "submitter",
      iotopsChair: "chair/iotops",
      opsAd: "ad/ops",
      secretariat: "secretariat",
    },
  },
  {
    action: "issue.view",
    on: "confidential int issue",
    resource: issue({ confidential: true, area: "int" }),
    allowed: {
      submitter: "submitter",
      iotopsChair: "chair/iotops",
      intAd: "ad/int",
      secretariat: "secretariat",
    },
  },
  // The receiving group's chairs see a confidential issue once it is dispatched to them.
  ...(["dispatched", "accepted"] as const).map((state): Scenario => ({
    action: "issue.view",
    on: `confidential issue ${state} to suit`,
    resource: issue({ confidential: true, state, targetGroup: "suit" }),
    allowed: {
      submitter: "submitter",
      iotopsChair: "chair/iotops",
      opsAd: "ad/ops",
      secretariat: "secretariat",
      suitChair: "chair/suit",
    },
  })),
  // ... but not while it is only recommended or under review, nor after a decline.
  ...(["recommended", "ad-review", "returned"] as const).map((state): Scenario => ({
    action: "issue.view",
    on: `confidential issue ${state} with suit as target`,
    resource: issue({ confidential: true, state, targetGroup: "suit" }),
    allowed: {
      submitter: "submitter",
      iotopsChair: "chair/iotops",
      opsAd: "ad/ops",
      secretariat: "secretariat",
    },
  })),
  {
    action: "issue.acknowledge",
    on: "confidential issue dispatched to suit",
    resource: issue({ confidential: true, state: "dispatched", targetGroup: "suit" }),
    allowed: { suitChair: "chair/suit", secretariat: "secretariat" },
  },
  // --- issue.file ---------------------------------------------------------
  { action: "issue.file", on: "nothing", resource: NONE, allowed: EVERYONE_SIGNED_IN },
  // --- issue.comment ------------------------------------------------------
  {
    action: "issue.comment",
    on: "public issue",
    resource: issue({ state: "in-discussion" }),
    allowed: EVERYONE_SIGNED_IN,
  },
  {
    action: "issue.comment",
    on: "confidential ops issue",
    resource: issue({ confidential: true, state: "in-discussion" }),
    allowed: { submitter: true, iotopsChair: true, opsAd: true, secretariat: true },
  },
  // --- issue.edit ---------------------------------------------------------
  ...(["submitted", "needs-info"] as const).map((state): Scenario => ({
    action: "issue.edit",
    on: `${state} issue`,
    resource: issue({ state }),
    allowed: { submitter: "submitter", secretariat: "secretariat" },
  })),
  ...(
    [
      "in-discussion",
      "recommended",
      "ad-review",
      "dispatched",
      "accepted",
      "returned",
      "closed",
    ] as const
  ).map((state): Scenario => ({
    action: "issue.edit",
    on: `${state} issue`,
    resource: issue({ state }),
    allowed: SECRETARIAT_ONLY,
  })),
  {
    action: "issue.edit",
    on: "confidential submitted issue",
    resource: issue({ state: "submitted", confidential: true }),
    allowed: { submitter: "submitter", secretariat: "secretariat" },
  },
  // --- issue.withdraw -----------------------------------------------------
  ...(["submitted", "needs-info", "in-discussion", "recommended", "returned"] as const).map(
    (state): Scenario => ({
      action: "issue.withdraw",
      on: `${state} issue`,
      resource: issue({ state }),
      allowed: { submitter: "submitter", secretariat: "secretariat" },
    }),
  ),
  ...(["ad-review", "dispatched", "accepted", "closed"] as const).map((state): Scenario => ({
    action: "issue.withdraw",
    on: `${state} issue`,
    resource: issue({ state }),
    allowed: SECRETARIAT_ONLY,
  })),
  // --- issue.triage / issue.recommend --------------------------------------
  ...(["issue.triage", "issue.recommend"] as const).flatMap((action): Scenario[] => [
    {
      action,
      on: "public issue",
      resource: issue({ state: "in-discussion" }),
      allowed: { iotopsChair: "chair/iotops", secretariat: "secretariat" },
    },
    {
      action,
      on: "confidential issue",
      resource: issue({ state: "in-discussion", confidential: true }),
      allowed: { iotopsChair: "chair/iotops", secretariat: "secretariat" },
    },
  ]),
  // --- issue.review ---------------------------------------------------------
  {
    action: "issue.review",
    on: "ops issue",
    resource: issue({ state: "ad-review", area: "ops" }),
    allowed: { opsAd: "ad/ops", secretariat: "secretariat" },
  },
  {
    action: "issue.review",
    on: "int issue",
    resource: issue({ state: "ad-review", area: "int" }),
    allowed: { intAd: "ad/int", secretariat: "secretariat" },
  },
  {
    action: "issue.review",
    on: "confidential ops issue",
    resource: issue({ state: "ad-review", area: "ops", confidential: true }),
    allowed: { opsAd: "ad/ops", secretariat: "secretariat" },
  },
  // --- issue.acknowledge ----------------------------------------------------
  {
    action: "issue.acknowledge",
    on: "issue dispatched to suit",
    resource: issue({ state: "dispatched", targetGroup: "suit" }),
    allowed: { suitChair: "chair/suit", secretariat: "secretariat" },
  },
  {
    action: "issue.acknowledge",
    on: "issue dispatched to iotops",
    resource: issue({ state: "dispatched", targetGroup: "iotops" }),
    allowed: { iotopsChair: "chair/iotops", secretariat: "secretariat" },
  },
  {
    action: "issue.acknowledge",
    on: "issue without target group",
    resource: issue({ state: "dispatched", targetGroup: null }),
    allowed: SECRETARIAT_ONLY,
  },
  // --- issue.link-document --------------------------------------------------
  ...(["submitted", "needs-info"] as const).map((state): Scenario => ({
    action: "issue.link-document",
    on: `${state} issue`,
    resource: issue({ state }),
    allowed: {
      submitter: "submitter",
      iotopsChair: "chair/iotops",
      secretariat: "secretariat",
    },
  })),
  ...(["in-discussion", "recommended", "dispatched", "closed"] as const).map((state): Scenario => ({
    action: "issue.link-document",
    on: `${state} issue`,
    resource: issue({ state }),
    allowed: { iotopsChair: "chair/iotops", secretariat: "secretariat" },
  })),
  // --- document.change-wg-state --------------------------------------------
  {
    action: "document.change-wg-state",
    on: "iotops document",
    resource: doc({ group: "iotops" }),
    allowed: { iotopsChair: "chair/iotops", secretariat: "secretariat" },
  },
  {
    action: "document.change-wg-state",
    on: "suit document",
    resource: doc({ group: "suit", area: "sec" }),
    allowed: { suitChair: "chair/suit", secretariat: "secretariat" },
  },
  {
    action: "document.change-wg-state",
    on: "doc with no group",
    resource: doc({ group: null, area: null }),
    allowed: SECRETARIAT_ONLY,
  },
  // --- document.change-iesg-state / change-draft-state ----------------------
  ...(["document.change-iesg-state", "document.change-draft-state"] as const).flatMap(
    (action): Scenario[] => [
      {
        action,
        on: "doc with OPS-AD@Example.ORG as AD",
        resource: doc({ adEmail: "OPS-AD@Example.ORG" }),
        allowed: { opsAd: true, secretariat: "secretariat" },
      },
      {
        action,
        on: "ops doc, another AD responsible",
        resource: doc({ adEmail: "other-ad@example.org" }),
        allowed: SECRETARIAT_ONLY,
      },
      {
        action,
        on: "ops doc, no responsible AD",
        resource: doc({ adEmail: null, area: "ops" }),
        allowed: { opsAd: "ad/ops", secretariat: "secretariat" },
      },
      {
        action,
        on: "int doc, no responsible AD",
        resource: doc({ group: "6lo", adEmail: null, area: "int" }),
        allowed: { intAd: "ad/int", secretariat: "secretariat" },
      },
      {
        action,
        on: "doc with no AD and no area",
        resource: doc({ group: null, adEmail: null, area: null }),
        allowed: SECRETARIAT_ONLY,
      },
    ],
  ),
  // --- document.new-revision -------------------------------------------------
  {
    action: "document.new-revision",
    on: "doc (author email case differs)",
    resource: doc(),
    allowed: { author: true, secretariat: "secretariat" },
  },
  {
    action: "document.new-revision",
    on: "document without authors",
    resource: doc({ authorEmails: [] }),
    allowed: SECRETARIAT_ONLY,
  },
  // --- documents mirrored from the Datatracker: changed there, by nobody here --
  ...(
    [
      "document.change-wg-state",
      "document.change-iesg-state",
      "document.change-draft-state",
      "document.new-revision",
    ] as const
  ).map((action): Scenario => ({
    action,
    on: "mirrored doc (AD and author known)",
    resource: doc({ mirrored: true, adEmail: "OPS-AD@Example.ORG" }),
    allowed: {},
  })),
  // --- secretariat-only actions ---------------------------------------------
  ...(
    [
      "role.manage",
      "document.import",
      "document.create",
      "meeting.manage",
      "outbox.view",
      "sync.view",
      "sync.run",
      "admin.view",
    ] as const
  ).map((action): Scenario => ({
    action,
    on: "nothing",
    resource: NONE,
    allowed: SECRETARIAT_ONLY,
  })),
  // --- queues -----------------------------------------------------------------
  {
    action: "triage.view",
    on: "the triage queue",
    resource: NONE,
    allowed: { iotopsChair: "chair/iotops", secretariat: "secretariat" },
  },
  {
    action: "review.view",
    on: "the review queue",
    resource: NONE,
    allowed: { opsAd: "ad", intAd: "ad", secretariat: "secretariat" },
  },
  {
    action: "handoffs.view",
    on: "hand-offs awaiting acknowledgement",
    resource: NONE,
    allowed: { iotopsChair: "chair", suitChair: "chair", secretariat: "secretariat" },
  },
  // --- agenda.manage ----------------------------------------------------------
  {
    action: "agenda.manage",
    on: "group iotops",
    resource: { kind: "group", acronym: "iotops" },
    allowed: { iotopsChair: "chair/iotops", secretariat: "secretariat" },
  },
  {
    action: "agenda.manage",
    on: "group suit",
    resource: { kind: "group", acronym: "suit" },
    allowed: { suitChair: "chair/suit", secretariat: "secretariat" },
  },
  {
    action: "agenda.manage",
    on: "group ops (an area)",
    resource: { kind: "group", acronym: "ops" },
    allowed: SECRETARIAT_ONLY,
  },
  // --- saved views --------------------------------------------------------------
  {
    action: "view.save",
    on: "nothing",
    resource: NONE,
    allowed: EVERYONE_SIGNED_IN,
  },
  {
    action: "view.see",
    on: "the contributor's private view",
    resource: { kind: "saved-view", ownerId: 2, sharedWith: null },
    allowed: { contributor: "owner" },
  },
  {
    action: "view.see",
    on: "the IOTOPS chair's view shared with iotops",
    resource: { kind: "saved-view", ownerId: 4, sharedWith: "iotops" },
    allowed: { iotopsChair: "owner" },
  },
  {
    action: "view.see",
    on: "the contributor's view shared with suit",
    resource: { kind: "saved-view", ownerId: 2, sharedWith: "suit" },
    allowed: { contributor: "owner", suitChair: "chair/suit" },
  },
  {
    action: "view.manage",
    on: "the contributor's view shared with suit",
    resource: { kind: "saved-view", ownerId: 2, sharedWith: "suit" },
    allowed: { contributor: "owner" },
  },
  {
    action: "view.share",
    on: "group suit",
    resource: { kind: "group", acronym: "suit" },
    allowed: { suitChair: "chair/suit" },
  },
];

interface Row {
  persona: Persona;
  action: Action;
  on: string;
  resource: Resource;
  expected: Expect | false;
}

const ROWS: Row[] = SCENARIOS.flatMap((s) =>
  PERSONA_NAMES.map((persona): Row => ({
    persona,
    action: s.action,
    on: s.on,
    resource: s.resource,
    expected: s.allowed[persona] ?? false,
  })),
);

const ALLOWED_ROWS = ROWS.filter((r): r is Row & { expected: Expect } => r.expected !== false).map(
  (r) => ({ ...r, shown: r.expected === true ? "allowed" : r.expected }),
);
const DENIED_ROWS = ROWS.filter((r) => r.expected === false);

// ---------------------------------------------------------------------------

describe("the expectation table", () => {
  it("covers every action in ACTIONS", () => {
    const covered = new Set(SCENARIOS.map((s) => s.action));
    expect([...ACTIONS].filter((a) => !covered.has(a))).toEqual([]);
  });

  it.each(ACTIONS)("%s has at least one allowed and one refused row per persona set", (a) => {
    const rows = ROWS.filter((r) => r.action === a);
    expect(rows.some((r) => r.expected !== false)).toBe(true);
    expect(rows.some((r) => r.expected === false)).toBe(true);
    expect(new Set(rows.map((r) => r.persona))).toEqual(new Set(PERSONA_NAMES));
  });
});

describe("allowed", () => {
  it.each(ALLOWED_ROWS)("$persona may $action on $on ($shown)", (row) => {
    const actor = PERSONAS[row.persona];
    const d = decide(actor, row.action, row.resource);
    expect(d.allowed).toBe(true);
    expect(can(actor, row.action, row.resource)).toBe(true);
    const capacity = assertCan(actor, row.action, row.resource);
    if (row.expected === true) {
      expect(capacity).toMatch(/\S/);
    } else {
      expect(capacity).toBe(row.expected);
    }
    if (d.allowed) expect(d.capacity).toBe(capacity);
  });
});

describe("refused", () => {
  it.each(DENIED_ROWS)("$persona may NOT $action on $on", (row) => {
    const actor = PERSONAS[row.persona];
    const d = decide(actor, row.action, row.resource);
    expect(d.allowed).toBe(false);
    if (!d.allowed) expect(d.reason).toMatch(/\S/);
    expect(can(actor, row.action, row.resource)).toBe(false);

    let thrown: unknown;
    try {
      assertCan(actor, row.action, row.resource);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    const err = thrown as DomainError;
    expect(err.code).toBe(actor === null ? "UNAUTHENTICATED" : "FORBIDDEN");
    expect(err.message).toMatch(/\S/);
  });
});

describe("assertCan error codes", () => {
  it.each([
    ["anonymous", null, "issue.file", NONE, "UNAUTHENTICATED"],
    ["anonymous", null, "issue.view", issue({ confidential: true }), "UNAUTHENTICATED"],
    ["anonymous", null, "issue.comment", issue(), "UNAUTHENTICATED"],
    ["anonymous", null, "role.manage", NONE, "UNAUTHENTICATED"],
    ["contributor", PERSONAS.contributor, "role.manage", NONE, "FORBIDDEN"],
    ["contributor", PERSONAS.contributor, "issue.view", issue({ confidential: true }), "FORBIDDEN"],
    ["IOTOPS chair", PERSONAS.iotopsChair, "issue.review", issue(), "FORBIDDEN"],
    ["INT AD", PERSONAS.intAd, "issue.review", issue({ area: "ops" }), "FORBIDDEN"],
  ] as const)("%s: %s → %s", (_who, actor, action, resource, code) => {
    expect(() => assertCan(actor, action, resource)).toThrow(
      expect.objectContaining({ name: "DomainError", code }),
    );
  });

  it.each([
    ["IOTOPS chair triaging", PERSONAS.iotopsChair, "issue.triage", issue(), "chair/iotops"],
    ["secretariat triaging", PERSONAS.secretariat, "issue.triage", issue(), "secretariat"],
    ["submitter editing", PERSONAS.submitter, "issue.edit", issue(), "submitter"],
    ["OPS AD reviewing", PERSONAS.opsAd, "issue.review", issue({ state: "ad-review" }), "ad/ops"],
    ["secretariat managing roles", PERSONAS.secretariat, "role.manage", NONE, "secretariat"],
  ] as const)("%s returns capacity %s", (_what, actor, action, resource, capacity) => {
    expect(assertCan(actor, action, resource)).toBe(capacity);
  });
});

describe("people holding several roles", () => {
  const chairAndSecretariat = person(9, "both@example.org", [
    { role: "secretariat", group: "secretariat" },
    { role: "chair", group: "iotops" },
  ]);
  const suitChairAndOpsAd = person(10, "suit-ops@example.org", [
    { role: "chair", group: "suit" },
    { role: "ad", group: "ops" },
  ]);

  it.each([
    [
      "secretariat who is also IOTOPS chair triages as chair",
      chairAndSecretariat,
      "issue.triage",
      issue({ state: "in-discussion" }),
      "chair/iotops",
    ],
    [
      "secretariat who is also IOTOPS chair manages roles as secretariat",
      chairAndSecretariat,
      "role.manage",
      NONE,
      "secretariat",
    ],
    [
      "SUIT chair + OPS AD reviews an ops issue as AD",
      suitChairAndOpsAd,
      "issue.review",
      issue({ state: "ad-review" }),
      "ad/ops",
    ],
    [
      "SUIT chair + OPS AD acknowledges SUIT work as chair",
      suitChairAndOpsAd,
      "issue.acknowledge",
      issue({ state: "dispatched", targetGroup: "suit" }),
      "chair/suit",
    ],
  ] as const)("%s", (_what, actor, action, resource, capacity) => {
    expect(assertCan(actor, action, resource)).toBe(capacity);
  });

  it.each([
    [
      "SUIT chair + OPS AD cannot triage",
      suitChairAndOpsAd,
      "issue.triage",
      issue({ state: "in-discussion" }),
    ],
    [
      "SUIT chair + OPS AD cannot review an int issue",
      suitChairAndOpsAd,
      "issue.review",
      issue({ state: "ad-review", area: "int" }),
    ],
  ] as const)("%s", (_what, actor, action, resource) => {
    expect(can(actor, action, resource)).toBe(false);
  });
});

describe("roles are matched exactly", () => {
  it.each([
    ["a secretariat role in another group", [{ role: "secretariat", group: "iotops" }]],
    ["a secr role in the secretariat group", [{ role: "secr", group: "secretariat" }]],
    ["a delegate of iotops", [{ role: "delegate", group: "iotops" }]],
    ["an AD of iotops (wrong kind of group)", [{ role: "ad", group: "iotops" }]],
    ["a chair of ops (the area, not the WG)", [{ role: "chair", group: "ops" }]],
  ] as const)("%s cannot triage or manage roles", (_what, roles) => {
    const actor = person(11, "x@example.org", [...roles]);
    expect(can(actor, "issue.triage", issue({ state: "in-discussion" }))).toBe(false);
    expect(can(actor, "role.manage", NONE)).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// Capacities held by e-mail need a verified address: an unverified sign-up
// with the AD's or an author's address is an ordinary contributor.

describe("capacities matched by e-mail use verified addresses only", () => {
  const cases: {
    name: string;
    actor: Actor;
    action: Action;
    resource: DocumentResource;
    capacity: string | null;
  }[] = [
    {
      name: "verified responsible AD changes the IESG state",
      actor: person(20, "x@example.net", []),
      action: "document.change-iesg-state",
      resource: doc({ adEmail: "x@example.net" }),
      capacity: "responsible-ad",
    },
    {
      name: "unverified sign-up with the AD's address cannot change the IESG state",
      actor: person(21, "x@example.net", [], false),
      action: "document.change-iesg-state",
      resource: doc({ adEmail: "x@example.net" }),
      capacity: null,
    },
    {
      name: "unverified sign-up with the AD's address (other case) cannot change the draft state",
      actor: person(21, "X@Example.NET", [], false),
      action: "document.change-draft-state",
      resource: doc({ adEmail: "x@example.net" }),
      capacity: null,
    },
    {
      name: "verified author posts a new revision",
      actor: person(22, "author@example.com"),
      action: "document.new-revision",
      resource: doc(),
      capacity: "author",
    },
    {
      name: "unverified sign-up with an author's address cannot post a revision",
      actor: person(23, "author@example.com", [], false),
      action: "document.new-revision",
      resource: doc(),
      capacity: null,
    },
    {
      name: "an unverified AD of the area still acts through the role, which was granted by id",
      actor: person(24, "unverified-ad@example.org", [{ role: "ad", group: "ops" }], false),
      action: "document.change-iesg-state",
      resource: doc({ adEmail: null, area: "ops" }),
      capacity: "ad/ops",
    },
  ];
  it.each(cases)("$name", ({ actor, action, resource, capacity }) => {
    const d = decide(actor, action, resource);
    if (capacity === null) expect(d.allowed).toBe(false);
    else expect(d).toMatchObject({ allowed: true, capacity });
  });
});

describe("queue scopes", () => {
  it.each([
    ["anonymous", null, []],
    ["contributor", PERSONAS.contributor, []],
    ["iotopsChair", PERSONAS.iotopsChair, []],
    ["opsAd", PERSONAS.opsAd, ["ops"]],
    ["secretariat", PERSONAS.secretariat, "all"],
    [
      "an AD of two areas",
      person(12, "two@example.org", [
        { role: "ad", group: "ops" },
        { role: "ad", group: "int" },
      ]),
      ["ops", "int"],
    ],
  ] as const)("%s reviews %j", (_who, actor, expected) => {
    expect(reviewAreas(actor)).toEqual(expected);
  });

  it.each([
    ["anonymous", null, { submitterId: null, areas: [], receivingGroups: [] }],
    ["contributor", PERSONAS.contributor, { submitterId: 2, areas: [], receivingGroups: [] }],
    ["suitChair", PERSONAS.suitChair, { submitterId: 5, areas: [], receivingGroups: ["suit"] }],
    ["opsAd", PERSONAS.opsAd, { submitterId: 6, areas: ["ops"], receivingGroups: [] }],
    ["iotopsChair", PERSONAS.iotopsChair, "all"],
    ["secretariat", PERSONAS.secretariat, "all"],
  ] as const)("%s sees %j in lists", (_who, actor, expected) => {
    expect(issueVisibility(actor)).toEqual(expected);
  });
});

describe("submitter state lists", () => {
  it("the submitter edits before triage only", () => {
    expect([...SUBMITTER_EDITABLE_STATES].sort()).toEqual(["needs-info", "submitted"]);
  });
  it("the submitter withdraws until the recommendation goes to the AD", () => {
    expect([...WITHDRAWABLE_STATES].sort()).toEqual([
      "in-discussion",
      "needs-info",
      "recommended",
      "returned",
      "submitted",
    ]);
  });
});

describe("acting in one's own right (what asks a person to act)", () => {
  const triaged = issue({ state: "triaged" });
  const review = issue({ state: "ad-review" });
  it.each([
    // [persona, action, resource, own right?, allowed at all?]
    ["iotopsChair", "issue.triage", triaged, true, true],
    ["secretariat", "issue.triage", triaged, false, true],
    ["opsAd", "issue.review", review, true, true],
    ["secretariat", "issue.review", review, false, true],
    ["intAd", "issue.review", review, false, false],
    ["contributor", "issue.triage", triaged, false, false],
  ] as const)("%s %s: own right %s, allowed %s", (p, action, r, own, allowed) => {
    const actor = PERSONAS[p];
    expect(canInOwnRight(actor, action, r)).toBe(own);
    expect(can(actor, action, r)).toBe(allowed);
  });
});
