"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { ListCandidate } from "~/server/services/issues/find-issues";
import { IssueTable, type IssueListItem, type IssueSort } from "../_components/issue-table";
import { candidateName } from "../_components/suggestions";
import { ActionStatus, useActionRunner } from "../_components/use-action-runner";
import { useTRPC } from "../_trpc/client";

type Item = IssueListItem & { version: number; topCandidates: ListCandidate[] };

export function TriageTable({
  items,
  chairs,
  sort,
  sortHrefs,
}: {
  items: Item[];
  chairs: { id: number; name: string }[];
  sort: IssueSort;
  /** The queue's URL for each sort, filters kept. */
  sortHrefs: Record<IssueSort, string>;
}) {
  const trpc = useTRPC();
  const { message, run } = useActionRunner();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [chair, setChair] = useState("");
  const bulk = useMutation(trpc.issue.bulkTriage.mutationOptions());

  const toggle = (id: number) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const all = items.length > 0 && selected.size === items.length;

  async function apply(action: "assign" | "discuss") {
    const chosen = items
      .filter((i) => selected.has(i.id))
      .map((i) => ({ id: i.id, version: i.version }));
    const done = await run(
      (r: { updated: unknown[] }) =>
        `Updated ${r.updated.length} issue${r.updated.length === 1 ? "" : "s"}.`,
      () =>
        bulk.mutateAsync(
          action === "assign"
            ? { issues: chosen, responsibleChairId: Number(chair) }
            : { issues: chosen, startDiscussion: true },
        ),
    );
    if (done) setSelected(new Set());
  }

  return (
    <div className="space-y-3">
      <div role="group" aria-label="Bulk actions" className="card flex flex-wrap items-end gap-3">
        <div className="flex items-center gap-2">
          <input
            id="select-all"
            type="checkbox"
            checked={all}
            onChange={() => setSelected(all ? new Set() : new Set(items.map((i) => i.id)))}
          />
          <label htmlFor="select-all" className="text-sm">
            Select all ({selected.size} selected)
          </label>
        </div>
        <div>
          <label htmlFor="bulk-chair" className="label">
            Responsible chair
          </label>
          <select
            id="bulk-chair"
            className="input"
            value={chair}
            onChange={(e) => setChair(e.target.value)}
          >
            <option value="">Choose…</option>
            {chairs.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="btn"
          disabled={selected.size === 0 || !chair || bulk.isPending}
          onClick={() => apply("assign")}
        >
          Assign chair
        </button>
        <button
          type="button"
          className="btn"
          disabled={selected.size === 0 || bulk.isPending}
          onClick={() => apply("discuss")}
        >
          Move to discussion
        </button>
        <ActionStatus message={message} />
      </div>
      <IssueTable
        items={items}
        caption="Triage queue"
        sort={{ by: sort, href: (by) => sortHrefs[by] }}
        select={(i) => (
          <input
            type="checkbox"
            aria-label={`Select issue #${i.id}`}
            checked={selected.has(i.id)}
            onChange={() => toggle(i.id)}
          />
        )}
        extra={{
          header: "Suggestions",
          cell: (i) => {
            const c = (i as Item).topCandidates;
            return (
              <ul className="space-y-1 text-xs">
                {c.map((cand) => (
                  <li key={cand.wg}>
                    <span className="font-medium">{candidateName(cand)}</span>{" "}
                    {Math.round(cand.score * 100)}%
                    {cand.reasons[0] && (
                      <span className="block text-slate-600">{cand.reasons[0]}</span>
                    )}
                  </li>
                ))}
              </ul>
            );
          },
        }}
      />
    </div>
  );
}
