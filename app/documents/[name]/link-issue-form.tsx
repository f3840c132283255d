"use client";

import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "../../_trpc/client";
import { ActionStatus, useActionRunner } from "../../_components/use-action-runner";

/** Link this document to a dispatch issue, from the document's side. The server decides who may. */
export function LinkIssueForm({ name }: { name: string }) {
  const trpc = useTRPC();
  const link = useMutation(trpc.issue.linkDocument.mutationOptions());
  const { message, run } = useActionRunner();
  return (
    <form
      className="space-y-2"
      aria-label="Link to an issue"
      onSubmit={(e) => {
        e.preventDefault();
        const formEl = e.currentTarget;
        const raw = String(new FormData(formEl).get("issue") ?? "").replace(/^#/, "");
        void run(`Linked to issue #${raw}.`, () =>
          link.mutateAsync({ issueId: Number(raw) || 0, document: name }),
        ).then((ok) => ok && formEl.reset());
      }}
    >
      <label htmlFor="link-issue" className="label">
        Link to dispatch issue number
      </label>
      <input
        id="link-issue"
        name="issue"
        inputMode="numeric"
        className="input"
        placeholder="e.g. 12"
      />
      <button type="submit" className="btn" disabled={link.isPending}>
        Link issue
      </button>
      <ActionStatus message={message} />
    </form>
  );
}
