import type { ReactNode } from "react";

/** One disclosure in the Actions card: a button that opens its form below it. */
export function ActionPanel(props: {
  id: string;
  label: string;
  open: boolean;
  onToggle: () => void;
  tone?: string;
  children: ReactNode;
}) {
  return (
    <div>
      <button
        type="button"
        className={`btn w-full justify-between ${props.tone ?? ""}`}
        aria-expanded={props.open}
        aria-controls={props.id}
        onClick={props.onToggle}
      >
        {props.label}
        <span aria-hidden="true">{props.open ? "▴" : "▾"}</span>
      </button>
      {props.open && (
        <div id={props.id} className="mt-2 rounded border border-slate-200 bg-slate-50 p-3">
          {props.children}
        </div>
      )}
    </div>
  );
}
