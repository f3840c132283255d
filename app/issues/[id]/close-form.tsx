"use client";

import { useState } from "react";
import { ZIssueCommand, type IssueCommand } from "~/server/domain/dispatch/machine";
import type { FormErrors } from "../../_components/form-errors";
import { Field, fieldAria } from "../../_components/field";
import { CORRECT_FIELDS, fieldError, parsePayload } from "./form-parse";

type Reason = "out-of-scope" | "duplicate" | "withdrawn";

export function CloseForm(props: {
  fields: FormErrors["fields"];
  busy: boolean;
  onRefuse: (text: string, fields: FormErrors["fields"]) => void;
  onSubmit: (c: IssueCommand) => void;
}) {
  const [reason, setReason] = useState<Reason>("out-of-scope");
  const [dup, setDup] = useState("");
  const dupErr = fieldError(props.fields, "duplicateOf");
  return (
    <form
      className="space-y-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const digits = dup.trim().replace(/^#/, "");
        const parsed = parsePayload(
          ZIssueCommand,
          reason === "duplicate"
            ? { type: "close", reason, duplicateOf: digits === "" ? undefined : Number(digits) }
            : { type: "close", reason },
        );
        if (parsed.ok) props.onSubmit(parsed.data);
        else props.onRefuse(CORRECT_FIELDS, parsed.fields);
      }}
    >
      <Field id="close-reason" label="Reason">
        <select
          {...fieldAria("close-reason", {})}
          className="input"
          value={reason}
          onChange={(e) => setReason(e.target.value as Reason)}
        >
          <option value="out-of-scope">Out of scope</option>
          <option value="duplicate">Duplicate (merge into another issue)</option>
          <option value="withdrawn">Withdrawn</option>
        </select>
      </Field>
      {reason === "duplicate" && (
        <Field id="close-dup" label="Duplicate of issue number" error={dupErr}>
          <input
            {...fieldAria("close-dup", { error: dupErr })}
            className="input"
            inputMode="numeric"
            value={dup}
            onChange={(e) => setDup(e.target.value)}
          />
        </Field>
      )}
      <button type="submit" className="btn btn-danger" disabled={props.busy}>
        Close issue
      </button>
    </form>
  );
}
