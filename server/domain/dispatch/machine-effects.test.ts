import { describe, expect, it } from "vitest";
import { legalCommands, transition, type IssueCommand, type IssueSnapshot } from "./machine";
import type { Recommendation } from "./outcomes";
import { ISSUE_STATES } from "./states";

// ---------------------------------------------------------------------------
// What each command asks the service to do beside persisting, and which group
// its event concerns, written by hand from the specification: a recommendation
// or an approval must not dispatch a draft revision twice, an approval records
// the revisions it dispatched, and closing as a duplicate merges into the other
// issue. Events name the receiving group where the command concerns it.

const SUIT_REC: Recommendation = {
  outcome: {
    kind: "existing-wg",
    targetGroup: "suit",
    charterItem: "firmware-update",
    needsRecharter: false,
  },
  rationale: "Firmware update is SUIT's charter.",
};

const COMMANDS: Record<string, IssueCommand> = {
  edit: { type: "edit" },
  "request-info": { type: "request-info", message: "  Which devices?  " },
  "start-discussion": { type: "start-discussion" },
  recommend: {
    type: "recommend",
    recommendation: { outcome: { kind: "iotops", documentType: "bcp" }, rationale: "Ops." },
  },
  "request-review": { type: "request-review" },
  approve: { type: "approve", rationale: "Agreed." },
  return: { type: "return", comment: "Check ANIMA." },
  acknowledge: { type: "acknowledge" },
  decline: { type: "decline", reason: "Not ours." },
  close: { type: "close", reason: "out-of-scope" },
  "close as duplicate": { type: "close", reason: "duplicate", duplicateOf: 3 },
  withdraw: { type: "withdraw" },
  reopen: { type: "reopen" },
};

const REFUSE = { kind: "refuse-dispatched-revisions" };
const RECORD = { kind: "record-dispatched-revisions" };
const CHECK_GROUP = { kind: "check-target-group" };

// prettier-ignore
const EXPECTED: Record<string, { effects: object[]; group: string }> = {
  edit:                 { effects: [],               group: "iotops" },
  "request-info":       { effects: [],               group: "iotops" },
  "start-discussion":   { effects: [],               group: "iotops" },
  recommend:            { effects: [CHECK_GROUP, REFUSE], group: "iotops" },
  "request-review":     { effects: [],               group: "iotops" },
  approve:              { effects: [REFUSE, RECORD], group: "suit" },
  return:               { effects: [],               group: "iotops" },
  acknowledge:          { effects: [],               group: "suit" },
  decline:              { effects: [],               group: "suit" },
  close:                { effects: [],               group: "iotops" },
  "close as duplicate": { effects: [{ kind: "merge-into-duplicate", into: 3 }], group: "iotops" },
  withdraw:             { effects: [],               group: "iotops" },
  reopen:               { effects: [],               group: "iotops" },
};

function snapshot(state: IssueSnapshot["state"]): IssueSnapshot {
  return { number: 7, state, recommendation: SUIT_REC, closedReason: null, duplicateOf: null };
}

const ROWS = ISSUE_STATES.flatMap((state) =>
  Object.entries(COMMANDS)
    .filter(([, command]) => legalCommands(state, snapshot(state)).includes(command.type))
    .map(([name, command]) => ({ state, name, command })),
);

describe("transition effects and the event's group", () => {
  it("covers every command", () => {
    expect(new Set(ROWS.map((r) => r.name))).toEqual(new Set(Object.keys(EXPECTED)));
  });

  it.each(ROWS)("$state + $name", ({ state, name, command }) => {
    const r = transition(snapshot(state), command);
    if (!r.ok) throw new Error(`${name} from ${state}: ${r.error.message}`);
    expect(r.value.effects).toEqual(EXPECTED[name]!.effects);
    expect(r.value.group).toBe(EXPECTED[name]!.group);
  });

  it("a declined dispatch with no recommendation concerns the dispatch group", () => {
    const r = transition(
      { ...snapshot("dispatched"), recommendation: null },
      { type: "decline", reason: "Not ours." },
    );
    expect(r.ok && r.value.group).toBe("iotops");
  });

  it("request-info keeps the trimmed question for the submitter", () => {
    const r = transition(snapshot("submitted"), COMMANDS["request-info"]!);
    expect(r.ok && r.value.patch.infoRequest).toBe("Which devices?");
  });
});
