/**
 * The phrases of each charter item for the generated benchmark data set, written
 * for this benchmark (see words.ts for the general word lists).
 */
import type { CharterItemId } from "~/server/domain/catalog";

export interface ItemVocabulary {
  /** Noun phrases naming the subject of a problem. */
  topics: readonly string[];
  /** Verb phrases (gerund-free infinitives) an operator wants to do. */
  actions: readonly string[];
  /** Things that go wrong ("when ..."). */
  triggers: readonly string[];
  /** What follows ("devices ..."). */
  consequences: readonly string[];
}

export const ITEM_WORDS: Readonly<Record<CharterItemId, ItemVocabulary>> = {
  "factory-provisioning": {
    topics: [
      "device identity certificates",
      "manufacturer trust anchors",
      "initial device identifiers",
      "factory key injection",
      "vendor voucher signing keys",
      "secure element personalisation",
      "birth certificates for devices",
      "serial number attestation",
    ],
    actions: [
      "install a unique identity during manufacturing",
      "prove which vendor built a device",
      "rotate the manufacturer signing key",
      "audit which keys were injected on the production line",
      "hand over trust anchors to the buyer",
    ],
    triggers: [
      "a contract manufacturer reuses key material across batches",
      "the factory signing key expires before the devices are sold",
      "a batch is produced without a unique identifier",
      "the vendor goes out of business",
    ],
    consequences: [
      "cannot be told apart on the network",
      "fail enrolment with a certificate error",
      "have to be re-flashed by hand",
      "cannot prove their origin to the operator",
    ],
  },
  onboarding: {
    topics: [
      "zero-touch enrolment",
      "bootstrapping credentials",
      "pledge and registrar exchanges",
      "ownership vouchers",
      "network join procedures",
      "commissioning with a phone app",
      "domain certificates for new devices",
      "device enrolment over constrained links",
    ],
    actions: [
      "enrol devices without touching each one",
      "join a device to the right network on first boot",
      "transfer ownership from the installer to the operator",
      "commission thousands of devices in one building",
      "issue a domain certificate during onboarding",
    ],
    triggers: [
      "installers commission devices one at a time",
      "the registrar is unreachable during first boot",
      "a device is unboxed in a different site than planned",
      "the installer's phone keeps the network credentials",
    ],
    consequences: [
      "join the wrong network",
      "wait for a technician to visit",
      "end up with shared credentials",
      "stay in an unmanaged state for weeks",
    ],
  },
  "network-access-control": {
    topics: [
      "manufacturer usage descriptions",
      "allowed communication patterns",
      "per-device access policies",
      "firewall rules generated from device profiles",
      "segmentation of device traffic",
      "declared device behaviour",
      "network policy enforcement points",
    ],
    actions: [
      "limit which services a device may reach",
      "derive firewall rules from the vendor's declaration",
      "enforce access policy at the access point",
      "keep device traffic away from the office network",
      "check traffic against the declared behaviour",
    ],
    triggers: [
      "a device starts talking to unexpected destinations",
      "the vendor's usage description is out of date",
      "a new firmware release adds cloud endpoints",
      "devices share a flat network with laptops",
    ],
    consequences: [
      "reach services they should never contact",
      "are blocked from their own update server",
      "expose management interfaces to the whole network",
      "generate alerts nobody can act on",
    ],
  },
  "administrative-control": {
    topics: [
      "device configuration management",
      "telemetry and monitoring",
      "YANG data models for constrained devices",
      "management protocols over CoAP",
      "inventory of deployed devices",
      "semantic device descriptions",
      "remote diagnostics",
      "authority over devices",
    ],
    actions: [
      "configure devices from one management system",
      "collect telemetry without draining batteries",
      "keep an accurate inventory of deployed devices",
      "describe device capabilities in a common model",
      "delegate management to a service provider",
    ],
    triggers: [
      "every vendor exposes a different management interface",
      "the monitoring system polls too often",
      "data models diverge between product lines",
      "two operators claim authority over the same device",
    ],
    consequences: [
      "drift from their intended configuration",
      "run out of battery months early",
      "disappear from the inventory",
      "cannot be managed by the new operator",
    ],
  },
  "firmware-update": {
    topics: [
      "firmware update manifests",
      "signed update images",
      "delta updates",
      "rollback protection",
      "staged rollouts",
      "bootloader verification",
      "over-the-air update campaigns",
      "update status reporting",
    ],
    actions: [
      "deliver firmware to devices that sleep most of the time",
      "check an image before sending it over the air",
      "roll back a failed update safely",
      "schedule updates across a large fleet",
      "report which version each device runs",
    ],
    triggers: [
      "an update is interrupted halfway",
      "vendors package images in different formats",
      "the update server is overloaded during a campaign",
      "a signing certificate is rotated",
    ],
    consequences: [
      "are left unbootable",
      "drain their batteries retrying downloads",
      "run outdated firmware for years",
      "reject valid images",
    ],
  },
  "isolation-quarantine": {
    topics: [
      "quarantine of compromised devices",
      "isolation networks",
      "restricted VLANs for suspect devices",
      "containment signals from routers",
      "walled gardens for remediation",
      "threat signalling between networks",
    ],
    actions: [
      "isolate a compromised device while it fetches a fix",
      "move a suspect device to a restricted network",
      "signal a containment decision to the home router",
      "keep a quarantined device reachable for management",
    ],
    triggers: [
      "a device is found to be part of a botnet",
      "a vulnerability is published before a patch exists",
      "a device stops matching its declared behaviour",
      "the security team flags a device model",
    ],
    consequences: [
      "keep attacking other hosts",
      "lose the connectivity they need to be fixed",
      "are unplugged by users who cannot tell why",
      "stay on the production network",
    ],
  },
  remediation: {
    topics: [
      "restoring known-good configuration",
      "device recovery procedures",
      "factory reset policies",
      "remote repair of faulty devices",
      "recovery images",
      "configuration backups",
    ],
    actions: [
      "return a faulty device to a good state remotely",
      "restore a saved configuration after a failure",
      "recover a device without physical access",
      "reinstall a clean image on a compromised device",
    ],
    triggers: [
      "a configuration change bricks a batch of devices",
      "a device is recovered after being compromised",
      "the backup configuration is older than the firmware",
      "a reset wipes the operator's credentials",
    ],
    consequences: [
      "need a truck roll to be repaired",
      "come back with default passwords",
      "lose their calibration data",
      "cannot rejoin the network after a reset",
    ],
  },
  "end-of-life": {
    topics: [
      "device decommissioning",
      "credential revocation",
      "secure wiping before resale",
      "transfer of ownership at end of life",
      "end-of-support announcements",
      "disposal of devices holding keys",
    ],
    actions: [
      "revoke credentials when a device is retired",
      "wipe devices before they are resold",
      "hand a device to a new owner safely",
      "tell operators when support for a model ends",
    ],
    triggers: [
      "devices are decommissioned without revoking certificates",
      "the vendor ends support for a model",
      "used devices are sold with the previous owner's keys",
      "a site is closed and its devices are shipped elsewhere",
    ],
    consequences: [
      "keep valid credentials for years",
      "remain attached to the old owner's cloud account",
      "run unsupported software indefinitely",
      "leak configuration of the previous network",
    ],
  },
  "security-privacy": {
    topics: [
      "end-to-end protection of device traffic",
      "key management for constrained devices",
      "remote attestation evidence",
      "lightweight authenticated key exchange",
      "OSCORE security contexts",
      "privacy of device identifiers",
      "software bills of materials",
      "vulnerability disclosure for device vendors",
    ],
    actions: [
      "protect device traffic across proxies",
      "verify that a device runs the software it claims",
      "keep device identifiers from leaking personal data",
      "manage keys for devices with tiny memory",
      "learn which software components run on each model",
    ],
    triggers: [
      "traffic crosses an untrusted gateway",
      "a key is shared across a whole product line",
      "device identifiers are broadcast in clear text",
      "a vulnerability affects a widely used library",
    ],
    consequences: [
      "expose personal data to observers",
      "can be impersonated by anyone with one device",
      "cannot be patched in time",
      "report evidence nobody can verify",
    ],
  },
};
