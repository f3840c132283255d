"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";
import { SYNC_RESOURCES } from "~/server/domain/datatracker/sync-vocabulary";
import { formErrors } from "../../_components/form-errors";
import { formatDateTime } from "../../_components/labels";
import { useTRPC } from "../../_trpc/client";

type Status = inferRouterOutputs<AppRouter>["sync"]["status"];
type Run = Status["runs"][number];

const STATUS_TEXT: Record<Run["status"], string> = {
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
  abandoned: "Abandoned (its server stopped)",
};

const TRIGGER_TEXT: Record<Run["trigger"], string> = {
  "command-line": "command line",
  schedule: "schedule",
  manual: "Sync now",
};

function duration(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function Progress({ run }: { run: Run }) {
  const p = run.progress;
  if (!p.resource) return <span>Starting…</span>;
  return (
    <span>
      Syncing {p.resource}: {p.done}
      {p.total ? ` of ${p.total}` : ""} read
      {p.total ? (
        <progress
          className="ml-2 align-middle"
          max={p.total}
          value={p.done}
          aria-label={`${p.resource} read`}
        />
      ) : null}
    </span>
  );
}

export function SyncPanel({ initial }: { initial: Status }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const status = useQuery({
    ...trpc.sync.status.queryOptions(),
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.runs[0]?.status === "running" ? 1000 : false),
  });
  const start = useMutation(trpc.sync.start.mutationOptions());
  const runs = status.data.runs;
  const last = runs[0];
  const running = last?.status === "running";

  async function syncNow() {
    if (running || start.isPending) return;
    setMessage(null);
    try {
      const { runId } = await start.mutateAsync();
      setMessage(`Run #${runId} started.`);
    } catch (err) {
      setMessage(formErrors(err).message ?? "The sync could not start.");
    }
    await queryClient.invalidateQueries({ queryKey: trpc.sync.status.queryKey() });
  }

  return (
    <div className="space-y-4">
      <section aria-labelledby="now-title" className="card space-y-2">
        <h2 id="now-title">Sync now</h2>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void syncNow()}
          aria-disabled={running || start.isPending}
        >
          {running ? "Syncing…" : "Sync now"}
        </button>
        <p role="status" className="text-sm text-slate-700">
          {running && last ? <Progress run={last} /> : (message ?? "")}
        </p>
      </section>

      {!last ? (
        <p className="card text-slate-700">No sync has run yet.</p>
      ) : (
        <section aria-labelledby="last-title" className="card space-y-3">
          <h2 id="last-title">Last run</h2>
          <dl className="grid grid-cols-[8rem_1fr] gap-1 text-sm">
            <dt>Run</dt>
            <dd>#{last.id}</dd>
            <dt>Status</dt>
            <dd data-testid="last-status">{STATUS_TEXT[last.status]}</dd>
            <dt>Started by</dt>
            <dd>{TRIGGER_TEXT[last.trigger]}</dd>
            <dt>Started</dt>
            <dd>{formatDateTime(last.startedAt)}</dd>
            <dt>Duration</dt>
            <dd>{running ? "still running" : duration(last.durationMs)}</dd>
            <dt>Source</dt>
            <dd>{last.base}</dd>
          </dl>
          <table className="w-full text-sm">
            <caption className="text-left font-medium">Counts per resource</caption>
            <thead>
              <tr>
                <th scope="col" className="text-left">
                  Resource
                </th>
                <th scope="col">Read</th>
                <th scope="col">Created</th>
                <th scope="col">Updated</th>
                <th scope="col">Unchanged</th>
                <th scope="col">Removed</th>
                <th scope="col">Skipped</th>
                <th scope="col">Pages</th>
              </tr>
            </thead>
            <tbody>
              {SYNC_RESOURCES.flatMap((r) => {
                const c = last.counts[r];
                if (!c) return [];
                return [
                  <tr key={r}>
                    <th scope="row" className="text-left font-normal">
                      {r}
                    </th>
                    <td className="text-center">{c.fetched}</td>
                    <td className="text-center">{c.created}</td>
                    <td className="text-center">{c.updated}</td>
                    <td className="text-center">{c.unchanged}</td>
                    <td className="text-center">{c.removed}</td>
                    <td className="text-center">{c.skipped}</td>
                    <td className="text-center">{c.pages}</td>
                  </tr>,
                ];
              })}
            </tbody>
          </table>
          <h3 className="font-medium">Problems</h3>
          {last.errors.length === 0 ? (
            <p className="text-sm text-slate-700">No problems.</p>
          ) : (
            <ul className="list-disc space-y-1 pl-5 text-sm" aria-label="Problems">
              {last.errors.map((e, i) => (
                <li key={`${e.url}-${i}`}>
                  <span className="font-medium">{e.resource}</span>: {e.message}
                  <br />
                  <a href={e.url} className="break-all" rel="noreferrer">
                    {e.url}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {runs.length > 1 && (
        <section aria-labelledby="earlier-title" className="card space-y-2">
          <h2 id="earlier-title">Earlier runs</h2>
          <table className="w-full text-sm">
            <thead>
              <tr>
                <th scope="col" className="text-left">
                  Run
                </th>
                <th scope="col" className="text-left">
                  Started
                </th>
                <th scope="col" className="text-left">
                  Started by
                </th>
                <th scope="col" className="text-left">
                  Status
                </th>
                <th scope="col" className="text-left">
                  Duration
                </th>
                <th scope="col" className="text-left">
                  Problems
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.slice(1).map((r) => (
                <tr key={r.id}>
                  <th scope="row" className="text-left font-normal">
                    #{r.id}
                  </th>
                  <td>{formatDateTime(r.startedAt)}</td>
                  <td>{TRIGGER_TEXT[r.trigger]}</td>
                  <td>{STATUS_TEXT[r.status]}</td>
                  <td>{duration(r.durationMs)}</td>
                  <td>{r.errors.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
