"use client";

import { useState } from "react";
import { z } from "zod";
import { CHARTER_ITEM_IDS, CHARTER_ITEMS, type CharterItemId } from "~/server/domain/catalog";
import type { FormErrors } from "../../_components/form-errors";
import { Field, fieldAria } from "../../_components/field";
import { CORRECT_FIELDS, parsePayload } from "./form-parse";

/** The triage fields as the server's triage input takes them. */
const ZTriageFields = z.object({
  charterItem: z
    .enum(CHARTER_ITEM_IDS, { error: "Choose a charter item from the list." })
    .optional(),
  responsibleChairId: z.number().int().positive().nullable(),
});

export function TriageForm(props: {
  charterItem: string | null;
  responsibleChairId: number | null;
  chairs: { id: number; name: string }[];
  fields: FormErrors["fields"];
  busy: boolean;
  onRefuse: (text: string, fields: FormErrors["fields"]) => void;
  onSubmit: (v: { charterItem?: CharterItemId; responsibleChairId: number | null }) => void;
}) {
  const [item, setItem] = useState(props.charterItem ?? "");
  const [chair, setChair] = useState(
    props.responsibleChairId ? String(props.responsibleChairId) : "",
  );
  const chairErr = props.fields.responsibleChairId;
  const itemErr = props.fields.charterItem;
  return (
    <form
      className="space-y-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = parsePayload(ZTriageFields, {
          ...(item ? { charterItem: item } : {}),
          responsibleChairId: chair ? Number(chair) : null,
        });
        if (parsed.ok) props.onSubmit(parsed.data);
        else props.onRefuse(CORRECT_FIELDS, parsed.fields);
      }}
    >
      <Field id="triage-item" label="Charter item" error={itemErr}>
        <select
          {...fieldAria("triage-item", { error: itemErr })}
          className="input"
          value={item}
          onChange={(e) => setItem(e.target.value)}
        >
          <option value="">Not set</option>
          {CHARTER_ITEMS.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
      </Field>
      <Field id="triage-chair" label="Responsible chair" error={chairErr}>
        <select
          {...fieldAria("triage-chair", { error: chairErr })}
          className="input"
          value={chair}
          onChange={(e) => setChair(e.target.value)}
        >
          <option value="">Not assigned</option>
          {props.chairs.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" className="btn btn-primary" disabled={props.busy}>
        Save triage
      </button>
    </form>
  );
}
