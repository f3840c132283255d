"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "../../_trpc/client";
import { ActionStatus, useActionRunner } from "../use-action-runner";

interface OwnView {
  id: number;
  name: string;
  sharedWith: string | null;
}

/**
 * Save the current filters as a named view, and rename, share or delete one's
 * own views. Chairs may share a view with a group they chair.
 */
export function ManageViews({
  page,
  filters,
  own,
  chairedGroups,
}: {
  page: "issues" | "triage";
  filters: Record<string, unknown>;
  own: readonly OwnView[];
  chairedGroups: readonly string[];
}) {
  const trpc = useTRPC();
  const { message, fields, run } = useActionRunner();
  const save = useMutation(trpc.view.save.mutationOptions());
  const rename = useMutation(trpc.view.rename.mutationOptions());
  const share = useMutation(trpc.view.share.mutationOptions());
  const remove = useMutation(trpc.view.delete.mutationOptions());
  const [name, setName] = useState("");
  const nameId = useId();
  const busy = save.isPending || rename.isPending || share.isPending || remove.isPending;

  return (
    <details className="card">
      <summary className="cursor-pointer font-medium">Saved views</summary>
      <div className="mt-3 space-y-4">
        <form
          className="flex flex-wrap items-end gap-2"
          aria-label="Save these filters as a view"
          onSubmit={async (e) => {
            e.preventDefault();
            const ok = await run(`Saved the view “${name.trim()}”.`, () =>
              save.mutateAsync({ page, name, filters }),
            );
            if (ok) setName("");
          }}
        >
          <div>
            <label htmlFor={nameId} className="label">
              Name for the current filters
            </label>
            <input
              id={nameId}
              className="input"
              value={name}
              maxLength={80}
              required
              aria-invalid={fields.name ? true : undefined}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Save view
          </button>
        </form>
        <ActionStatus message={message} />
        {own.length > 0 && (
          <ul className="space-y-2" aria-label="Your views">
            {own.map((v) => (
              <OwnViewRow
                key={v.id}
                view={v}
                chairedGroups={chairedGroups}
                busy={busy}
                onRename={(n) =>
                  run(`Renamed the view to “${n.trim()}”.`, () =>
                    rename.mutateAsync({ id: v.id, name: n }),
                  )
                }
                onShare={(g) =>
                  run(
                    g
                      ? `Shared “${v.name}” with the ${g.toUpperCase()} chairs.`
                      : `“${v.name}” is private again.`,
                    () => share.mutateAsync({ id: v.id, group: g }),
                  )
                }
                onDelete={() =>
                  run(`Deleted the view “${v.name}”.`, () => remove.mutateAsync({ id: v.id }))
                }
              />
            ))}
          </ul>
        )}
      </div>
    </details>
  );
}

function OwnViewRow({
  view,
  chairedGroups,
  busy,
  onRename,
  onShare,
  onDelete,
}: {
  view: OwnView;
  chairedGroups: readonly string[];
  busy: boolean;
  onRename: (name: string) => Promise<boolean>;
  onShare: (group: string | null) => Promise<boolean>;
  onDelete: () => Promise<boolean>;
}) {
  const [name, setName] = useState(view.name);
  const id = useId();
  return (
    <li className="flex flex-wrap items-end gap-2 border-t border-slate-200 pt-2">
      <div>
        <label htmlFor={`${id}-name`} className="label">
          Name of “{view.name}”
        </label>
        <input
          id={`${id}-name`}
          className="input"
          value={name}
          maxLength={80}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <button type="button" className="btn" disabled={busy} onClick={() => onRename(name)}>
        Rename
      </button>
      {chairedGroups.length > 0 && (
        <div>
          <label htmlFor={`${id}-share`} className="label">
            Shared with
          </label>
          <select
            id={`${id}-share`}
            className="input"
            value={view.sharedWith ?? ""}
            disabled={busy}
            onChange={(e) => onShare(e.target.value || null)}
          >
            <option value="">Nobody (private)</option>
            {chairedGroups.map((g) => (
              <option key={g} value={g}>
                {g.toUpperCase()} chairs
              </option>
            ))}
          </select>
        </div>
      )}
      <button type="button" className="btn" disabled={busy} onClick={() => onDelete()}>
        Delete “{view.name}”
      </button>
    </li>
  );
}
