/** Which document states put a draft on an area director's desk. */

/** WG states at or after WG Last Call (the stream's "late" states). */
export const WG_LAST_CALL_OR_LATER: readonly string[] = [
  "wg-lc",
  "waiting-for-implementation",
  "held-by-wg",
  "chair-w",
  "writeupw",
  "sub-pub",
];

/** IESG states in which the responsible AD is the one who must act. */
export const WAITING_ON_AD: readonly string[] = [
  "pub-req",
  "ad-eval",
  "lc-req",
  "writeupw",
  "goaheadw",
  "nopubadw",
];

export type PipelineReason = "wg-last-call-or-later" | "waiting-on-ad";

/** Why a document belongs in the AD pipeline, or null when it does not. */
export function pipelineReasons(states: {
  wg?: string | null;
  iesg?: string | null;
}): PipelineReason[] {
  const out: PipelineReason[] = [];
  if (states.wg && WG_LAST_CALL_OR_LATER.includes(states.wg)) out.push("wg-last-call-or-later");
  if (states.iesg && WAITING_ON_AD.includes(states.iesg)) out.push("waiting-on-ad");
  return out;
}
