"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { CHARTER_ITEMS } from "~/server/domain/catalog";
import { assessReadiness } from "~/server/domain/dispatch/readiness";
import {
  DEVICE_CLASSES,
  LIMITS,
  MINIMUMS,
  SCALES,
  splitDocumentList,
} from "~/server/domain/intake/fields";
import { Field, fieldAria } from "../../_components/field";
import { formErrors, type FormErrors } from "../../_components/form-errors";
import { charterItemLabel, formatDateTime } from "../../_components/labels";
import { useDebounced } from "../../_components/use-debounced";
import { useLeaveWarning } from "../../_components/use-leave-warning";

/** How long after the last keystroke the draft is saved. */
const AUTOSAVE_MS = 300;
import { useTRPC } from "../../_trpc/client";
import { IssueGuidance, PossibleDuplicates } from "./issue-form-parts";

const EMPTY = {
  title: "",
  problemStatement: "",
  deviceClass: "",
  scale: "",
  networkType: "",
  relatedDocuments: "",
  desiredOutcome: "",
  overlapNotes: "",
  interestedPeople: "",
  implementers: "",
  slidesUrl: "",
  charterItem: "",
  confidential: false,
};
type FormState = typeof EMPTY;

function fromDraft(data: Record<string, unknown>): FormState {
  const out: FormState = { ...EMPTY };
  for (const k of Object.keys(EMPTY) as (keyof FormState)[]) {
    const v = data[k];
    if (k === "confidential") out.confidential = v === true;
    else if (typeof v === "string") (out[k] as string) = v;
  }
  return out;
}

/** Loads the autosaved draft (if any) before showing the form, so nothing typed is overwritten. */
export function NewIssueForm() {
  const trpc = useTRPC();
  const draft = useQuery(trpc.issue.draft.queryOptions(undefined, { staleTime: Infinity }));
  if (draft.isPending) {
    return (
      <p role="status" className="card text-slate-600">
        Loading your saved draft…
      </p>
    );
  }
  return (
    <IssueForm
      initial={draft.data ? fromDraft(draft.data.data) : EMPTY}
      restoredFrom={draft.data ? formatDateTime(draft.data.savedAt) : null}
      draftUnavailable={draft.isError}
    />
  );
}

/** Edit an existing issue (the submitter, before triage). */
export function EditIssueForm(props: { issueId: number; version: number; initial: FormState }) {
  return (
    <IssueForm
      initial={props.initial}
      restoredFrom={null}
      draftUnavailable={false}
      edit={{ issueId: props.issueId, version: props.version }}
    />
  );
}

function IssueForm(props: {
  initial: FormState;
  restoredFrom: string | null;
  draftUnavailable: boolean;
  edit?: { issueId: number; version: number };
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [form, setForm] = useState<FormState>(props.initial);
  const [touched, setTouched] = useState(false);
  const [restoredAt, setRestoredAt] = useState<string | null>(props.restoredFrom);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>({ message: null, fields: {} });
  const queryClient = useQueryClient();

  const saveDraft = useMutation(trpc.issue.saveDraft.mutationOptions());
  const discardDraft = useMutation(trpc.issue.discardDraft.mutationOptions());
  const fileIssue = useMutation(trpc.issue.file.mutationOptions());
  const editIssue = useMutation(trpc.issue.edit.mutationOptions());
  const submitting = fileIssue.isPending || editIssue.isPending;

  // Autosave: AUTOSAVE_MS after typing stops, once the debounced copy has caught up
  // with what is on screen. One save at a time, so an older save can never land after a
  // newer one; a save that failed is not retried until the text changes again.
  const debouncedForm = useDebounced(form, AUTOSAVE_MS);
  const [savedForm, setSavedForm] = useState<FormState | null>(null);
  const { mutate: save, isPending: saving, isError: saveFailed, variables: lastTried } = saveDraft;
  useEffect(() => {
    if (!touched || props.edit || debouncedForm !== form || saving) return;
    if (savedForm === form || (saveFailed && lastTried === form)) return;
    save(form, {
      onSuccess: (r) => {
        setSavedAt(formatDateTime(r.savedAt));
        setSavedForm(form);
      },
    });
  }, [debouncedForm, form, touched, save, saving, saveFailed, lastTried, savedForm, props.edit]);
  // "Draft saved" only while what is on screen is exactly what was saved.
  const draftIsSaved = savedAt !== null && savedForm === form;
  // What is on screen and not yet saved (an edit is saved only by submitting it).
  const [submitted, setSubmitted] = useState(false);
  useLeaveWarning(touched && !submitted && (props.edit ? true : savedForm !== form));

  // Memoised so the debounce only restarts when the text changes (a fresh object on
  // every render would re-arm it, and re-render the form, every 400 ms).
  const typed = useMemo(
    () => ({
      title: form.title,
      text: [form.problemStatement, form.desiredOutcome].join("\n\n"),
    }),
    [form.title, form.problemStatement, form.desiredOutcome],
  );
  const routingInput = useDebounced(typed, 400);
  const hasText = routingInput.title.trim().length + routingInput.text.trim().length >= 12;
  const suggest = useQuery(
    trpc.issue.suggest.queryOptions(
      { ...routingInput, limit: 8 },
      { enabled: hasText, placeholderData: (p) => p },
    ),
  );
  const debouncedTitle = useDebounced(form.title.trim(), 400);
  const duplicates = useQuery(
    trpc.issue.duplicates.queryOptions(
      { title: debouncedTitle },
      { enabled: debouncedTitle.length >= 8 },
    ),
  );

  const readiness = useMemo(
    () => assessReadiness({ ...form, relatedDocuments: splitDocumentList(form.relatedDocuments) }),
    [form],
  );

  function set<K extends keyof FormState>(key: K, value: FormState[K]) {
    setTouched(true);
    setForm((f) => ({ ...f, [key]: value }));
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setErrors({ message: null, fields: {} });
    const fields = { ...form, relatedDocuments: splitDocumentList(form.relatedDocuments) };
    try {
      if (props.edit) {
        await editIssue.mutateAsync({
          issueId: props.edit.issueId,
          expectedVersion: props.edit.version,
          fields,
        });
        setSubmitted(true);
        router.push(`/issues/${props.edit.issueId}`);
        router.refresh();
        return;
      }
      const { id } = await fileIssue.mutateAsync(fields);
      setSubmitted(true);
      // The server deleted the draft with the filing; forget the cached copy too.
      queryClient.setQueryData(trpc.issue.draft.queryKey(), null);
      router.push(`/issues/${id}`);
    } catch (err) {
      setErrors(formErrors(err));
    }
  }

  async function onDiscard() {
    await discardDraft.mutateAsync();
    queryClient.setQueryData(trpc.issue.draft.queryKey(), null);
    setForm(EMPTY);
    setRestoredAt(null);
    setSavedAt(null);
    setTouched(false);
  }

  const f = errors.fields;
  const text = (
    key: Exclude<keyof FormState, "confidential" | "deviceClass" | "scale" | "charterItem">,
    label: string,
    opts: { hint?: string; rows?: number; max: number; min?: number; required?: boolean },
  ) => (
    <Field id={key} label={label} hint={opts.hint} error={f[key]}>
      {opts.rows ? (
        <textarea
          {...fieldAria(key, { hint: !!opts.hint, error: f[key] })}
          rows={opts.rows}
          className="input font-mono"
          value={form[key]}
          maxLength={opts.max}
          minLength={opts.min}
          required={opts.required}
          onChange={(e) => set(key, e.target.value)}
        />
      ) : (
        <input
          {...fieldAria(key, { hint: !!opts.hint, error: f[key] })}
          className="input"
          value={form[key]}
          maxLength={opts.max}
          minLength={opts.min}
          required={opts.required}
          onChange={(e) => set(key, e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <form
        onSubmit={onSubmit}
        className="card space-y-4"
        noValidate
        aria-label={props.edit ? "Edit issue" : "New issue"}
      >
        <div aria-live="polite" className="min-h-5 text-sm text-slate-600">
          {restoredAt && (
            <span>
              Restored your unsubmitted draft from {restoredAt}.{" "}
              <button type="button" className="underline" onClick={onDiscard}>
                Discard it
              </button>
            </span>
          )}
          {!restoredAt && draftIsSaved && <span>Draft saved {savedAt}.</span>}
          {!restoredAt && savedAt && !draftIsSaved && !saveFailed && <span>Saving the draft…</span>}
          {saveDraft.isError && (
            <span className="text-red-700"> Could not save the draft; keep this page open.</span>
          )}
        </div>
        {errors.message && (
          <p
            role="alert"
            className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800"
          >
            {errors.message}
          </p>
        )}
        {text("title", "Title", { max: LIMITS.title, min: MINIMUMS.title, required: true })}
        {duplicates.data && <PossibleDuplicates duplicates={duplicates.data} />}
        {text("problemStatement", "Problem statement", {
          rows: 8,
          max: LIMITS.problemStatement,
          min: MINIMUMS.problemStatement,
          required: true,
          hint: "Markdown. What goes wrong, for whom, and why existing work does not solve it.",
        })}
        <div className="grid gap-4 sm:grid-cols-3">
          <Field id="deviceClass" label="Device class" error={f.deviceClass}>
            <select
              {...fieldAria("deviceClass", { error: f.deviceClass })}
              className="input"
              value={form.deviceClass}
              onChange={(e) => set("deviceClass", e.target.value)}
            >
              <option value="">Not specified</option>
              {DEVICE_CLASSES.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.label}
                </option>
              ))}
            </select>
          </Field>
          <Field id="scale" label="Scale" error={f.scale}>
            <select
              {...fieldAria("scale", { error: f.scale })}
              className="input"
              value={form.scale}
              onChange={(e) => set("scale", e.target.value)}
            >
              <option value="">Not specified</option>
              {SCALES.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.label}
                </option>
              ))}
            </select>
          </Field>
          {text("networkType", "Network type", {
            max: LIMITS.networkType,
            hint: "e.g. Thread, LoRaWAN, Wi-Fi",
          })}
        </div>
        {text("relatedDocuments", "Related Internet-Drafts and RFCs", {
          max: 3000,
          hint: "Names or numbers, separated by commas: draft-ietf-suit-manifest, RFC 9019",
        })}
        {text("desiredOutcome", "Desired outcome", { rows: 3, max: LIMITS.desiredOutcome })}
        {text("overlapNotes", "Overlap with existing work", {
          rows: 3,
          max: LIMITS.overlapNotes,
          hint: "Which published or ongoing work is related, and how this differs.",
        })}
        <div className="grid gap-4 sm:grid-cols-2">
          {text("interestedPeople", "People interested", {
            rows: 2,
            max: LIMITS.interestedPeople,
            hint: "Names, separated by commas.",
          })}
          {text("implementers", "Implementers", {
            rows: 2,
            max: LIMITS.implementers,
            hint: "Who would implement and deploy a solution.",
          })}
        </div>
        {text("slidesUrl", "Slides (link)", {
          max: LIMITS.slidesUrl,
          hint: "An https:// link to the slide deck.",
        })}
        <Field
          id="charterItem"
          label="Charter item"
          hint="Leave on the suggestion, or choose one yourself; the suggestion is kept on record beside your choice."
          error={f.charterItem}
        >
          <select
            {...fieldAria("charterItem", { hint: true, error: f.charterItem })}
            className="input"
            value={form.charterItem}
            onChange={(e) => set("charterItem", e.target.value)}
          >
            <option value="">
              Use the suggestion
              {suggest.data ? ` (${charterItemLabel(suggest.data.charterItem.id)})` : ""}
            </option>
            {CHARTER_ITEMS.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </Field>
        <div className="flex items-start gap-2">
          <input
            id="confidential"
            type="checkbox"
            className="mt-1"
            checked={form.confidential}
            onChange={(e) => set("confidential", e.target.checked)}
            aria-describedby="confidential-hint"
          />
          <div>
            <label htmlFor="confidential" className="text-sm font-medium">
              Confidential
            </label>
            <p id="confidential-hint" className="hint">
              For example a vulnerability in deployed devices. Only you, the IOTOPS chairs, the
              responsible area directors and the secretariat will see it.
            </p>
          </div>
        </div>
        <div className="flex gap-3">
          <button type="submit" className="btn btn-primary" disabled={submitting}>
            {submitting ? "Saving…" : props.edit ? "Save changes" : "Submit issue"}
          </button>
        </div>
      </form>
      <IssueGuidance hasText={hasText} suggest={suggest} readiness={readiness} />
    </div>
  );
}
