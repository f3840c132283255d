/**
 * The nine work items of the IOTOPS charter, i.e. the stages of an IoT device's
 * operational life (plus the cross-cutting security/privacy item). Descriptions
 * are this project's own wording.
 */
export const CHARTER_ITEM_IDS = [
  "factory-provisioning",
  "onboarding",
  "network-access-control",
  "administrative-control",
  "firmware-update",
  "isolation-quarantine",
  "remediation",
  "end-of-life",
  "security-privacy",
] as const;

export type CharterItemId = (typeof CHARTER_ITEM_IDS)[number];

export interface CharterItem {
  readonly id: CharterItemId;
  readonly title: string;
  readonly description: string;
}

export const CHARTER_ITEMS = [
  {
    id: "factory-provisioning",
    title: "Factory provisioning",
    description:
      "Installing identity, keys and trust anchors in a device while it is being manufactured, so that later on it can show what it is and which vendor built it.",
  },
  {
    id: "onboarding",
    title: "Onboarding",
    description:
      "Letting a freshly deployed device join the network it will live in, and the domain that will manage it, securely and ideally without anyone having to touch it.",
  },
  {
    id: "network-access-control",
    title: "Network access control",
    description:
      "Deciding which peers and services a device is allowed to reach, and enforcing that policy in the network, for instance from behaviour the vendor has declared.",
  },
  {
    id: "administrative-control",
    title: "Administrative control",
    description:
      "Day-to-day management of devices in the field: configuring and monitoring them, modelling their data, and holding authority or ownership over them.",
  },
  {
    id: "firmware-update",
    title: "Firmware update",
    description:
      "Finding, delivering, checking and applying new firmware or software images across large fleets of devices.",
  },
  {
    id: "isolation-quarantine",
    title: "Isolation / quarantine",
    description:
      "Disconnecting a device that is suspected, compromised or out of policy, or confining it to a restricted part of the network.",
  },
  {
    id: "remediation",
    title: "Remediation",
    description:
      "Returning a faulty or vulnerable device to a good state, for example by restoring a saved configuration.",
  },
  {
    id: "end-of-life",
    title: "End of life",
    description:
      "Taking devices out of service or handing them to a new owner: revoking their credentials and dropping them from management.",
  },
  {
    id: "security-privacy",
    title: "Security and privacy",
    description:
      "Protecting device traffic, keys and data throughout the lifecycle, and keeping the leakage of personal information to a minimum.",
  },
] as const satisfies readonly CharterItem[];

const idSet: ReadonlySet<string> = new Set(CHARTER_ITEM_IDS);

export function isCharterItemId(value: string): value is CharterItemId {
  return idSet.has(value);
}
