import { describe, expect, it } from "vitest";
import type { DomainError } from "~/server/domain/errors";
import {
  COMMAND_TYPES,
  legalCommands,
  transition,
  type IssueCommand,
  type IssueSnapshot,
  type TransitionOutcome,
} from "./machine";
import type { DispatchOutcome, Recommendation } from "./outcomes";
import { ISSUE_STATES, type IssueState } from "./states";

// ---------------------------------------------------------------------------
// The expectation table, written by hand from the specification. It is the
// reference the code is checked against; it is NOT derived from TRANSITIONS.
//
// Rows: current state. Columns: command (order of COLUMNS). Cell: next state,
// or `__` when the command is illegal in that state.

const COLUMNS = [
  "edit",
  "request-info",
  "start-discussion",
  "recommend",
  "request-review",
  "approve",
  "return",
  "acknowledge",
  "decline",
  "close",
  "withdraw",
  "reopen",
] as const;

const S = "submitted";
const NI = "needs-info";
const D = "in-discussion";
const R = "recommended";
const AR = "ad-review";
const DI = "dispatched";
const AC = "accepted";
const RT = "returned";
const C = "closed";
const __ = null;

// prettier-ignore
const EXPECTED: Record<string, readonly (IssueState | null)[]> = {
  //               edit req-info start  recommend req-rev approve return ack  decline close withdraw reopen
  "submitted":     [S,  NI,      D,     R,        __,     __,     __,    __,  __,     C,    C,       __],
  "needs-info":    [S,  __,      D,     __,       __,     __,     __,    __,  __,     C,    C,       __],
  "in-discussion": [__, NI,      __,    R,        __,     __,     __,    __,  __,     C,    C,       __],
  "recommended":   [__, __,      __,    R,        AR,     __,     __,    __,  __,     C,    C,       __],
  "ad-review":     [__, __,      __,    __,       __,     DI,     RT,    __,  __,     C,    __,      __],
  "dispatched":    [__, __,      __,    __,       __,     __,     __,    AC,  RT,     C,    __,      __],
  "accepted":      [__, __,      __,    __,       __,     __,     __,    __,  __,     __,   __,      __],
  "returned":      [__, NI,      D,     R,        __,     __,     __,    __,  __,     C,    C,       __],
  "closed":        [__, __,      __,    __,       __,     __,     __,    __,  __,     __,   __,      S ],
};

/** The event each command must record, written by hand. */
const EXPECTED_EVENT: Record<(typeof COLUMNS)[number], string> = {
  edit: "edited",
  "request-info": "info-requested",
  "start-discussion": "discussion-started",
  recommend: "recommendation-recorded",
  "request-review": "review-requested",
  approve: "ad-approved",
  return: "ad-returned",
  acknowledge: "acknowledged",
  decline: "declined",
  close: "closed",
  withdraw: "closed",
  reopen: "reopened",
};

// ---------------------------------------------------------------------------
// Fixtures

const SUIT: DispatchOutcome = {
  kind: "existing-wg",
  targetGroup: "suit",
  charterItem: "firmware-update",
  needsRecharter: false,
};
const REC: Recommendation = { outcome: SUIT, rationale: "Firmware update is SUIT's charter." };

/** A valid command of each type. */
const VALID: Record<(typeof COLUMNS)[number], IssueCommand> = {
  edit: { type: "edit" },
  "request-info": { type: "request-info", message: "Which devices does this cover?" },
  "start-discussion": { type: "start-discussion" },
  recommend: {
    type: "recommend",
    recommendation: {
      outcome: { kind: "iotops", documentType: "bcp" },
      rationale: "Operational guidance.",
    },
  },
  "request-review": { type: "request-review" },
  approve: { type: "approve", rationale: "Agree with the chairs." },
  return: { type: "return", comment: "Check overlap with ANIMA first." },
  acknowledge: { type: "acknowledge" },
  decline: { type: "decline", reason: "Out of our charter." },
  close: { type: "close", reason: "out-of-scope" },
  withdraw: { type: "withdraw" },
  reopen: { type: "reopen" },
};

function snapshot(state: IssueState, over: Partial<IssueSnapshot> = {}): IssueSnapshot {
  return {
    number: 7,
    state,
    recommendation: REC,
    closedReason: state === "closed" ? "withdrawn" : null,
    duplicateOf: null,
    ...over,
  };
}

function expectOk(r: ReturnType<typeof transition>): TransitionOutcome {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

function expectError(r: ReturnType<typeof transition>, code: string): DomainError {
  if (r.ok) throw new Error(`expected ${code}, got ok → ${r.value.state}`);
  expect(r.error.code).toBe(code);
  return r.error;
}

function expectedLegal(state: IssueState): string[] {
  const row = EXPECTED[state] ?? [];
  return COLUMNS.filter((_c, i) => row[i] !== null && row[i] !== undefined);
}

// ---------------------------------------------------------------------------

describe("transition table", () => {
  it("the expectation table covers every state and every command", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ISSUE_STATES].sort());
    expect([...COLUMNS].sort()).toEqual([...COMMAND_TYPES].sort());
    for (const row of Object.values(EXPECTED)) expect(row).toHaveLength(COLUMNS.length);
  });

  const rows = ISSUE_STATES.flatMap((state) =>
    COLUMNS.map((command, i) => ({ state, command, to: EXPECTED[state]?.[i] ?? null })),
  );
  expect(rows).toHaveLength(9 * 12);

  it.each(rows)("$state + $command → $to", ({ state, command, to }) => {
    const result = transition(snapshot(state), VALID[command]);
    if (to !== null) {
      const value = expectOk(result);
      expect(value.state).toBe(to);
      expect(value.patch.state).toBe(to);
      expect(value.events).toHaveLength(1);
      expect(value.events[0]?.type).toBe(EXPECTED_EVENT[command]);
      expect(value.events[0]?.payload.before).toBe(state);
      expect(value.events[0]?.payload.after).toBe(to);
    } else {
      const error = expectError(result, "INVALID_TRANSITION");
      const legal = expectedLegal(state);
      expect(error.details?.["state"]).toBe(state);
      expect(error.details?.["command"]).toBe(command);
      expect([...((error.details?.["legal"] as string[]) ?? [])].sort()).toEqual([...legal].sort());
      expect(error.message).toContain(`"${state}"`);
      for (const c of legal) expect(error.message).toContain(c);
      if (legal.length === 0) expect(error.message).toContain("none");
    }
  });

  it.each(ISSUE_STATES)("legalCommands(%s) matches the expectation row", (state) => {
    expect([...legalCommands(state)].sort()).toEqual(expectedLegal(state).sort());
    expect([...legalCommands(state, snapshot(state))].sort()).toEqual(expectedLegal(state).sort());
  });

  it("checks the table before the payload: an illegal command with a bad payload is INVALID_TRANSITION", () => {
    expectError(
      transition(snapshot("closed"), { type: "request-info", message: "" }),
      "INVALID_TRANSITION",
    );
  });

  it("does not mutate the snapshot", () => {
    const issue = Object.freeze(snapshot("submitted"));
    expectOk(transition(issue, VALID.recommend));
    expect(issue.state).toBe("submitted");
    expect(issue.recommendation).toBe(REC);
  });
});

describe("acknowledge needs a receiving group", () => {
  const outcomes: [string, DispatchOutcome, string | null][] = [
    ["existing-wg", SUIT, "suit"],
    ["iotops", { kind: "iotops", documentType: "informational" }, "iotops"],
    ["bof", { kind: "bof", proposedMeeting: 125 }, null],
    ["new-wg", { kind: "new-wg", draftCharter: "c".repeat(250) }, null],
    ["ad-sponsored", { kind: "ad-sponsored", sponsoringAd: "Some AD" }, null],
    ["mailing-list", { kind: "mailing-list", listName: "iot-onboarding@ietf.org" }, null],
    ["irtf", { kind: "irtf", researchGroup: "t2trg" }, null],
    ["other-sdo", { kind: "other-sdo", sdo: "Thread Group" }, null],
    ["no-ietf-work", { kind: "no-ietf-work" }, null],
  ];

  it.each(outcomes)("%s → acknowledged by %s", (_kind, outcome, group) => {
    const issue = snapshot("dispatched", { recommendation: { outcome, rationale: "r" } });
    const result = transition(issue, VALID.acknowledge);
    if (group !== null) {
      const value = expectOk(result);
      expect(value.state).toBe("accepted");
      expect(value.events[0]).toEqual({
        type: "acknowledged",
        payload: { before: "dispatched", after: "accepted", targetGroup: group },
      });
      expect(legalCommands("dispatched", issue)).toContain("acknowledge");
    } else {
      const error = expectError(result, "INVALID_TRANSITION");
      expect(error.message).toContain("no receiving group");
      expect(error.details).toEqual({
        state: "dispatched",
        command: "acknowledge",
        legal: ["decline", "close"],
      });
      expect(legalCommands("dispatched", issue)).not.toContain("acknowledge");
      expect(legalCommands("dispatched")).toContain("acknowledge");
    }
  });

  it("refuses when no recommendation is recorded", () => {
    const error = expectError(
      transition(snapshot("dispatched", { recommendation: null }), VALID.acknowledge),
      "INVALID_TRANSITION",
    );
    expect(error.message).toContain("no recommendation");
  });
});

describe("commands that need a recorded recommendation", () => {
  it.each([
    ["recommended", "request-review"],
    ["ad-review", "approve"],
  ] as const)("%s + %s without a recommendation → INVALID_TRANSITION", (state, command) => {
    const issue = snapshot(state, { recommendation: null });
    expectError(transition(issue, VALID[command]), "INVALID_TRANSITION");
    expect(legalCommands(state, issue)).not.toContain(command);
  });
});

describe("payload validation", () => {
  const cases: [string, IssueState, unknown, string][] = [
    ["request-info without message", "submitted", { type: "request-info" }, "message"],
    ["request-info blank message", "submitted", { type: "request-info", message: "  " }, "message"],
    ["approve empty rationale", "ad-review", { type: "approve", rationale: "" }, "rationale"],
    [
      "approve rationale over 10,000",
      "ad-review",
      { type: "approve", rationale: "a".repeat(10_001) },
      "rationale",
    ],
    ["return without comment", "ad-review", { type: "return" }, "comment"],
    ["decline blank reason", "dispatched", { type: "decline", reason: " \n" }, "reason"],
    ["close unknown reason", "submitted", { type: "close", reason: "spam" }, "reason"],
    [
      "close duplicate without number",
      "submitted",
      { type: "close", reason: "duplicate" },
      "duplicateOf",
    ],
    [
      "close withdrawn with a number",
      "submitted",
      { type: "close", reason: "withdrawn", duplicateOf: 3 },
      "duplicateOf",
    ],
    [
      "close duplicate of itself",
      "submitted",
      { type: "close", reason: "duplicate", duplicateOf: 7 },
      "duplicateOf",
    ],
    [
      "close duplicate of issue 0",
      "submitted",
      { type: "close", reason: "duplicate", duplicateOf: 0 },
      "duplicateOf",
    ],
    [
      "close duplicate of 2.5",
      "submitted",
      { type: "close", reason: "duplicate", duplicateOf: 2.5 },
      "duplicateOf",
    ],
    ["recommend without recommendation", "submitted", { type: "recommend" }, "recommendation"],
    [
      "recommend without rationale",
      "submitted",
      { type: "recommend", recommendation: { outcome: SUIT } },
      "recommendation.rationale",
    ],
    [
      "recommend bad target group",
      "in-discussion",
      {
        type: "recommend",
        recommendation: { outcome: { ...SUIT, targetGroup: "S U I T" }, rationale: "r" },
      },
      "recommendation.outcome.targetGroup",
    ],
    [
      "recommend unknown outcome kind",
      "returned",
      { type: "recommend", recommendation: { outcome: { kind: "wg" }, rationale: "r" } },
      "recommendation.outcome.kind",
    ],
    ["unknown command type", "submitted", { type: "dispatch-now" }, "type"],
    ["command without type", "submitted", {}, "type"],
  ];

  it.each(cases)("%s → VALIDATION on %s", (_name, state, command, field) => {
    const error = expectError(transition(snapshot(state), command as IssueCommand), "VALIDATION");
    const fieldErrors = error.details?.["fieldErrors"] as Record<string, string[]>;
    expect(Object.keys(fieldErrors)).toContain(field);
    expect(fieldErrors[field]?.[0]).toMatch(/\w/);
  });

  it("a null command is VALIDATION, not a crash", () => {
    expectError(transition(snapshot("submitted"), null as unknown as IssueCommand), "VALIDATION");
  });
});

describe("what each command produces", () => {
  it("edit in needs-info answers the question and returns to submitted", () => {
    const v = expectOk(
      transition(snapshot("needs-info"), { type: "edit", changedFields: ["problemStatement"] }),
    );
    expect(v).toEqual({
      state: "submitted",
      patch: { state: "submitted" },
      group: "iotops",
      effects: [],
      events: [
        {
          type: "edited",
          payload: {
            before: "needs-info",
            after: "submitted",
            answersInfoRequest: true,
            changedFields: ["problemStatement"],
          },
        },
      ],
    });
  });

  it("edit in submitted keeps the state", () => {
    const v = expectOk(transition(snapshot("submitted"), { type: "edit" }));
    expect(v.events[0]?.payload).toEqual({
      before: "submitted",
      after: "submitted",
      answersInfoRequest: false,
    });
  });

  it("request-info records the trimmed message", () => {
    const v = expectOk(
      transition(snapshot("returned"), { type: "request-info", message: "  Which RFCs?  " }),
    );
    expect(v.events[0]?.payload).toEqual({
      before: "returned",
      after: "needs-info",
      message: "Which RFCs?",
    });
  });

  it("recommend stores the normalised recommendation and records the previous one", () => {
    const v = expectOk(
      transition(snapshot("recommended"), {
        type: "recommend",
        recommendation: {
          outcome: { ...SUIT, targetGroup: " SUIT ", needsRecharter: true },
          rationale: "  Revised.  ",
        },
      }),
    );
    const stored = {
      outcome: { ...SUIT, targetGroup: "suit", needsRecharter: true },
      rationale: "Revised.",
    };
    expect(v.patch).toEqual({ state: "recommended", recommendation: stored });
    expect(v.events[0]).toEqual({
      type: "recommendation-recorded",
      payload: {
        before: "recommended",
        after: "recommended",
        recommendation: stored,
        summary: "Existing WG: SUIT (recharter needed)",
        previous: REC,
      },
    });
  });

  it("request-review carries the recommendation for the AD", () => {
    const v = expectOk(transition(snapshot("recommended"), { type: "request-review", note: "" }));
    expect(v.events[0]?.payload).toEqual({
      before: "recommended",
      after: "ad-review",
      recommendation: REC,
      summary: "Existing WG: SUIT",
    });
  });

  it("approve records the AD's rationale and the approved outcome", () => {
    const v = expectOk(transition(snapshot("ad-review"), { type: "approve", rationale: " OK " }));
    expect(v.patch).toEqual({ state: "dispatched" });
    expect(v.events[0]?.payload).toEqual({
      before: "ad-review",
      after: "dispatched",
      rationale: "OK",
      outcome: SUIT,
      summary: "Existing WG: SUIT",
      targetGroup: "suit",
    });
  });

  it("return keeps the recommendation so the chairs can revise it", () => {
    const v = expectOk(transition(snapshot("ad-review"), VALID.return));
    expect(v.patch).toEqual({ state: "returned" });
    expect(v.events[0]?.payload).toEqual({
      before: "ad-review",
      after: "returned",
      comment: "Check overlap with ANIMA first.",
    });
  });

  it("decline is recorded as by the target group", () => {
    const v = expectOk(transition(snapshot("dispatched"), VALID.decline));
    expect(v.events[0]?.payload).toEqual({
      before: "dispatched",
      after: "returned",
      reason: "Out of our charter.",
      by: "target-group",
      targetGroup: "suit",
    });
  });

  it.each([
    [
      "out-of-scope",
      { type: "close", reason: "out-of-scope" },
      { closedReason: "out-of-scope", duplicateOf: null },
      { reason: "out-of-scope" },
    ],
    [
      "duplicate",
      { type: "close", reason: "duplicate", duplicateOf: 3 },
      { closedReason: "duplicate", duplicateOf: 3 },
      { reason: "duplicate", duplicateOf: 3 },
    ],
    [
      "withdrawn by close",
      { type: "close", reason: "withdrawn" },
      { closedReason: "withdrawn", duplicateOf: null },
      { reason: "withdrawn" },
    ],
    [
      "withdraw",
      { type: "withdraw", note: " Solved elsewhere " },
      { closedReason: "withdrawn", duplicateOf: null },
      { reason: "withdrawn", by: "submitter", note: "Solved elsewhere" },
    ],
  ] as const)("close: %s", (_name, command, patch, payload) => {
    const v = expectOk(transition(snapshot("in-discussion"), command));
    expect(v.patch).toEqual({ state: "closed", ...patch });
    expect(v.events[0]).toEqual({
      type: "closed",
      payload: { before: "in-discussion", after: "closed", ...payload },
    });
  });

  it("reopen clears the closure and remembers it in the event", () => {
    const issue = snapshot("closed", { closedReason: "duplicate", duplicateOf: 3 });
    const v = expectOk(transition(issue, { type: "reopen", note: "Not a duplicate after all" }));
    expect(v.patch).toEqual({ state: "submitted", closedReason: null, duplicateOf: null });
    expect(v.events[0]?.payload).toEqual({
      before: "closed",
      after: "submitted",
      previousReason: "duplicate",
      previousDuplicateOf: 3,
      note: "Not a duplicate after all",
    });
  });
});
