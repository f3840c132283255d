"use client";

import { Combobox, ComboboxInput, ComboboxOption, ComboboxOptions } from "@headlessui/react";
import { useState } from "react";
import { Field } from "./field";

export interface GroupChoice {
  acronym: string;
  name: string;
}

/** Groups whose acronym or name contains every word typed, acronym matches first. */
export function matchGroups(groups: readonly GroupChoice[], query: string): GroupChoice[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...groups];
  const hits = groups.filter((g) => {
    const text = `${g.acronym} ${g.name}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  const first = words[0]!;
  return hits.sort(
    (a, b) =>
      Number(!a.acronym.startsWith(first)) - Number(!b.acronym.startsWith(first)) ||
      a.acronym.localeCompare(b.acronym),
  );
}

/**
 * Choose one group from a known list by typing part of its acronym or name.
 * A combobox in the WAI-ARIA sense: arrow keys move through the matches, Enter
 * chooses, Escape closes. Free text is never a value: only a listed group is.
 */
export function GroupCombobox(props: {
  id: string;
  label: string;
  groups: readonly GroupChoice[];
  value: string | null;
  onChange: (acronym: string | null) => void;
  error?: string[];
  hint?: string;
}) {
  const [query, setQuery] = useState("");
  const selected = props.groups.find((g) => g.acronym === props.value) ?? null;
  const matches = matchGroups(props.groups, query);
  const describedBy =
    [props.hint ? `${props.id}-hint` : null, props.error ? `${props.id}-error` : null]
      .filter(Boolean)
      .join(" ") || undefined;
  return (
    <Field id={props.id} label={props.label} hint={props.hint} error={props.error}>
      <Combobox
        value={selected}
        by="acronym"
        onChange={(g: GroupChoice | null) => props.onChange(g?.acronym ?? null)}
        onClose={() => setQuery("")}
        immediate
      >
        <div className="relative">
          <ComboboxInput
            id={props.id}
            className="input"
            autoComplete="off"
            aria-invalid={props.error ? true : undefined}
            aria-describedby={describedBy}
            displayValue={(g: GroupChoice | null) =>
              g ? `${g.acronym.toUpperCase()} — ${g.name}` : ""
            }
            onChange={(e) => setQuery(e.target.value)}
          />
          <ComboboxOptions
            modal={false}
            className="absolute z-20 mt-1 max-h-60 w-full overflow-auto rounded border border-slate-300 bg-white py-1 text-sm shadow-lg empty:invisible"
          >
            {matches.length === 0 ? (
              <div className="px-3 py-2 text-slate-600">No group matches “{query}”.</div>
            ) : (
              matches.map((g) => (
                <ComboboxOption
                  key={g.acronym}
                  value={g}
                  className="cursor-pointer px-3 py-1 data-[focus]:bg-indigo-600 data-[focus]:text-white"
                >
                  <span className="font-medium">{g.acronym.toUpperCase()}</span> — {g.name}
                </ComboboxOption>
              ))
            )}
          </ComboboxOptions>
        </div>
      </Combobox>
    </Field>
  );
}
