"use client";

import { useMutation } from "@tanstack/react-query";
import { DOC_TAGS } from "~/server/domain/documents/vocabulary";
import { ActionStatus, useActionRunner } from "../../_components/use-action-runner";
import { useTRPC } from "../../_trpc/client";

interface Axis {
  stateType: "draft" | "draft-stream-ietf" | "draft-iesg";
  label: string;
  slug: string | null;
  next: { slug: string; name: string; meaning: string | null }[];
}

export function DocumentActions(props: {
  name: string;
  version: number;
  axes: Axis[];
  tags: string[];
  canTag: boolean;
  canRevise: boolean;
}) {
  const trpc = useTRPC();
  const { message, run } = useActionRunner();
  const transition = useMutation(trpc.document.transition.mutationOptions());
  const setTags = useMutation(trpc.document.setTags.mutationOptions());
  const revise = useMutation(trpc.document.newRevision.mutationOptions());
  const replace = useMutation(trpc.document.recordReplacement.mutationOptions());
  const busy = transition.isPending || setTags.isPending || revise.isPending || replace.isPending;
  if (props.axes.length === 0 && !props.canTag && !props.canRevise) return null;

  return (
    <section aria-labelledby="doc-actions-title" className="card space-y-4">
      <h2 id="doc-actions-title">Change this document</h2>
      <ActionStatus message={message} />
      {props.axes.map((a) => (
        <form
          key={a.stateType}
          className="space-y-2"
          aria-label={`Change ${a.label}`}
          onSubmit={(e) => {
            e.preventDefault();
            const formEl = e.currentTarget;
            const f = new FormData(formEl);
            const to = String(f.get("to") ?? "");
            const comment = String(f.get("comment") ?? "");
            void run("State changed.", () =>
              transition.mutateAsync({
                name: props.name,
                expectedVersion: props.version,
                stateType: a.stateType,
                to,
                comment,
              }),
            ).then((ok) => ok && formEl.reset());
          }}
        >
          <label htmlFor={`to-${a.stateType}`} className="label">
            New {a.label}
          </label>
          <select
            id={`to-${a.stateType}`}
            name="to"
            className="input"
            defaultValue={a.next[0]?.slug}
          >
            {a.next.map((n) => (
              <option key={n.slug} value={n.slug}>
                {n.name}
              </option>
            ))}
          </select>
          <label htmlFor={`comment-${a.stateType}`} className="label">
            Comment (optional)
          </label>
          <input id={`comment-${a.stateType}`} name="comment" className="input" />
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Change {a.label}
          </button>
        </form>
      ))}
      {props.canTag && (
        <form
          className="space-y-2"
          aria-label="Tags"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            const tags = f.getAll("tag").map(String);
            void run("Tags saved.", () =>
              setTags.mutateAsync({ name: props.name, expectedVersion: props.version, tags }),
            );
          }}
        >
          <fieldset>
            <legend className="label">Tags</legend>
            <div className="max-h-48 space-y-1 overflow-y-auto rounded border border-slate-200 p-2">
              {DOC_TAGS.filter((t) => t.used).map((t) => (
                <div key={t.slug} className="flex items-center gap-2 text-sm">
                  <input
                    id={`tag-${t.slug}`}
                    type="checkbox"
                    name="tag"
                    value={t.slug}
                    defaultChecked={props.tags.includes(t.slug)}
                  />
                  <label htmlFor={`tag-${t.slug}`}>{t.name}</label>
                </div>
              ))}
            </div>
          </fieldset>
          <button type="submit" className="btn" disabled={busy}>
            Save tags
          </button>
        </form>
      )}
      {props.canTag && (
        <form
          className="space-y-2"
          aria-label="Record replacement"
          onSubmit={(e) => {
            e.preventDefault();
            const replaces = String(new FormData(e.currentTarget).get("replaces") ?? "");
            void run("Replacement recorded.", () =>
              replace.mutateAsync({ name: props.name, expectedVersion: props.version, replaces }),
            );
          }}
        >
          <label htmlFor="replaces" className="label">
            This document replaces
          </label>
          <input
            id="replaces"
            name="replaces"
            className="input"
            placeholder="draft-someone-topic"
          />
          <button type="submit" className="btn" disabled={busy}>
            Record replacement
          </button>
        </form>
      )}
      {props.canRevise && (
        <button
          type="button"
          className="btn w-full"
          disabled={busy}
          onClick={() =>
            void run("New revision posted.", () =>
              revise.mutateAsync({ name: props.name, expectedVersion: props.version }),
            )
          }
        >
          Post the next revision
        </button>
      )}
    </section>
  );
}
