"use client";

import { useId, useState } from "react";
import {
  COMMAND_LABELS,
  ZIssueCommand,
  type CommandType,
  type IssueCommand,
} from "~/server/domain/dispatch/machine";
import type { FormErrors } from "../../_components/form-errors";
import { Field, fieldAria } from "../../_components/field";
import { CORRECT_FIELDS, fieldError, parsePayload } from "./form-parse";

/** Commands that take one text field: what the panel asks for. */
export const TEXT_COMMANDS: Partial<
  Record<
    CommandType,
    {
      field: string;
      label: string;
      required?: boolean;
      panel?: string;
      submit?: string;
      primary?: boolean;
    }
  >
> = {
  "request-info": {
    field: "message",
    label: "Message to the submitter",
    required: true,
    panel: "Request information",
    submit: "Send request",
  },
  "start-discussion": { field: "note", label: "Note" },
  "request-review": { field: "note", label: "Note" },
  reopen: { field: "note", label: "Note" },
  acknowledge: { field: "note", label: "Note" },
  approve: {
    field: "rationale",
    label: "Rationale",
    required: true,
    panel: "Approve dispatch",
    submit: "Approve",
    primary: true,
  },
  return: { field: "comment", label: "Comment for the chairs", required: true, submit: "Return" },
  decline: {
    field: "reason",
    label: "Reason",
    required: true,
    panel: "Decline the work",
    submit: "Decline",
  },
  withdraw: { field: "note", label: "Note", panel: "Withdraw", submit: "Withdraw the issue" },
};

/** A one-field form; `single` makes it a one-line input instead of a text area. */
export function TextForm(props: {
  label: string;
  single?: boolean;
  error?: string[];
  submitLabel: string;
  busy: boolean;
  onSubmit: (value: string) => void;
}) {
  const id = useId();
  const [value, setValue] = useState("");
  const aria = fieldAria(id, { error: props.error });
  return (
    <form
      className="space-y-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(value.trim());
      }}
    >
      <Field id={id} label={props.label} error={props.error}>
        {props.single ? (
          <input
            {...aria}
            className="input"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        ) : (
          <textarea
            {...aria}
            rows={3}
            className="input"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="btn btn-primary" disabled={props.busy}>
        {props.submitLabel}
      </button>
    </form>
  );
}

/** The form of a one-text-field dispatch command, checked with the command schema. */
export function TextCommandForm(props: {
  command: CommandType;
  fields: FormErrors["fields"];
  busy: boolean;
  onRefuse: (text: string, fields: FormErrors["fields"]) => void;
  onSubmit: (command: IssueCommand) => void;
}) {
  const t = TEXT_COMMANDS[props.command]!;
  return (
    <TextForm
      label={t.required ? t.label : `${t.label} (optional)`}
      error={fieldError(props.fields, t.field)}
      submitLabel={t.submit ?? COMMAND_LABELS[props.command]}
      busy={props.busy}
      onSubmit={(value) => {
        const parsed = parsePayload(ZIssueCommand, {
          type: props.command,
          ...(value || t.required ? { [t.field]: value } : {}),
        });
        if (parsed.ok) props.onSubmit(parsed.data);
        else props.onRefuse(CORRECT_FIELDS, parsed.fields);
      }}
    />
  );
}
