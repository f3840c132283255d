"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ActionStatus, useActionRunner } from "../../../../_components/use-action-runner";
import { CHARTER_ITEMS } from "~/server/domain/catalog";
import { useTRPC } from "../../../../_trpc/client";

interface Item {
  id: number;
  issueId: number;
  title: string;
  state: string;
  presenter: string;
  minutesRequested: number;
  minutes: string;
  issueVersion: number;
}

export function AgendaEditor(props: {
  sessionId: number;
  version: number;
  items: Item[];
  candidates: { id: number; title: string }[];
  published: boolean;
}) {
  const trpc = useTRPC();
  const change = useMutation(trpc.meeting.changeAgenda.mutationOptions());
  const minutes = useMutation(trpc.meeting.recordMinutes.mutationOptions());
  const { message, run } = useActionRunner();
  const ref = { sessionId: props.sessionId, expectedVersion: props.version };
  const busy = change.isPending || minutes.isPending;

  function onAdd(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    void run("Added to the agenda.", () =>
      change.mutateAsync({
        ...ref,
        op: "add",
        issueId: Number(f.get("add-issue")),
        presenter: String(f.get("add-presenter") ?? ""),
        minutesRequested: Number(f.get("add-minutes")) || 15,
      }),
    );
  }

  return (
    <section aria-labelledby="editor-title" className="card space-y-4">
      <h2 id="editor-title">Build the agenda</h2>
      <ActionStatus message={message} />
      {props.candidates.length === 0 ? (
        <p className="text-sm text-slate-600">No issues in discussion are waiting for a slot.</p>
      ) : (
        <form
          onSubmit={onAdd}
          className="grid gap-3 sm:grid-cols-4 sm:items-end"
          aria-label="Add an item"
        >
          <div className="sm:col-span-2">
            <label htmlFor="add-issue" className="label">
              Issue in discussion
            </label>
            <select id="add-issue" name="add-issue" className="input">
              {props.candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  #{c.id} {c.title}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="add-presenter" className="label">
              Presenter
            </label>
            <input id="add-presenter" name="add-presenter" className="input" />
          </div>
          <div>
            <label htmlFor="add-minutes" className="label">
              Minutes requested
            </label>
            <input
              id="add-minutes"
              name="add-minutes"
              type="number"
              min={5}
              max={120}
              defaultValue={15}
              className="input"
            />
          </div>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Add to agenda
          </button>
        </form>
      )}
      {props.items.length > 0 && (
        <ol className="space-y-3" aria-label="Edit items">
          {props.items.map((i, idx) => (
            <li key={i.id} className="rounded border border-slate-200 p-3">
              <p className="font-medium">
                #{i.issueId} {i.title}
              </p>
              <div className="mt-1 flex flex-wrap gap-2">
                <button
                  type="button"
                  className="btn"
                  disabled={busy || idx === 0}
                  aria-label={`Move #${i.issueId} up`}
                  onClick={() =>
                    run("Moved.", () =>
                      change.mutateAsync({ ...ref, op: "move", itemId: i.id, direction: "up" }),
                    )
                  }
                >
                  Up
                </button>
                <button
                  type="button"
                  className="btn"
                  disabled={busy || idx === props.items.length - 1}
                  aria-label={`Move #${i.issueId} down`}
                  onClick={() =>
                    run("Moved.", () =>
                      change.mutateAsync({ ...ref, op: "move", itemId: i.id, direction: "down" }),
                    )
                  }
                >
                  Down
                </button>
                <button
                  type="button"
                  className="btn"
                  disabled={busy}
                  aria-label={`Remove #${i.issueId}`}
                  onClick={() =>
                    run("Removed.", () =>
                      change.mutateAsync({ ...ref, op: "remove", itemId: i.id }),
                    )
                  }
                >
                  Remove
                </button>
              </div>
              <MinutesForm
                item={i}
                busy={busy}
                onSubmit={(v) =>
                  run("Minutes recorded.", () =>
                    minutes.mutateAsync({
                      sessionId: props.sessionId,
                      itemId: i.id,
                      issueVersion: i.issueVersion,
                      ...v,
                    }),
                  )
                }
              />
            </li>
          ))}
        </ol>
      )}
      <button
        type="button"
        className="btn btn-primary"
        disabled={busy || props.items.length === 0}
        onClick={() =>
          run("Agenda published; watchers have been notified.", () =>
            change.mutateAsync({ ...ref, op: "publish" }),
          )
        }
      >
        {props.published ? "Publish the agenda again" : "Publish the agenda"}
      </button>
    </section>
  );
}

type MinutesInput = {
  minutes: string;
  recommendation?: {
    outcome: {
      kind: "existing-wg";
      targetGroup: string;
      charterItem: (typeof CHARTER_ITEMS)[number]["id"];
      needsRecharter: boolean;
    };
    rationale: string;
  };
};

function MinutesForm({
  item,
  busy,
  onSubmit,
}: {
  item: Item;
  busy: boolean;
  onSubmit: (v: MinutesInput) => void;
}) {
  const [recommend, setRecommend] = useState(false);
  const id = `m-${item.id}`;
  return (
    <form
      className="mt-3 space-y-2"
      aria-label={`Minutes for #${item.issueId}`}
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const s = (k: string) => String(f.get(k) ?? "").trim();
        onSubmit({
          minutes: s("minutes"),
          ...(recommend
            ? {
                recommendation: {
                  outcome: {
                    kind: "existing-wg",
                    targetGroup: s("target"),
                    charterItem: s("item") as (typeof CHARTER_ITEMS)[number]["id"],
                    needsRecharter: false,
                  },
                  rationale: s("rationale"),
                },
              }
            : {}),
        });
      }}
    >
      <label htmlFor={`${id}-minutes`} className="label">
        Minutes for #{item.issueId}
      </label>
      <textarea
        id={`${id}-minutes`}
        name="minutes"
        rows={3}
        className="input"
        defaultValue={item.minutes}
      />
      {item.state === "in-discussion" && (
        <div className="flex items-center gap-2">
          <input
            id={`${id}-rec`}
            type="checkbox"
            checked={recommend}
            onChange={(e) => setRecommend(e.target.checked)}
          />
          <label htmlFor={`${id}-rec`} className="text-sm">
            Also record the dispatch recommendation for #{item.issueId} to an existing WG (and send
            it to the AD)
          </label>
        </div>
      )}
      {recommend && (
        <div className="grid gap-2 sm:grid-cols-2">
          <div>
            <label htmlFor={`${id}-target`} className="label">
              Target group for #{item.issueId}
            </label>
            <input id={`${id}-target`} name="target" className="input" />
          </div>
          <div>
            <label htmlFor={`${id}-item`} className="label">
              Charter item for #{item.issueId}
            </label>
            <select id={`${id}-item`} name="item" className="input">
              {CHARTER_ITEMS.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </div>
          <div className="sm:col-span-2">
            <label htmlFor={`${id}-rationale`} className="label">
              Rationale for #{item.issueId}
            </label>
            <textarea id={`${id}-rationale`} name="rationale" rows={2} className="input" />
          </div>
        </div>
      )}
      <button type="submit" className="btn" disabled={busy}>
        Save minutes
      </button>
    </form>
  );
}
