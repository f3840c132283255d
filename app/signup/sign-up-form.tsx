"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { safeRedirectPath, withCallbackUrl } from "~/server/domain/http/safe-redirect";
import { Field, fieldAria } from "../_components/field";
import { formErrors, type FormErrors } from "../_components/form-errors";
import { useTRPC } from "../_trpc/client";

/** `callbackUrl`: a path on this site (checked by the page), where to go once signed up. */
export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [errors, setErrors] = useState<FormErrors>({ message: null, fields: {} });
  const [notice, setNotice] = useState<string | null>(null);
  const signUp = useMutation(trpc.account.signUp.mutationOptions());

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    setErrors({ message: null, fields: {} });
    setNotice(null);
    try {
      // The answer is the same whether or not the address already had an account.
      const answer = await signUp.mutateAsync(input);
      const res = await signIn("credentials", {
        email: input.email,
        password: input.password,
        redirect: false,
      });
      if (res?.error) {
        setNotice(answer.message);
        return;
      }
      router.push(safeRedirectPath(callbackUrl));
      router.refresh();
    } catch (err) {
      setErrors(formErrors(err));
    }
  }

  const f = errors.fields;
  return (
    <form onSubmit={onSubmit} className="card mt-4 space-y-4" noValidate>
      {notice && (
        <p
          role="status"
          className="rounded border border-sky-300 bg-sky-50 p-2 text-sm text-sky-900"
        >
          {notice}
        </p>
      )}
      {errors.message && (
        <p
          role="alert"
          className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800"
        >
          {errors.message}
        </p>
      )}
      <Field id="name" label="Name" error={f.name}>
        <input
          {...fieldAria("name", { error: f.name })}
          autoComplete="name"
          className="input"
          required
        />
      </Field>
      <Field id="email" label="Email" error={f.email}>
        <input
          {...fieldAria("email", { error: f.email })}
          type="email"
          autoComplete="email"
          className="input"
          required
        />
      </Field>
      <Field
        id="password"
        label="Password"
        hint="At least 10 characters, not a common password."
        error={f.password}
      >
        <input
          {...fieldAria("password", { hint: true, error: f.password })}
          type="password"
          autoComplete="new-password"
          className="input"
          required
        />
      </Field>
      <button type="submit" className="btn btn-primary w-full" disabled={signUp.isPending}>
        {signUp.isPending ? "Creating account…" : "Create account"}
      </button>
      <p className="text-sm text-slate-700">
        Already have an account? <Link href={withCallbackUrl("/signin", callbackUrl)}>Sign in</Link>
        .
      </p>
    </form>
  );
}
