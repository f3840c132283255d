"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ListCandidate } from "~/server/services/issues/find-issues";
import { formErrors } from "../_components/form-errors";
import { IssueTable, type IssueListItem } from "../_components/issue-table";
import { candidateName } from "../_components/suggestions";
import { useTRPC } from "../_trpc/client";

type Item = IssueListItem & { version: number; topCandidates: ListCandidate[] };

export function TriageTable({
  items,
  chairs,
}: {
  items: Item[];
  chairs: { id: number; name: string }[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [chair, setChair] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
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
    setMessage(null);
    try {
      const r = await bulk.mutateAsync(
        action === "assign"
          ? { issues: chosen, responsibleChairId: Number(chair) }
          : { issues: chosen, startDiscussion: true },
      );
      setMessage({
        ok: true,
        text: `Updated ${r.updated.length} issue${r.updated.length === 1 ? "" : "s"}.`,
      });
      setSelected(new Set());
      router.refresh();
    } catch (err) {
      setMessage({ ok: false, text: formErrors(err).message ?? "The bulk action failed." });
    }
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
        <div aria-live="polite" className="text-sm">
          {message && (
            <span
              className={message.ok ? "text-green-800" : "text-red-800"}
              role={message.ok ? undefined : "alert"}
            >
              {message.text}
            </span>
          )}
        </div>
      </div>
      <IssueTable
        items={items}
        caption="Triage queue"
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
