import { describe, expect, it } from "vitest";
import { pipelineReasons } from "./pipeline";
import { findState } from "./vocabulary";
import { WAITING_ON_AD, WG_LAST_CALL_OR_LATER } from "./pipeline";

describe("AD pipeline", () => {
  it.each([
    [{ wg: "wg-doc", iesg: null }, []],
    [{ wg: "c-adopt", iesg: "idexists" }, []],
    [{ wg: "wg-lc", iesg: null }, ["wg-last-call-or-later"]],
    [{ wg: "sub-pub", iesg: "pub-req" }, ["wg-last-call-or-later", "waiting-on-ad"]],
    [{ wg: null, iesg: "ad-eval" }, ["waiting-on-ad"]],
    [{ wg: "sub-pub", iesg: "iesg-eva" }, ["wg-last-call-or-later"]],
    [{ wg: "parked", iesg: "pub" }, []],
  ] as const)("%j -> %j", (states, expected) => {
    expect(pipelineReasons(states)).toEqual(expected);
  });

  it("names only states that exist in the Datatracker vocabulary", () => {
    for (const s of WG_LAST_CALL_OR_LATER) expect(findState("draft-stream-ietf", s)).toBeDefined();
    for (const s of WAITING_ON_AD) expect(findState("draft-iesg", s)).toBeDefined();
  });
});
