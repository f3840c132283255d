/** Test fixtures: one valid outcome per kind (two for some), shared by the unit and integration tests. */
import type { DispatchOutcome } from "./outcomes";

const CHARTER = "x".repeat(200);

/** One valid outcome per kind; outcomes.test.ts writes its expectations for each by hand. */
export const SAMPLES: Record<string, DispatchOutcome> = {
  "existing-wg": {
    kind: "existing-wg",
    targetGroup: "suit",
    charterItem: "firmware-update",
    needsRecharter: true,
  },
  "existing-wg-no-recharter": {
    kind: "existing-wg",
    targetGroup: "6lo",
    charterItem: "onboarding",
    needsRecharter: false,
  },
  bof: { kind: "bof", proposedMeeting: 125 },
  "new-wg": { kind: "new-wg", draftCharter: CHARTER },
  "ad-sponsored": { kind: "ad-sponsored", sponsoringAd: "Mahesh Jethanandani" },
  "mailing-list": { kind: "mailing-list", listName: "iot-onboarding@ietf.org" },
  irtf: { kind: "irtf", researchGroup: "t2trg" },
  "other-sdo": { kind: "other-sdo", sdo: "Thread Group" },
  iotops: { kind: "iotops", documentType: "bcp" },
  "iotops-info": { kind: "iotops", documentType: "informational" },
  "no-ietf-work": { kind: "no-ietf-work" },
};
