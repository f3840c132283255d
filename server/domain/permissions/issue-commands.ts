/** Which policy action each dispatch command needs. */
import type { CommandType } from "../dispatch/machine";
import type { Action } from "./policy";

export const COMMAND_ACTION: Readonly<Record<CommandType, Action>> = {
  edit: "issue.edit",
  "request-info": "issue.triage",
  "start-discussion": "issue.triage",
  recommend: "issue.recommend",
  "request-review": "issue.recommend",
  approve: "issue.review",
  return: "issue.review",
  acknowledge: "issue.acknowledge",
  decline: "issue.acknowledge",
  close: "issue.triage",
  withdraw: "issue.withdraw",
  reopen: "issue.triage",
};
