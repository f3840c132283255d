"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { Field, fieldAria } from "../_components/field";
import { formErrors, type FormErrors } from "../_components/form-errors";
import { formatDateTime } from "../_components/labels";
import { useTRPC } from "../_trpc/client";

export interface ApiTokenView {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const NO_ERRORS: FormErrors = { message: null, fields: {} };

/** Personal API tokens for scripts calling /api/v1: create (shown once), list, revoke. */
export function ApiTokensSection({ tokens }: { tokens: ApiTokenView[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.apiToken.create.mutationOptions());
  const revoke = useMutation(trpc.apiToken.revoke.mutationOptions());
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const status = useRef<HTMLDivElement>(null);

  async function onCreate(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const name = String(new FormData(formEl).get("token-name") ?? "");
    setErrors(NO_ERRORS);
    setNote(null);
    setCreated(null);
    try {
      const r = await create.mutateAsync({ name });
      setCreated({ name: r.name, token: r.token });
      formEl.reset();
      router.refresh();
      requestAnimationFrame(() => status.current?.focus());
    } catch (err) {
      const fe = formErrors(err);
      setErrors({ message: fe.message, fields: { "token-name": fe.fields.name } });
    }
  }

  async function onRevoke(t: ApiTokenView) {
    setErrors(NO_ERRORS);
    setCreated(null);
    try {
      await revoke.mutateAsync({ id: t.id });
      setNote(`The token “${t.name}” is revoked. Scripts using it are refused from now on.`);
      router.refresh();
      requestAnimationFrame(() => status.current?.focus());
    } catch (err) {
      setErrors({ message: formErrors(err).message, fields: {} });
    }
  }

  const fe = errors.fields["token-name"];
  return (
    <section aria-labelledby="api-tokens-title" className="card space-y-3">
      <h2 id="api-tokens-title">API tokens</h2>
      <p className="hint">
        A script can read the <a href="/api/docs">public API</a> as you: send the token as{" "}
        <code>Authorization: Bearer &lt;token&gt;</code>. It sees what you may see, and nothing it
        does can change data. Revoke a token you no longer use.
      </p>
      <div ref={status} tabIndex={-1} role="status" aria-live="polite" className="space-y-2">
        {created && (
          <>
            <p className="text-sm text-green-800">
              Token “{created.name}” created. Copy it now: it is shown only this once.
            </p>
            <label htmlFor="new-token" className="label">
              Your new token
            </label>
            <input
              id="new-token"
              readOnly
              value={created.token}
              className="input font-mono"
              onFocus={(e) => e.currentTarget.select()}
            />
          </>
        )}
        {note && <p className="text-sm text-green-800">{note}</p>}
      </div>
      {errors.message && (
        <p role="alert" className="field-error">
          {errors.message}
        </p>
      )}
      <form onSubmit={onCreate} className="flex flex-wrap items-end gap-3" noValidate>
        <div className="min-w-64 flex-1">
          <Field
            id="token-name"
            label="Token name"
            hint="What the token is for, e.g. “mailing-list digest script”."
            error={fe}
          >
            <input
              {...fieldAria("token-name", { hint: true, error: fe })}
              type="text"
              maxLength={80}
              autoComplete="off"
              className="input"
              required
            />
          </Field>
        </div>
        <button type="submit" className="btn" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create token"}
        </button>
      </form>
      {tokens.length === 0 ? (
        <p className="hint">You have no API tokens.</p>
      ) : (
        <table className="table">
          <caption className="text-left font-medium">Your tokens</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Starts with</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>
                  <code>{t.prefix}…</code>
                </td>
                <td>
                  <time dateTime={t.createdAt}>{formatDateTime(t.createdAt)}</time>
                </td>
                <td>
                  {t.lastUsedAt ? (
                    <time dateTime={t.lastUsedAt}>{formatDateTime(t.lastUsedAt)}</time>
                  ) : (
                    "Never"
                  )}
                </td>
                <td>
                  {t.revokedAt ? (
                    <>
                      Revoked <time dateTime={t.revokedAt}>{formatDateTime(t.revokedAt)}</time>
                    </>
                  ) : (
                    <button
                      type="button"
                      className="btn"
                      aria-label={`Revoke ${t.name}`}
                      onClick={() => onRevoke(t)}
                      disabled={revoke.isPending}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
