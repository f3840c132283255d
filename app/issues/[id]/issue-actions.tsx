"use client";

import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { CHARTER_ITEMS } from "~/server/domain/catalog";
import {
  COMMAND_LABELS,
  type CommandType,
  type IssueCommand,
} from "~/server/domain/dispatch/machine";
import {
  IOTOPS_DOCUMENT_TYPES,
  OUTCOME_KINDS,
  OUTCOME_LABELS,
  type OutcomeKind,
} from "~/server/domain/dispatch/outcomes";
import { formErrors, type FormErrors } from "../../_components/form-errors";
import { useTRPC } from "../../_trpc/client";

interface IssueInfo {
  id: number;
  version: number;
  state: string;
  charterItem: string | null;
  responsibleChairId: number | null;
  suggestedGroup: string | null;
}

const NO_ERRORS: FormErrors = { message: null, fields: {} };

/** Commands that take one text field: what the panel asks for. */
const TEXT_COMMANDS: Partial<
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

/** Field error lookup that accepts router-level ("command.x") and domain-level ("x") paths. */
function fieldError(errors: FormErrors, path: string): string[] | undefined {
  return errors.fields[`command.${path}`] ?? errors.fields[path];
}

function isConflict(err: unknown) {
  return (
    err instanceof TRPCClientError &&
    (err.data as { code?: string } | undefined)?.code === "CONFLICT"
  );
}

export function IssueActions(props: {
  issue: IssueInfo;
  commands: CommandType[];
  canTriage: boolean;
  canEdit: boolean;
  canLinkDocument: boolean;
  chairs: { id: number; name: string }[];
  dispatchBlock: string | null;
}) {
  const { issue, commands } = props;
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [conflict, setConflict] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const transition = useMutation(trpc.issue.transition.mutationOptions());
  const triage = useMutation(trpc.issue.triage.mutationOptions());
  const link = useMutation(trpc.issue.linkDocument.mutationOptions());
  const busy = transition.isPending || triage.isPending || link.isPending;

  const uid = useId();
  const nothing =
    commands.length === 0 && !props.canTriage && !props.canEdit && !props.canLinkDocument;
  // Keep the card while it has something to say (e.g. the confirmation of the last action).
  if (nothing && !status && !conflict && !errors.message) return null;

  async function run(label: string, fn: () => Promise<unknown>) {
    setErrors(NO_ERRORS);
    setConflict(null);
    setStatus(null);
    try {
      await fn();
      setStatus(`${label}: done.`);
      setOpen(null);
      router.refresh();
    } catch (err) {
      if (isConflict(err)) setConflict((err as Error).message);
      else setErrors(formErrors(err));
    }
  }

  async function send(command: IssueCommand, alsoReview = false) {
    await run(COMMAND_LABELS[command.type], async () => {
      const r = await transition.mutateAsync({
        issueId: issue.id,
        expectedVersion: issue.version,
        command,
      });
      if (alsoReview) {
        await transition.mutateAsync({
          issueId: issue.id,
          expectedVersion: r.version,
          command: { type: "request-review" },
        });
      }
    });
  }

  const panel = (key: string, label: string, body: ReactNode, tone = "") => (
    <div key={key}>
      <button
        type="button"
        className={`btn w-full justify-between ${tone}`}
        aria-expanded={open === key}
        aria-controls={`${uid}-panel-${key}`}
        onClick={() => {
          setErrors(NO_ERRORS);
          setOpen(open === key ? null : key);
        }}
      >
        {label}
        <span aria-hidden="true">{open === key ? "▴" : "▾"}</span>
      </button>
      {open === key && (
        <div
          id={`${uid}-panel-${key}`}
          className="mt-2 rounded border border-slate-200 bg-slate-50 p-3"
        >
          {body}
        </div>
      )}
    </div>
  );

  return (
    <section aria-labelledby={`${uid}-actions`} className="card space-y-3">
      <h2 id={`${uid}-actions`}>Actions</h2>
      <div aria-live="polite">{status && <p className="text-sm text-green-800">{status}</p>}</div>
      {conflict && (
        <div role="alert" className="rounded border border-amber-400 bg-amber-50 p-2 text-sm">
          <p>{conflict}</p>
          <button type="button" className="btn mt-2" onClick={() => router.refresh()}>
            Reload the issue
          </button>
        </div>
      )}
      {errors.message && (
        <p
          role="alert"
          className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800"
        >
          {errors.message}
        </p>
      )}
      {props.canEdit && (
        <Link href={`/issues/${issue.id}/edit`} className="btn w-full">
          Edit issue
        </Link>
      )}
      {commands.map((c) => {
        if (c === "recommend") {
          return panel(
            c,
            "Record recommendation",
            <RecommendForm
              issue={issue}
              errors={errors}
              busy={busy}
              blocked={props.dispatchBlock}
              onSubmit={(recommendation, alsoReview) =>
                send({ type: "recommend", recommendation }, alsoReview)
              }
            />,
            "btn-primary",
          );
        }
        if (c === "close") {
          return panel(
            c,
            "Close",
            <CloseForm errors={errors} busy={busy} onSubmit={(cmd) => send(cmd)} />,
          );
        }
        const t = TEXT_COMMANDS[c];
        if (!t) return null;
        return panel(
          c,
          t.panel ?? COMMAND_LABELS[c],
          <TextCommand
            label={t.required ? t.label : `${t.label} (optional)`}
            required={t.required}
            errors={fieldError(errors, t.field)}
            submitLabel={t.submit ?? COMMAND_LABELS[c]}
            busy={busy}
            onSubmit={(value) =>
              send({
                type: c,
                ...(value || t.required ? { [t.field]: value } : {}),
              } as IssueCommand)
            }
          />,
          t.primary ? "btn-primary" : "",
        );
      })}
      {props.canTriage &&
        issue.state !== "closed" &&
        panel(
          "triage",
          "Charter item and chair",
          <TriageForm
            issue={issue}
            chairs={props.chairs}
            errors={errors}
            busy={busy}
            onSubmit={(v) =>
              run("Triage", () =>
                triage.mutateAsync({ issueId: issue.id, expectedVersion: issue.version, ...v }),
              )
            }
          />,
        )}
      {props.canLinkDocument &&
        panel(
          "link",
          "Link a document",
          <TextCommand
            label="Draft name or RFC number"
            single
            required
            errors={errors.fields.document}
            submitLabel="Link document"
            busy={busy}
            onSubmit={(document) =>
              run("Link document", () =>
                link.mutateAsync({ issueId: issue.id, expectedVersion: issue.version, document }),
              )
            }
          />,
        )}
    </section>
  );
}

function TextCommand(props: {
  label: string;
  required?: boolean;
  single?: boolean;
  errors?: string[];
  submitLabel: string;
  busy: boolean;
  onSubmit: (value: string) => void;
}) {
  const id = useId();
  const [value, setValue] = useState("");
  return (
    <form
      className="space-y-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(value.trim());
      }}
    >
      <label htmlFor={id} className="label">
        {props.label}
      </label>
      {props.single ? (
        <input
          id={id}
          className="input"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={!!props.errors}
          aria-describedby={props.errors ? `${id}-error` : undefined}
        />
      ) : (
        <textarea
          id={id}
          rows={3}
          className="input"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={!!props.errors}
          aria-describedby={props.errors ? `${id}-error` : undefined}
        />
      )}
      {props.errors && (
        <p id={`${id}-error`} className="field-error">
          {props.errors.join(" ")}
        </p>
      )}
      <button type="submit" className="btn btn-primary" disabled={props.busy}>
        {props.submitLabel}
      </button>
    </form>
  );
}

type RecommendationInput = Extract<IssueCommand, { type: "recommend" }>["recommendation"];

function RecommendForm(props: {
  issue: IssueInfo;
  errors: FormErrors;
  busy: boolean;
  blocked: string | null;
  onSubmit: (r: RecommendationInput, alsoReview: boolean) => void;
}) {
  const [kind, setKind] = useState<OutcomeKind>("existing-wg");
  const [alsoReview, setAlsoReview] = useState(true);
  const err = (f: string) => fieldError(props.errors, `recommendation.${f}`);
  const outErr = (f: string) => err(`outcome.${f}`);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const s = (k: string) => String(f.get(k) ?? "").trim();
    const outcome: Record<string, unknown> = { kind };
    if (kind === "existing-wg") {
      outcome.targetGroup = s("targetGroup");
      outcome.charterItem = s("outcomeCharterItem");
      outcome.needsRecharter = f.get("needsRecharter") === "on";
    } else if (kind === "bof") outcome.proposedMeeting = Number(s("proposedMeeting")) || 0;
    else if (kind === "new-wg") outcome.draftCharter = s("draftCharter");
    else if (kind === "ad-sponsored") outcome.sponsoringAd = s("sponsoringAd");
    else if (kind === "mailing-list") outcome.listName = s("listName");
    else if (kind === "irtf") outcome.researchGroup = s("researchGroup");
    else if (kind === "other-sdo") outcome.sdo = s("sdo");
    else if (kind === "iotops") outcome.documentType = s("documentType");
    props.onSubmit({ outcome, rationale: s("rationale") } as RecommendationInput, alsoReview);
  }

  const input = (
    name: string,
    label: string,
    errs: string[] | undefined,
    extra: Record<string, unknown> = {},
  ) => (
    <div>
      <label htmlFor={`rec-${name}`} className="label">
        {label}
      </label>
      <input
        id={`rec-${name}`}
        name={name}
        className="input"
        aria-invalid={!!errs}
        aria-describedby={errs ? `rec-${name}-error` : undefined}
        {...extra}
      />
      {errs && (
        <p id={`rec-${name}-error`} className="field-error">
          {errs.join(" ")}
        </p>
      )}
    </div>
  );

  return (
    <form className="space-y-3" noValidate onSubmit={onSubmit}>
      {props.blocked && (
        <p role="note" className="rounded border border-amber-300 bg-amber-50 p-2 text-sm">
          {props.blocked}
        </p>
      )}
      <div>
        <label htmlFor="rec-kind" className="label">
          Outcome
        </label>
        <select
          id="rec-kind"
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
      </div>
      {kind === "existing-wg" && (
        <>
          {input("targetGroup", "Target group (acronym)", outErr("targetGroup"), {
            defaultValue: props.issue.suggestedGroup ?? "",
          })}
          <div>
            <label htmlFor="rec-outcomeCharterItem" className="label">
              Charter item
            </label>
            <select
              id="rec-outcomeCharterItem"
              name="outcomeCharterItem"
              className="input"
              defaultValue={props.issue.charterItem ?? ""}
              aria-invalid={!!outErr("charterItem")}
              aria-describedby={outErr("charterItem") ? "rec-outcomeCharterItem-error" : undefined}
            >
              <option value="">Choose…</option>
              {CHARTER_ITEMS.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
            {outErr("charterItem") && (
              <p id="rec-outcomeCharterItem-error" className="field-error">
                {outErr("charterItem")!.join(" ")}
              </p>
            )}
          </div>
          <div className="flex items-center gap-2">
            <input id="rec-needsRecharter" name="needsRecharter" type="checkbox" />
            <label htmlFor="rec-needsRecharter" className="text-sm">
              The group would need to recharter
            </label>
          </div>
        </>
      )}
      {kind === "bof" &&
        input("proposedMeeting", "Proposed IETF meeting (number)", outErr("proposedMeeting"), {
          inputMode: "numeric",
        })}
      {kind === "new-wg" && (
        <div>
          <label htmlFor="rec-draftCharter" className="label">
            Draft charter text
          </label>
          <textarea
            id="rec-draftCharter"
            name="draftCharter"
            rows={6}
            className="input"
            aria-invalid={!!outErr("draftCharter")}
            aria-describedby={outErr("draftCharter") ? "rec-draftCharter-error" : undefined}
          />
          {outErr("draftCharter") && (
            <p id="rec-draftCharter-error" className="field-error">
              {outErr("draftCharter")!.join(" ")}
            </p>
          )}
        </div>
      )}
      {kind === "ad-sponsored" && input("sponsoringAd", "Sponsoring AD", outErr("sponsoringAd"))}
      {kind === "mailing-list" && input("listName", "Mailing list", outErr("listName"))}
      {kind === "irtf" &&
        input("researchGroup", "Research group", outErr("researchGroup"), {
          defaultValue: "t2trg",
        })}
      {kind === "other-sdo" && input("sdo", "Standards body", outErr("sdo"))}
      {kind === "iotops" && (
        <div>
          <label htmlFor="rec-documentType" className="label">
            Document type
          </label>
          <select id="rec-documentType" name="documentType" className="input">
            {IOTOPS_DOCUMENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {t === "bcp" ? "Best Current Practice" : "Informational"}
              </option>
            ))}
          </select>
        </div>
      )}
      <div>
        <label htmlFor="rec-rationale" className="label">
          Rationale
        </label>
        <textarea
          id="rec-rationale"
          name="rationale"
          rows={4}
          className="input"
          aria-invalid={!!err("rationale")}
          aria-describedby={err("rationale") ? "rec-rationale-error" : undefined}
        />
        {err("rationale") && (
          <p id="rec-rationale-error" className="field-error">
            {err("rationale")!.join(" ")}
          </p>
        )}
      </div>
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

function CloseForm(props: {
  errors: FormErrors;
  busy: boolean;
  onSubmit: (c: IssueCommand) => void;
}) {
  const [reason, setReason] = useState<"out-of-scope" | "duplicate" | "withdrawn">("out-of-scope");
  const [dup, setDup] = useState("");
  const dupErr = fieldError(props.errors, "duplicateOf");
  return (
    <form
      className="space-y-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(
          reason === "duplicate"
            ? { type: "close", reason, duplicateOf: Number(dup.replace(/^#/, "")) || 0 }
            : { type: "close", reason },
        );
      }}
    >
      <label htmlFor="close-reason" className="label">
        Reason
      </label>
      <select
        id="close-reason"
        className="input"
        value={reason}
        onChange={(e) => setReason(e.target.value as typeof reason)}
      >
        <option value="out-of-scope">Out of scope</option>
        <option value="duplicate">Duplicate (merge into another issue)</option>
        <option value="withdrawn">Withdrawn</option>
      </select>
      {reason === "duplicate" && (
        <div>
          <label htmlFor="close-dup" className="label">
            Duplicate of issue number
          </label>
          <input
            id="close-dup"
            className="input"
            inputMode="numeric"
            value={dup}
            onChange={(e) => setDup(e.target.value)}
            aria-invalid={!!dupErr}
            aria-describedby={dupErr ? "close-dup-error" : undefined}
          />
          {dupErr && (
            <p id="close-dup-error" className="field-error">
              {dupErr.join(" ")}
            </p>
          )}
        </div>
      )}
      <button type="submit" className="btn btn-danger" disabled={props.busy}>
        Close issue
      </button>
    </form>
  );
}

function TriageForm(props: {
  issue: IssueInfo;
  chairs: { id: number; name: string }[];
  errors: FormErrors;
  busy: boolean;
  onSubmit: (v: {
    charterItem?: (typeof CHARTER_ITEMS)[number]["id"];
    responsibleChairId?: number | null;
  }) => void;
}) {
  const [item, setItem] = useState(props.issue.charterItem ?? "");
  const [chair, setChair] = useState(
    props.issue.responsibleChairId ? String(props.issue.responsibleChairId) : "",
  );
  return (
    <form
      className="space-y-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit({
          ...(item ? { charterItem: item as (typeof CHARTER_ITEMS)[number]["id"] } : {}),
          responsibleChairId: chair ? Number(chair) : null,
        });
      }}
    >
      <label htmlFor="triage-item" className="label">
        Charter item
      </label>
      <select
        id="triage-item"
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
      <label htmlFor="triage-chair" className="label">
        Responsible chair
      </label>
      <select
        id="triage-chair"
        className="input"
        value={chair}
        onChange={(e) => setChair(e.target.value)}
        aria-invalid={!!props.errors.fields.responsibleChairId}
        aria-describedby={props.errors.fields.responsibleChairId ? "triage-chair-error" : undefined}
      >
        <option value="">Not assigned</option>
        {props.chairs.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      {props.errors.fields.responsibleChairId && (
        <p id="triage-chair-error" className="field-error">
          {props.errors.fields.responsibleChairId.join(" ")}
        </p>
      )}
      <button type="submit" className="btn btn-primary" disabled={props.busy}>
        Save triage
      </button>
    </form>
  );
}
