import { describe, expect, it } from "vitest";
import {
  DOC_TAGS,
  GROUP_STATES,
  INTENDED_STD_LEVELS,
  MEETING_IMPORTANT_DATES,
  STATES,
  STATE_TYPES,
  STATE_TYPE_SLUGS,
  findState,
  stateByDatatrackerPk,
  stateName,
  statesOf,
  type StateDef,
} from "./vocabulary";

const allStates = STATE_TYPE_SLUGS.flatMap((type) =>
  (STATES[type] as readonly StateDef[]).map((state) => ({ type, state })),
);

describe("vocabulary", () => {
  it("has a state list for every state type and no others", () => {
    expect(Object.keys(STATES).sort()).toEqual(STATE_TYPES.map((t) => t.slug).sort());
  });

  it.each(STATE_TYPE_SLUGS)(
    "%s: slugs are unique and next states exist in the same type",
    (type) => {
      const list = STATES[type] as readonly StateDef[];
      const slugs = list.map((s) => s.slug);
      expect(new Set(slugs).size).toBe(slugs.length);
      for (const s of list) {
        for (const next of s.nextStates)
          expect(slugs, `${type}/${s.slug} -> ${next}`).toContain(next);
      }
    },
  );

  it("datatracker pks are unique and resolve back to their state", () => {
    const withPk = allStates.filter(({ state }) => state.datatrackerPk !== null);
    expect(new Set(withPk.map(({ state }) => state.datatrackerPk)).size).toBe(withPk.length);
    for (const { type, state } of withPk) {
      const found = stateByDatatrackerPk(state.datatrackerPk as number);
      expect(found?.stateType).toBe(type);
      expect(found?.state.slug).toBe(state.slug);
    }
    expect(stateByDatatrackerPk(424242)).toBeUndefined();
  });

  it.each(["draft", "draft-stream-ietf", "draft-iesg"] as const)(
    "%s: every state has a one-line meaning",
    (type) => {
      for (const s of STATES[type] as readonly StateDef[]) {
        expect(s.meaning, `${type}/${s.slug}`).toMatch(/^\S.{10,}[.]$/);
        expect(s.meaning).not.toContain("\n");
      }
    },
  );

  it("spot-checks facts copied from the Datatracker fixture", () => {
    expect(findState("draft-stream-ietf", "wg-lc")).toMatchObject({
      name: "In WG Last Call",
      nextStates: ["wg-doc", "chair-w", "writeupw"],
      datatrackerPk: 41,
    });
    expect(findState("draft-iesg", "pub")).toMatchObject({
      name: "RFC Published",
      datatrackerPk: 7,
    });
    expect(stateName("draft", "repl")).toBe("Replaced");
    expect(stateName("draft", "nonsense")).toBe("nonsense");
  });

  it("lists states in display order: the IESG pipeline from request to publication", () => {
    const slugs = statesOf("draft-iesg").map((s) => s.slug);
    const pipeline = ["pub-req", "ad-eval", "lc", "iesg-eva", "approved", "ann", "rfcqueue", "pub"];
    const positions = pipeline.map((slug) => slugs.indexOf(slug));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    // Parked and finished states come after the pipeline.
    expect(slugs.indexOf("dead")).toBe(slugs.length - 1);
  });

  it("name lists have unique slugs", () => {
    for (const list of [DOC_TAGS, INTENDED_STD_LEVELS, GROUP_STATES, MEETING_IMPORTANT_DATES]) {
      const slugs = list.map((x: { slug: string }) => x.slug);
      expect(new Set(slugs).size).toBe(slugs.length);
    }
  });
});
