import { describe, expect, it } from "vitest";
import {
  INITIAL_STATES,
  SUPPLEMENTARY_TRANSITIONS,
  TRACKED_STATE_TYPES,
  TRANSITIONS,
  applyStateChange,
  isLegalTransition,
  legalNextStates,
  stateTypeOwner,
  transitionDocument,
  type DocumentStates,
  type TrackedStateType,
} from "./machine";
import { STATES, stateName, type StateDef } from "./vocabulary";

function slugsOf(type: TrackedStateType): string[] {
  return (STATES[type] as readonly StateDef[]).map((s) => s.slug);
}

/** The rule, restated independently of the implementation: suggestions + supplement. */
function expectedNext(type: TrackedStateType, from: string | null): Set<string> {
  if (from === null) return new Set<string>(INITIAL_STATES[type].to);
  const state = (STATES[type] as readonly StateDef[]).find((s) => s.slug === from);
  const extra = (SUPPLEMENTARY_TRANSITIONS[type] as Record<string, { to: readonly string[] }>)[
    from
  ];
  return new Set([...(state?.nextStates ?? []), ...(extra?.to ?? [])]);
}

const cases = TRACKED_STATE_TYPES.flatMap((type) =>
  [null, ...slugsOf(type)].flatMap((from) =>
    slugsOf(type).map((to) => ({ type, from, to, legal: expectedNext(type, from).has(to) })),
  ),
);

describe("transition table", () => {
  it.each(cases)("$type: $from -> $to (legal: $legal)", ({ type, from, to, legal }) => {
    const current: DocumentStates = { [type]: from };
    const r = transitionDocument(current, { stateType: type, to });
    expect(r.ok).toBe(legal);
    expect(isLegalTransition(type, from, to)).toBe(legal);
    if (r.ok) {
      expect(r.value).toEqual({ stateType: type, from, to });
      return;
    }
    expect(r.error.code).toBe("INVALID_TRANSITION");
    const legalNext = [...expectedNext(type, from)];
    expect(r.error.details).toMatchObject({ stateType: type, from, to });
    expect([...(r.error.details?.legalNext as string[])].sort()).toEqual([...legalNext].sort());
    for (const slug of legalNext) expect(r.error.message).toContain(`"${stateName(type, slug)}"`);
  });

  it("covers every state of every tracked axis", () => {
    for (const type of TRACKED_STATE_TYPES) {
      expect(Object.keys(TRANSITIONS[type]).sort()).toEqual(slugsOf(type).sort());
    }
  });

  it("supplement rows only add moves the vocabulary does not already suggest", () => {
    for (const type of TRACKED_STATE_TYPES) {
      const rows = SUPPLEMENTARY_TRANSITIONS[type] as Record<
        string,
        { to: readonly string[]; why: string }
      >;
      for (const [from, row] of Object.entries(rows)) {
        const suggested = (STATES[type] as readonly StateDef[]).find((s) => s.slug === from);
        expect(suggested, `${type}/${from}`).toBeDefined();
        for (const to of row.to) {
          expect(suggested?.nextStates, `${type}: ${from} -> ${to}`).not.toContain(to);
          expect(slugsOf(type)).toContain(to);
          expect(to).not.toBe(from);
        }
        expect(row.why.length).toBeGreaterThan(20);
      }
    }
  });

  it("reaches every state of every axis from the initial states", () => {
    for (const type of TRACKED_STATE_TYPES) {
      const seen = new Set<string>(legalNextStates(type, null));
      const queue = [...seen];
      while (queue.length > 0) {
        for (const next of legalNextStates(type, queue.pop() ?? null)) {
          if (!seen.has(next)) {
            seen.add(next);
            queue.push(next);
          }
        }
      }
      expect([...seen].sort(), type).toEqual(slugsOf(type).sort());
    }
  });

  it("leaves only draft/rfc without a way out", () => {
    const deadEnds = TRACKED_STATE_TYPES.flatMap((type) =>
      slugsOf(type)
        .filter((s) => legalNextStates(type, s).length === 0)
        .map((s) => `${type}/${s}`),
    );
    expect(deadEnds).toEqual(["draft/rfc"]);
  });
});

describe("chair and AD journeys", () => {
  function walk(type: TrackedStateType, path: (string | null)[]) {
    let states: DocumentStates = {};
    for (const to of path.slice(1)) {
      const r = transitionDocument(states, { stateType: type, to: to as string });
      if (!r.ok) return r.error;
      states = applyStateChange(states, r.value);
    }
    return states;
  }

  it("adopts a draft and runs WG last call", () => {
    expect(
      walk("draft-stream-ietf", [null, "wg-cand", "c-adopt", "adopt-wg", "wg-doc", "wg-lc"]),
    ).toEqual({
      "draft-stream-ietf": "wg-lc",
    });
    expect(
      walk("draft-stream-ietf", [null, "c-adopt", "wg-doc", "wg-lc", "writeupw", "sub-pub"]),
    ).toEqual({
      "draft-stream-ietf": "sub-pub",
    });
  });

  it("explains why an adopted draft cannot go straight to WG last call", () => {
    const r = transitionDocument(
      { "draft-stream-ietf": "adopt-wg" },
      { stateType: "draft-stream-ietf", to: "wg-lc" },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("INVALID_TRANSITION");
    expect(r.error.message).toBe(
      'The IETF WG state cannot change from "Adopted by a WG" to "In WG Last Call". Allowed next: "WG Document".',
    );
    expect(r.error.details).toEqual({
      stateType: "draft-stream-ietf",
      from: "adopt-wg",
      to: "wg-lc",
      legalNext: ["wg-doc"],
      legalNextNames: ["WG Document"],
    });
  });

  it("takes a draft through the IESG", () => {
    expect(
      walk("draft-iesg", [
        null,
        "pub-req",
        "ad-eval",
        "lc-req",
        "lc",
        "writeupw",
        "iesg-eva",
        "approved",
        "ann",
        "rfcqueue",
        "pub",
      ]),
    ).toEqual({ "draft-iesg": "pub" });
  });

  it("keeps the other axes untouched", () => {
    const before: DocumentStates = {
      draft: "active",
      "draft-stream-ietf": "wg-doc",
      "draft-iesg": "idexists",
    };
    const r = transitionDocument(before, { stateType: "draft-stream-ietf", to: "wg-lc" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(applyStateChange(before, r.value)).toEqual({ ...before, "draft-stream-ietf": "wg-lc" });
    expect(before["draft-stream-ietf"]).toBe("wg-doc");
  });
});

describe("refusals", () => {
  it("says when the state is already set", () => {
    const r = transitionDocument({ draft: "active" }, { stateType: "draft", to: "active" });
    expect(!r.ok && r.error.code).toBe("INVALID_TRANSITION");
    expect(!r.ok && r.error.message).toMatch(/already "Active"/);
  });

  it("says when a state is final", () => {
    const r = transitionDocument({ draft: "rfc" }, { stateType: "draft", to: "active" });
    expect(!r.ok && r.error.message).toMatch(/"RFC" is final/);
    expect(!r.ok && r.error.details?.legalNext).toEqual([]);
  });

  it.each([
    [{}, { stateType: "draft-iesg", to: "no-such-state" }, /not a known IESG state/],
    [
      { "draft-iesg": "bogus" },
      { stateType: "draft-iesg", to: "pub-req" },
      /current IESG state "bogus"/,
    ],
    [{}, { stateType: "charter", to: "approved" }, /Unknown state type "charter"/],
    [{}, { stateType: "draft-stream-ietf", to: "approved" }, /not a known IETF WG state/],
  ] as const)("rejects unknown slugs as VALIDATION: %j %j", (current, move, message) => {
    const r = transitionDocument(current, move as never);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("VALIDATION");
    expect(r.error.message).toMatch(message);
  });
});

describe("stateTypeOwner", () => {
  it.each([
    ["draft", "system"],
    ["draft-stream-ietf", "wg-chair"],
    ["draft-iesg", "responsible-ad"],
  ] as const)("%s is moved by %s", (type, owner) => {
    expect(stateTypeOwner(type)).toBe(owner);
  });
});
