"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field, fieldAria } from "../../_components/field";
import { formErrors, type FormErrors } from "../../_components/form-errors";
import { useTRPC } from "../../_trpc/client";

interface Grant {
  id: number;
  name: string;
  email: string;
  role: string;
  group: string;
  source: string;
  createdAt: string;
}

export function RolesManager({ grants }: { grants: Grant[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const grant = useMutation(trpc.role.grant.mutationOptions());
  const revoke = useMutation(trpc.role.revoke.mutationOptions());
  const [errors, setErrors] = useState<FormErrors>({ message: null, fields: {} });
  const [status, setStatus] = useState<string | null>(null);

  async function onGrant(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    setErrors({ message: null, fields: {} });
    setStatus(null);
    try {
      await grant.mutateAsync({
        email: String(form.get("grant-email") ?? ""),
        role: String(form.get("grant-role") ?? "") as "chair",
        group: String(form.get("grant-group") ?? ""),
      });
      setStatus("Role granted.");
      formEl.reset();
      router.refresh();
    } catch (err) {
      setErrors(formErrors(err));
    }
  }

  async function onRevoke(g: Grant) {
    setStatus(null);
    setErrors({ message: null, fields: {} });
    try {
      await revoke.mutateAsync({ grantId: g.id });
      setStatus(`Revoked ${g.role} of ${g.group} from ${g.name}.`);
      router.refresh();
    } catch (err) {
      setErrors(formErrors(err));
    }
  }

  const f = errors.fields;
  return (
    <div className="space-y-6">
      <form
        onSubmit={onGrant}
        className="card grid gap-3 sm:grid-cols-4 sm:items-start"
        aria-labelledby="grant-title"
        noValidate
      >
        <h2 id="grant-title" className="sm:col-span-4">
          Grant a role
        </h2>
        <Field id="grant-email" label="Person's email" error={f.email}>
          <input
            {...fieldAria("grant-email", { error: f.email })}
            type="email"
            className="input"
            required
          />
        </Field>
        <Field id="grant-role" label="Role" error={f.role}>
          <select
            {...fieldAria("grant-role", { error: f.role })}
            className="input"
            defaultValue="chair"
          >
            <option value="chair">Chair</option>
            <option value="ad">Area director</option>
            <option value="secretariat">Secretariat</option>
            <option value="secr">Secretary</option>
            <option value="delegate">Delegate</option>
          </select>
        </Field>
        <Field id="grant-group" label="Group or area" hint="e.g. iotops, suit, ops" error={f.group}>
          <input
            {...fieldAria("grant-group", { hint: true, error: f.group })}
            className="input"
            required
          />
        </Field>
        <div className="sm:pt-6">
          <button type="submit" className="btn btn-primary" disabled={grant.isPending}>
            {grant.isPending ? "Granting…" : "Grant role"}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {status && <p className="text-sm text-green-800">{status}</p>}
        {errors.message && (
          <p role="alert" className="text-sm text-red-800">
            {errors.message}
          </p>
        )}
      </div>
      <table className="table">
        <caption className="sr-only">Current role grants</caption>
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Role</th>
            <th scope="col">Group</th>
            <th scope="col">Source</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {grants.length === 0 && (
            <tr>
              <td colSpan={5} className="text-slate-600">
                No roles granted yet.
              </td>
            </tr>
          )}
          {grants.map((g) => (
            <tr key={g.id}>
              <td>
                {g.name} <span className="text-slate-600">&lt;{g.email}&gt;</span>
              </td>
              <td>{g.role}</td>
              <td>{g.group}</td>
              <td>{g.source === "datatracker" ? "Datatracker" : "Granted here"}</td>
              <td>
                <button
                  type="button"
                  className="btn"
                  onClick={() => onRevoke(g)}
                  disabled={revoke.isPending}
                  aria-label={`Revoke ${g.role} of ${g.group} from ${g.name}`}
                >
                  Revoke
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
