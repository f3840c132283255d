import { z } from "zod";
import { INT4_MAX } from "../validation/ids";
import { ZRationale, ZRecommendation } from "./outcomes";
import { ZClosedReason } from "./states";
import { optionalText, requiredText } from "../validation/text";

/**
 * The commands of the dispatch state machine and their payload schemas. Which
 * command is legal in which state is the transition table's job (`machine.ts`).
 */

export const COMMAND_TYPES = [
  "edit",
  "request-info",
  "start-discussion",
  "recommend",
  "request-review",
  "approve",
  "return",
  "acknowledge",
  "decline",
  "close",
  "withdraw",
  "reopen",
] as const;
export type CommandType = (typeof COMMAND_TYPES)[number];

export const COMMAND_LABELS: Readonly<Record<CommandType, string>> = {
  edit: "Edit",
  "request-info": "Request information",
  "start-discussion": "Start discussion",
  recommend: "Recommend",
  "request-review": "Request AD review",
  approve: "Approve",
  return: "Return to chairs",
  acknowledge: "Acknowledge",
  decline: "Decline",
  close: "Close",
  withdraw: "Withdraw",
  reopen: "Reopen",
};

const ZEditCommand = z.object({
  type: z.literal("edit"),
  /** Names of the intake fields the submitter changed, for the timeline. */
  changedFields: z.array(requiredText("Field name", 100)).max(50).optional(),
});
const ZRequestInfoCommand = z.object({
  type: z.literal("request-info"),
  message: requiredText("Message"),
});
const ZStartDiscussionCommand = z.object({
  type: z.literal("start-discussion"),
  note: optionalText("Note"),
});
const ZRecommendCommand = z.object({
  type: z.literal("recommend"),
  recommendation: ZRecommendation,
});
const ZRequestReviewCommand = z.object({
  type: z.literal("request-review"),
  note: optionalText("Note"),
});
const ZApproveCommand = z.object({
  type: z.literal("approve"),
  rationale: ZRationale,
});
const ZReturnCommand = z.object({
  type: z.literal("return"),
  comment: requiredText("Comment"),
});
const ZAcknowledgeCommand = z.object({
  type: z.literal("acknowledge"),
  note: optionalText("Note"),
});
const ZDeclineCommand = z.object({
  type: z.literal("decline"),
  reason: requiredText("Reason"),
});
const ZCloseCommand = z
  .object({
    type: z.literal("close"),
    reason: ZClosedReason,
    duplicateOf: z
      .number({ error: "Duplicate of must be an issue number." })
      .int({ error: "Duplicate of must be a whole issue number." })
      .positive({ error: "Duplicate of must be a positive issue number." })
      .max(INT4_MAX, { error: "There is no issue with that number." })
      .optional(),
  })
  .superRefine((c, ctx) => {
    if (c.reason === "duplicate" && c.duplicateOf === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["duplicateOf"],
        message: "Give the number of the issue this one duplicates.",
      });
    }
    if (c.reason !== "duplicate" && c.duplicateOf !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["duplicateOf"],
        message: "Duplicate of is only allowed when the reason is duplicate.",
      });
    }
  });
const ZWithdrawCommand = z.object({
  type: z.literal("withdraw"),
  note: optionalText("Note"),
});
const ZReopenCommand = z.object({
  type: z.literal("reopen"),
  note: optionalText("Note"),
});

/** Every command, validated. Routers may use this as (part of) their input schema. */
export const ZIssueCommand = z.discriminatedUnion(
  "type",
  [
    ZEditCommand,
    ZRequestInfoCommand,
    ZStartDiscussionCommand,
    ZRecommendCommand,
    ZRequestReviewCommand,
    ZApproveCommand,
    ZReturnCommand,
    ZAcknowledgeCommand,
    ZDeclineCommand,
    ZCloseCommand,
    ZWithdrawCommand,
    ZReopenCommand,
  ],
  { error: () => `Unknown command. Commands are: ${COMMAND_TYPES.join(", ")}.` },
);
/** A command as callers write it (before trimming/normalising). */
export type IssueCommand = z.input<typeof ZIssueCommand>;
/** A command after validation. */
export type ParsedIssueCommand = z.output<typeof ZIssueCommand>;
