import { CHARTER_ITEMS } from "~/server/domain/catalog";
import { describeOutcome, type DispatchOutcome } from "~/server/domain/dispatch/outcomes";
import { ISSUE_STATE_LABELS, isIssueState } from "~/server/domain/dispatch/states";

export function stateLabel(state: string): string {
  return isIssueState(state) ? ISSUE_STATE_LABELS[state] : state;
}

export function charterItemLabel(id: string | null | undefined): string {
  if (!id) return "Not set";
  if (id === "other") return "Other";
  return CHARTER_ITEMS.find((c) => c.id === id)?.title ?? id;
}

export function outcomeLabel(outcome: unknown): string {
  return outcome ? describeOutcome(outcome as DispatchOutcome) : "";
}

const STATE_TONE: Record<string, string> = {
  submitted: "border-sky-300 bg-sky-50 text-sky-900",
  "needs-info": "border-amber-300 bg-amber-50 text-amber-900",
  "in-discussion": "border-violet-300 bg-violet-50 text-violet-900",
  recommended: "border-indigo-300 bg-indigo-50 text-indigo-900",
  "ad-review": "border-fuchsia-300 bg-fuchsia-50 text-fuchsia-900",
  dispatched: "border-emerald-300 bg-emerald-50 text-emerald-900",
  accepted: "border-green-400 bg-green-50 text-green-900",
  returned: "border-orange-300 bg-orange-50 text-orange-900",
  closed: "border-slate-300 bg-slate-100 text-slate-700",
};

export function stateTone(state: string): string {
  return STATE_TONE[state] ?? "border-slate-300 bg-slate-100 text-slate-800";
}

export function formatDate(d: Date | string): string {
  const date = typeof d === "string" ? new Date(d) : d;
  return date.toISOString().slice(0, 10);
}

export function formatDateTime(d: Date | string): string {
  const date = typeof d === "string" ? new Date(d) : d;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function ageInDays(d: Date | string, now = Date.now()): number {
  const t = typeof d === "string" ? Date.parse(d) : d.getTime();
  return Math.max(0, Math.floor((now - t) / 86_400_000));
}
