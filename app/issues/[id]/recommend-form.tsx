"use client";

import { useState, type FormEvent } from "react";
import { CHARTER_ITEMS } from "~/server/domain/catalog";
import {
  IOTOPS_DOCUMENT_TYPE_LABELS,
  IOTOPS_DOCUMENT_TYPES,
  OUTCOME_KINDS,
  OUTCOME_LABELS,
  ZRecommendation,
  type OutcomeKind,
  type Recommendation,
} from "~/server/domain/dispatch/outcomes";
import type { FormErrors } from "../../_components/form-errors";
import { Field, fieldAria } from "../../_components/field";
import { GroupCombobox, type GroupChoice } from "../../_components/group-combobox";
import { CORRECT_FIELDS, fieldError, parsePayload } from "./form-parse";

/** The outcome's own fields, as typed; turned into an outcome through the schema on submit. */
function outcomeCandidate(kind: OutcomeKind, v: Record<string, string>, recharter: boolean) {
  switch (kind) {
    case "existing-wg":
      return {
        kind,
        targetGroup: v.targetGroup ?? "",
        charterItem: v.charterItem || undefined,
        needsRecharter: recharter,
      };
    case "bof":
      return { kind, proposedMeeting: v.proposedMeeting ? Number(v.proposedMeeting) : undefined };
    case "new-wg":
      return { kind, draftCharter: v.draftCharter ?? "" };
    case "ad-sponsored":
      return { kind, sponsoringAd: v.sponsoringAd ?? "" };
    case "mailing-list":
      return { kind, listName: v.listName ?? "" };
    case "irtf":
      return { kind, researchGroup: v.researchGroup ?? "" };
    case "other-sdo":
      return { kind, sdo: v.sdo ?? "" };
    case "iotops":
      return { kind, documentType: v.documentType || IOTOPS_DOCUMENT_TYPES[0] };
    case "no-ietf-work":
      return { kind };
  }
}

export function RecommendForm(props: {
  suggestedGroup: string | null;
  charterItem: string | null;
  workingGroups: readonly GroupChoice[];
  researchGroups: readonly GroupChoice[];
  fields: FormErrors["fields"];
  busy: boolean;
  blocked: string | null;
  onRefuse: (text: string, fields: FormErrors["fields"]) => void;
  onSubmit: (r: Recommendation, alsoReview: boolean) => void;
}) {
  const known = (list: readonly GroupChoice[], a: string | null) =>
    a && list.some((g) => g.acronym === a) ? a : "";
  const [kind, setKind] = useState<OutcomeKind>("existing-wg");
  const [alsoReview, setAlsoReview] = useState(true);
  const [recharter, setRecharter] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({
    targetGroup: known(props.workingGroups, props.suggestedGroup),
    charterItem: props.charterItem ?? "",
    researchGroup: known(props.researchGroups, "t2trg"),
    documentType: IOTOPS_DOCUMENT_TYPES[0],
  });
  const set = (k: string, v: string) => setValues((old) => ({ ...old, [k]: v }));
  const err = (f: string) => fieldError(props.fields, `recommendation.${f}`);
  const outErr = (f: string) => err(`outcome.${f}`);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = parsePayload(
      ZRecommendation,
      { outcome: outcomeCandidate(kind, values, recharter), rationale: values.rationale ?? "" },
      "recommendation",
    );
    if (parsed.ok) props.onSubmit(parsed.data, alsoReview);
    else props.onRefuse(CORRECT_FIELDS, parsed.fields);
  }

  const text = (name: string, label: string, extra: Record<string, string> = {}) => (
    <Field id={`rec-${name}`} label={label} error={outErr(name)}>
      <input
        {...fieldAria(`rec-${name}`, { error: outErr(name) })}
        className="input"
        value={values[name] ?? ""}
        onChange={(e) => set(name, e.target.value)}
        {...extra}
      />
    </Field>
  );

  return (
    <form className="space-y-3" noValidate onSubmit={onSubmit}>
      {props.blocked && (
        <p role="note" className="rounded border border-amber-300 bg-amber-50 p-2 text-sm">
          {props.blocked}
        </p>
      )}
      <Field id="rec-kind" label="Outcome">
        <select
          {...fieldAria("rec-kind", {})}
          className="input"
          value={kind}
          onChange={(e) => setKind(e.target.value as OutcomeKind)}
        >
          {OUTCOME_KINDS.map((k) => (
            <option key={k} value={k}>
              {OUTCOME_LABELS[k]}
            </option>
          ))}
        </select>
      </Field>
      {kind === "existing-wg" && (
        <>
          <GroupCombobox
            id="rec-targetGroup"
            label="Target group"
            hint="Type part of the acronym or name, then choose an active working group."
            groups={props.workingGroups}
            value={values.targetGroup || null}
            onChange={(a) => set("targetGroup", a ?? "")}
            error={outErr("targetGroup")}
          />
          <Field id="rec-charterItem" label="Charter item" error={outErr("charterItem")}>
            <select
              {...fieldAria("rec-charterItem", { error: outErr("charterItem") })}
              className="input"
              value={values.charterItem ?? ""}
              onChange={(e) => set("charterItem", e.target.value)}
            >
              <option value="">Choose…</option>
              {CHARTER_ITEMS.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </Field>
          <div className="flex items-center gap-2">
            <input
              id="rec-needsRecharter"
              type="checkbox"
              checked={recharter}
              onChange={(e) => setRecharter(e.target.checked)}
            />
            <label htmlFor="rec-needsRecharter" className="text-sm">
              The group would need to recharter
            </label>
          </div>
        </>
      )}
      {kind === "bof" &&
        text("proposedMeeting", "Proposed IETF meeting (number)", { inputMode: "numeric" })}
      {kind === "new-wg" && (
        <Field id="rec-draftCharter" label="Draft charter text" error={outErr("draftCharter")}>
          <textarea
            {...fieldAria("rec-draftCharter", { error: outErr("draftCharter") })}
            rows={6}
            className="input"
            value={values.draftCharter ?? ""}
            onChange={(e) => set("draftCharter", e.target.value)}
          />
        </Field>
      )}
      {kind === "ad-sponsored" && text("sponsoringAd", "Sponsoring AD")}
      {kind === "mailing-list" && text("listName", "Mailing list")}
      {kind === "irtf" && (
        <GroupCombobox
          id="rec-researchGroup"
          label="Research group"
          groups={props.researchGroups}
          value={values.researchGroup || null}
          onChange={(a) => set("researchGroup", a ?? "")}
          error={outErr("researchGroup")}
        />
      )}
      {kind === "other-sdo" && text("sdo", "Standards body")}
      {kind === "iotops" && (
        <Field id="rec-documentType" label="Document type">
          <select
            {...fieldAria("rec-documentType", {})}
            className="input"
            value={values.documentType}
            onChange={(e) => set("documentType", e.target.value)}
          >
            {IOTOPS_DOCUMENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {t === "bcp" ? "Best Current Practice" : IOTOPS_DOCUMENT_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field id="rec-rationale" label="Rationale" error={err("rationale")}>
        <textarea
          {...fieldAria("rec-rationale", { error: err("rationale") })}
          rows={4}
          className="input"
          value={values.rationale ?? ""}
          onChange={(e) => set("rationale", e.target.value)}
        />
      </Field>
      <div className="flex items-center gap-2">
        <input
          id="rec-review"
          type="checkbox"
          checked={alsoReview}
          onChange={(e) => setAlsoReview(e.target.checked)}
        />
        <label htmlFor="rec-review" className="text-sm">
          Send to the area director for review now
        </label>
      </div>
      <button type="submit" className="btn btn-primary" disabled={props.busy}>
        Record recommendation
      </button>
    </form>
  );
}
