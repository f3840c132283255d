"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState, type ReactNode } from "react";
import {
  COMMAND_LABELS,
  type CommandType,
  type IssueCommand,
} from "~/server/domain/dispatch/machine";
import { ISSUE_STATE_LABELS, isIssueState } from "~/server/domain/dispatch/states";
import type { GroupChoice } from "../../_components/group-combobox";
import { ActionStatus, useActionRunner } from "../../_components/use-action-runner";
import { useTRPC } from "../../_trpc/client";
import { ActionPanel } from "./action-panel";
import { CloseForm } from "./close-form";
import { RecommendForm } from "./recommend-form";
import { TEXT_COMMANDS, TextCommandForm, TextForm } from "./text-command-form";
import { TriageForm } from "./triage-form";

interface IssueInfo {
  id: number;
  version: number;
  state: string;
  charterItem: string | null;
  responsibleChairId: number | null;
  suggestedGroup: string | null;
}

/** "Approve: done. The issue is now Dispatched." */
function doneWith(label: string) {
  return (r: { state: string }) =>
    `${label}: done. The issue is now ${isIssueState(r.state) ? ISSUE_STATE_LABELS[r.state] : r.state}.`;
}

export function IssueActions(props: {
  issue: IssueInfo;
  commands: CommandType[];
  canTriage: boolean;
  canEdit: boolean;
  canLinkDocument: boolean;
  chairs: { id: number; name: string }[];
  /** Active groups work can be recommended to (only needed with `recommend`). */
  workingGroups?: readonly GroupChoice[];
  researchGroups?: readonly GroupChoice[];
  dispatchBlock: string | null;
  /** The card's id, for a "jump to actions" link. */
  anchorId?: string;
}) {
  const { issue, commands } = props;
  const trpc = useTRPC();
  const { message, fields, run, refuse, clear } = useActionRunner();
  const [open, setOpen] = useState<string | null>(null);
  const transition = useMutation(trpc.issue.transition.mutationOptions());
  const recommendForReview = useMutation(trpc.issue.recommendForReview.mutationOptions());
  const triage = useMutation(trpc.issue.triage.mutationOptions());
  const link = useMutation(trpc.issue.linkDocument.mutationOptions());
  const busy =
    transition.isPending || recommendForReview.isPending || triage.isPending || link.isPending;
  const uid = useId();

  const nothing =
    commands.length === 0 && !props.canTriage && !props.canEdit && !props.canLinkDocument;
  // Keep the card while it has something to say (e.g. the confirmation of the last action).
  if (nothing && !message) return null;

  async function perform<T>(done: string | ((r: T) => string), fn: () => Promise<T>) {
    if (await run(done, fn)) setOpen(null);
  }
  const at = { issueId: issue.id, expectedVersion: issue.version };
  const send = (command: IssueCommand) =>
    perform(doneWith(COMMAND_LABELS[command.type]), () =>
      transition.mutateAsync({ ...at, command }),
    );

  const panel = (key: string, label: string, body: ReactNode, tone = "") => (
    <ActionPanel
      key={key}
      id={`${uid}-panel-${key}`}
      label={label}
      tone={tone}
      open={open === key}
      onToggle={() => {
        clear();
        setOpen(open === key ? null : key);
      }}
    >
      {body}
    </ActionPanel>
  );
  const formProps = { fields, busy, onRefuse: refuse };

  return (
    <section
      id={props.anchorId}
      tabIndex={-1}
      aria-labelledby={`${uid}-actions`}
      className="card scroll-mt-2 space-y-3"
    >
      <h2 id={`${uid}-actions`}>Actions</h2>
      <ActionStatus message={message} />
      {props.canEdit && (
        <Link href={`/issues/${issue.id}/edit`} className="btn w-full">
          Edit issue
        </Link>
      )}
      {commands.map((c) => {
        if (c === "recommend") {
          return panel(
            c,
            "Record recommendation",
            <RecommendForm
              {...formProps}
              suggestedGroup={issue.suggestedGroup}
              charterItem={issue.charterItem}
              workingGroups={props.workingGroups ?? []}
              researchGroups={props.researchGroups ?? []}
              blocked={props.dispatchBlock}
              onSubmit={(recommendation, alsoReview) =>
                alsoReview
                  ? perform(doneWith("Recommend"), () =>
                      recommendForReview.mutateAsync({ ...at, recommendation }),
                    )
                  : send({ type: "recommend", recommendation })
              }
            />,
            "btn-primary",
          );
        }
        if (c === "close") {
          return panel(c, "Close", <CloseForm {...formProps} onSubmit={send} />);
        }
        const t = TEXT_COMMANDS[c];
        if (!t) return null;
        return panel(
          c,
          t.panel ?? COMMAND_LABELS[c],
          <TextCommandForm {...formProps} command={c} onSubmit={send} />,
          t.primary ? "btn-primary" : "",
        );
      })}
      {props.canTriage &&
        issue.state !== "closed" &&
        panel(
          "triage",
          "Charter item and chair",
          <TriageForm
            {...formProps}
            charterItem={issue.charterItem}
            responsibleChairId={issue.responsibleChairId}
            chairs={props.chairs}
            onSubmit={(v) => perform("Triage: saved.", () => triage.mutateAsync({ ...at, ...v }))}
          />,
        )}
      {props.canLinkDocument &&
        panel(
          "link",
          "Link a document",
          <TextForm
            label="Draft name or RFC number"
            single
            error={fields.document}
            submitLabel="Link document"
            busy={busy}
            onSubmit={(document) =>
              perform("Link document: done.", () => link.mutateAsync({ ...at, document }))
            }
          />,
        )}
    </section>
  );
}
