"use client";

import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useState, type FormEvent } from "react";
import { useTRPC } from "../../_trpc/client";

export function ImportForm() {
  const trpc = useTRPC();
  const importDocs = useMutation(trpc.document.import.mutationOptions());
  const [errors, setErrors] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setErrors([]);
    setMessage(null);
    const file = new FormData(e.currentTarget).get("file");
    if (!(file instanceof File) || file.size === 0) {
      setMessage("Choose a file to import.");
      return;
    }
    try {
      const text = await file.text();
      await importDocs.mutateAsync({ text });
    } catch (err) {
      setMessage(err instanceof Error ? err.message : "The import failed.");
      if (err instanceof TRPCClientError) {
        const details = (err.data as { domain?: { details?: { errors?: string[] } } } | undefined)
          ?.domain?.details;
        setErrors(details?.errors ?? []);
      }
    }
  }

  const r = importDocs.data;
  return (
    <div className="space-y-4">
      <form
        onSubmit={onSubmit}
        className="card flex flex-wrap items-end gap-3"
        aria-label="Import file"
      >
        <div>
          <label htmlFor="file" className="label">
            File
          </label>
          <input
            id="file"
            name="file"
            type="file"
            accept=".json,.jsonl,application/json"
            className="text-sm"
          />
        </div>
        <button type="submit" className="btn btn-primary" disabled={importDocs.isPending}>
          {importDocs.isPending ? "Importing…" : "Import"}
        </button>
        {importDocs.isPending && (
          <p role="status" className="text-sm text-slate-600">
            Importing; large files take a while.
          </p>
        )}
      </form>
      {message && (
        <div
          role="alert"
          className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900"
        >
          <p>{message}</p>
          {errors.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          )}
          <p className="mt-1">Nothing was imported.</p>
        </div>
      )}
      {r && (
        <section aria-labelledby="result-title" className="card space-y-2" aria-live="polite">
          <h2 id="result-title">Import finished</h2>
          <dl className="grid grid-cols-[8rem_1fr] gap-1 text-sm">
            <dt>Format</dt>
            <dd>{r.format === "jsonl" ? "JSON Lines" : "Datatracker API"}</dd>
            <dt>Created</dt>
            <dd data-testid="created">{r.created}</dd>
            <dt>Updated</dt>
            <dd data-testid="updated">{r.updated}</dd>
            <dt>Unchanged</dt>
            <dd data-testid="unchanged">{r.unchanged}</dd>
            <dt>Skipped</dt>
            <dd data-testid="skipped">{r.skipped.length}</dd>
          </dl>
          {r.skipped.length > 0 && (
            <ul className="list-disc pl-5 text-sm">
              {r.skipped.map((s) => (
                <li key={s.reason}>{s.reason}</li>
              ))}
            </ul>
          )}
          {r.warnings.length > 0 && (
            <ul className="list-disc pl-5 text-sm text-amber-900">
              {r.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
