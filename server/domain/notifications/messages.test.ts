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
      /Recommended -> AD review/,
    ],
    ["commented", { excerpt: "hello" }, false, /commented$/],
    [
      "info-requested",
      { before: "submitted", after: "needs-info", message: "Which devices?" },
      true,
      /Submitted -> Needs information/,
    ],
    ["charter-item-set", { before: null, after: "onboarding" }, false, /charter item set$/],
  ])("%s on an issue: email=%s", (type, payload, email, subject) => {
    const m = messageFor(ev(type, payload), "Thread onboarding");
    expect(m.email).toBe(email);
    expect(m.subject).toMatch(/^Issue #12 \(Thread onboarding\): /);
    expect(m.subject).toMatch(subject);
    expect(m.path).toBe("/issues/12");
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
