import { describe, expect, it } from "vitest";
import {
  DEFAULT_DELIVERY,
  deliveryFor,
  effectivePreferences,
  isDelivery,
  isNotificationKind,
  kindFor,
  NOTIFICATION_KINDS,
  type Delivery,
  type NotificationKind,
  type RecipientRelation,
  type StoredPreferences,
} from "./preferences";

const rel = (needsAction: boolean, watchesExplicitly: boolean, submitter: boolean) => ({
  needsAction,
  watchesExplicitly,
  submitter,
});

describe("notification kinds", () => {
  it.each<[RecipientRelation, NotificationKind]>([
    [rel(true, true, true), "action"],
    [rel(true, false, false), "action"],
    [rel(false, true, true), "watched"],
    [rel(false, true, false), "watched"],
    [rel(false, false, true), "filed"],
    [rel(false, false, false), "activity"],
  ])("%o is %s", (r, kind) => {
    expect(kindFor(r)).toBe(kind);
  });
});

describe("delivery resolution", () => {
  it.each<[NotificationKind, StoredPreferences, boolean, Delivery]>([
    // Defaults mail only what needs action or was chosen.
    ["action", {}, true, "immediately"],
    ["watched", {}, true, "immediately"],
    ["filed", {}, true, "immediately"],
    ["activity", {}, true, "off"],
    // A stored choice wins over the default, for its kind only.
    ["activity", { activity: "digest" }, true, "digest"],
    ["action", { activity: "digest" }, true, "immediately"],
    ["action", { action: "off" }, true, "off"],
    ["watched", { watched: "digest" }, true, "digest"],
    // E-mail switched off silences every kind.
    ["action", {}, false, "off"],
    ["activity", { activity: "immediately" }, false, "off"],
  ])("%s with %o, e-mail %s: %s", (kind, stored, emailOn, expected) => {
    expect(deliveryFor(kind, stored, emailOn)).toBe(expected);
  });

  it("lists every kind with its effective choice", () => {
    const eff = effectivePreferences({ activity: "digest" });
    expect(Object.keys(eff).sort()).toEqual([...NOTIFICATION_KINDS].sort());
    expect(eff.activity).toBe("digest");
    expect(eff.action).toBe(DEFAULT_DELIVERY.action);
  });

  it.each([
    ["action", true],
    ["toString", false],
    ["__proto__", false],
    ["", false],
    [7, false],
  ])("%s is a kind: %s", (v, ok) => {
    expect(isNotificationKind(v)).toBe(ok);
  });

  it.each([
    ["digest", true],
    ["weekly", false],
    ["constructor", false],
    [null, false],
  ])("%s is a delivery: %s", (v, ok) => {
    expect(isDelivery(v)).toBe(ok);
  });
});
