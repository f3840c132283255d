import { describe, expect, it } from "vitest";
import { emailText, messageFor, retryDelayMs, MAX_ATTEMPTS } from "./messages";

const ev = (
  type: string,
  payload: Record<string, unknown>,
  subjectType = "issue",
  subjectKey = "12",
) => ({
  type,
  subjectType,
  subjectKey,
  actorName: "Charlie Chair",
  payload,
});

describe("notification messages", () => {
  it.each([
    [
      "review-requested",
      { before: "recommended", after: "ad-review", summary: "Existing WG: SUIT" },
      true,
      "OPS AD review requested: #12 Thread onboarding (Existing WG: SUIT)",
    ],
    [
      "ad-approved",
      {
        before: "ad-review",
        after: "dispatched",
        summary: "Existing WG: SUIT",
        targetGroup: "suit",
      },
      true,
      "OPS AD approved: #12 Thread onboarding is dispatched to SUIT",
    ],
    [
      "ad-approved",
      { before: "ad-review", after: "dispatched", summary: "BoF", targetGroup: null },
      true,
      "OPS AD approved: #12 Thread onboarding (BoF)",
    ],
    [
      "ad-returned",
      { before: "ad-review", after: "returned", comment: "Why not SUIT?" },
      true,
      "OPS AD returned #12 Thread onboarding to the IOTOPS chairs",
    ],
    [
      "acknowledged",
      { before: "dispatched", after: "accepted", targetGroup: "suit" },
      true,
      "SUIT accepted #12 Thread onboarding",
    ],
    [
      "declined",
      { before: "dispatched", after: "returned", targetGroup: "suit", reason: "No" },
      true,
      "SUIT declined #12 Thread onboarding",
    ],
    [
      "closed",
      { before: "in-discussion", after: "closed", reason: "out-of-scope" },
      true,
      "#12 Thread onboarding was closed: out of scope",
    ],
    [
      "closed",
      { before: "submitted", after: "closed", reason: "duplicate", duplicateOf: 3 },
      true,
      "#12 Thread onboarding was closed: duplicate of #3",
    ],
    [
      "info-requested",
      { before: "submitted", after: "needs-info", message: "Which devices?" },
      true,
      "More information requested on #12 Thread onboarding",
    ],
    [
      "discussion-started",
      { before: "submitted", after: "in-discussion" },
      true,
      "#12 Thread onboarding is in discussion",
    ],
    [
      "filed",
      { before: "submitted", after: "submitted" },
      false,
      "New issue #12 Thread onboarding",
    ],
    ["commented", { excerpt: "hello" }, false, "New comment on #12 Thread onboarding"],
    [
      "charter-item-set",
      { before: null, after: "onboarding" },
      false,
      "#12 Thread onboarding: charter item set",
    ],
    [
      "some-future-move",
      { before: "submitted", after: "in-discussion" },
      true,
      "#12 Thread onboarding moved from Submitted to In discussion",
    ],
  ])("%s on an issue: email=%s, subject in plain English", (type, payload, email, subject) => {
    const m = messageFor(ev(type, payload), "Thread onboarding", { area: "ops" });
    expect(m.email).toBe(email);
    expect(m.subject).toBe(subject);
    expect(m.subject).not.toMatch(/->|\(AD review|ad approved/);
    expect(m.path).toBe("/issues/12");
  });

  it("names the area director generically when the area is unknown", () => {
    const m = messageFor(
      ev("ad-approved", { before: "ad-review", after: "dispatched", targetGroup: "suit" }),
      "T",
    );
    expect(m.subject).toBe("The area director approved: #12 T is dispatched to SUIT");
  });

  it("keeps the state change in the body", () => {
    const m = messageFor(
      ev("discussion-started", { before: "submitted", after: "in-discussion" }),
      "T",
    );
    expect(m.body).toContain("State: Submitted -> In discussion.");
  });

  it("puts the information request and the actor in the body", () => {
    const m = messageFor(
      ev("info-requested", { before: "submitted", after: "needs-info", message: "Which devices?" }),
      "T",
    );
    expect(m.body).toContain("Which devices?");
    expect(m.body).toContain("Charlie Chair");
  });

  it("names document states by their Datatracker names", () => {
    const m = messageFor(
      ev(
        "state-changed",
        { stateType: "draft-stream-ietf", before: "wg-doc", after: "wg-lc" },
        "document",
        "draft-ietf-x",
      ),
      "X",
    );
    expect(m.subject).toBe("draft-ietf-x: In WG Last Call");
    expect(m.body).toContain("from WG Document to In WG Last Call");
    expect(m.email).toBe(true);
  });

  it("links the page and the settings in the e-mail text", () => {
    const text = emailText(
      messageFor(ev("commented", { excerpt: "x" }), "T"),
      "https://dispatch.example/",
    );
    expect(text).toContain("https://dispatch.example/issues/12");
    expect(text).toContain("https://dispatch.example/settings");
  });

  it("backs off exponentially up to an hour", () => {
    const delays = Array.from({ length: MAX_ATTEMPTS + 4 }, (_, i) => retryDelayMs(i + 1));
    for (let i = 1; i < delays.length; i++)
      expect(delays[i]!).toBeGreaterThanOrEqual(delays[i - 1]!);
    expect(delays[0]).toBe(30_000);
    expect(delays[1]).toBe(60_000);
    expect(Math.max(...delays)).toBe(3_600_000);
  });
});
