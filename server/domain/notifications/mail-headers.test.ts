import { describe, expect, it } from "vitest";
import { mailHeaders, threadId } from "./mail-headers";

describe("threadId", () => {
  it.each([
    ["issue", "12", "<issue-12@iotops-dispatch>"],
    [
      "document",
      "draft-ietf-iotops-mud-rats",
      "<document-draft-ietf-iotops-mud-rats@iotops-dispatch>",
    ],
    ["document", "RFC8995", "<document-rfc8995@iotops-dispatch>"],
    ["issue", "12>\r\nBcc: x@y", null],
    ["issue", "", null],
    ["document", "a b", null],
    ["meeting", "131", null],
    ["person", "4", null],
  ])("%s %j threads as %j", (type, key, expected) => {
    expect(threadId(type, key)).toBe(expected);
  });
});

describe("mailHeaders", () => {
  const urls = {
    unsubscribeUrl: "https://dispatch.example/unsubscribe/one-click?token=7.abc",
    settingsUrl: "https://dispatch.example/settings",
  };

  it("threads messages about one issue under one root and offers one-click unsubscribe", () => {
    expect(mailHeaders({ subject: { type: "issue", key: "12" }, ...urls })).toEqual({
      "Auto-Submitted": "auto-generated",
      "List-Id": "IOTOPS Dispatch notifications <notifications.iotops-dispatch>",
      "List-Unsubscribe": "<https://dispatch.example/unsubscribe/one-click?token=7.abc>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "List-Help": "<https://dispatch.example/settings>",
      "In-Reply-To": "<issue-12@iotops-dispatch>",
      References: "<issue-12@iotops-dispatch>",
    });
  });

  it("has no threading headers for a message about nothing threadable", () => {
    const h = mailHeaders({ subject: { type: "meeting", key: "131" }, ...urls });
    expect(h["In-Reply-To"]).toBeUndefined();
    expect(h["References"]).toBeUndefined();
    expect(h["List-Unsubscribe"]).toBe(`<${urls.unsubscribeUrl}>`);
  });
});
