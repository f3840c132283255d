"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useRef, useState, type FormEvent } from "react";
import { Field, fieldAria } from "../_components/field";
import { formErrors, type FormErrors } from "../_components/form-errors";
import { useTRPC } from "../_trpc/client";

export interface AccountView {
  email: string;
  emailVerified: boolean;
  hasPassword: boolean;
  datatrackerLinked: boolean;
}

const NO_ERRORS: FormErrors = { message: null, fields: {} };

/** The signed-in person's address, their sessions, and merging another account into this one. */
export function AccountSection({ account }: { account: AccountView }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [resendNote, setResendNote] = useState<string | null>(null);
  const [resendError, setResendError] = useState<string | null>(null);
  const [mergeErrors, setMergeErrors] = useState<FormErrors>(NO_ERRORS);
  const [mergeNote, setMergeNote] = useState<string | null>(null);
  const mergeStatus = useRef<HTMLParagraphElement>(null);
  const resend = useMutation(trpc.account.resendVerification.mutationOptions());
  const everywhere = useMutation(trpc.account.signOutEverywhere.mutationOptions());
  const merge = useMutation(trpc.account.merge.mutationOptions());

  async function onResend() {
    setResendNote(null);
    setResendError(null);
    try {
      const r = await resend.mutateAsync({});
      setResendNote(`We sent a new link to ${r.sentTo}. It works once, for 48 hours.`);
    } catch (err) {
      setResendError(formErrors(err).message);
    }
  }

  async function onSignOutEverywhere() {
    try {
      await everywhere.mutateAsync({});
      await signOut({ redirectTo: "/signin?signedOut=everywhere" });
    } catch (err) {
      setResendError(formErrors(err).message);
    }
  }

  async function onMerge(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    setMergeErrors(NO_ERRORS);
    setMergeNote(null);
    try {
      const r = await merge.mutateAsync({
        email: String(form.get("merge-email") ?? ""),
        password: String(form.get("merge-password") ?? ""),
      });
      const m = r.moved;
      setMergeNote(
        `The other account was merged into this one: ${m.roles} role(s), ${m.issues} issue(s), ${m.comments} comment(s), ${m.watches} watch(es), ${m.views} saved view(s), ${m.tokens} API token(s) and ${m.links} Datatracker link(s) moved. It can no longer sign in.`,
      );
      formEl.reset();
      mergeStatus.current?.focus();
      router.refresh();
    } catch (err) {
      const fe = formErrors(err);
      setMergeErrors({
        message: fe.message,
        fields: {
          "merge-email": fe.fields.email,
          "merge-password": fe.fields.password,
        },
      });
    }
  }

  const mf = mergeErrors.fields;
  return (
    <>
      <section aria-labelledby="account-title" className="card space-y-3">
        <h2 id="account-title">Account</h2>
        <p className="text-sm">
          E-mail address: <strong>{account.email}</strong>{" "}
          {account.emailVerified ? (
            <span className="text-green-800">(confirmed)</span>
          ) : (
            <span className="text-amber-800">(not confirmed yet)</span>
          )}
        </p>
        {!account.emailVerified && (
          <div className="space-y-2">
            <p className="hint">
              Until you confirm it, you can file and comment on issues, but roles and documents
              recorded under this address are not matched to your account.
            </p>
            <button type="button" className="btn" onClick={onResend} disabled={resend.isPending}>
              {resend.isPending ? "Sending…" : "Send the confirmation link again"}
            </button>
          </div>
        )}
        {resendNote && (
          <p role="status" className="text-sm text-green-800">
            {resendNote}
          </p>
        )}
        {resendError && (
          <p role="alert" className="field-error">
            {resendError}
          </p>
        )}
        <p className="text-sm">
          Sign-in:{" "}
          {[
            account.hasPassword ? "e-mail and password" : null,
            account.datatrackerLinked ? "IETF Datatracker" : null,
          ]
            .filter(Boolean)
            .join(", ") || "none"}
        </p>
      </section>

      <section aria-labelledby="sessions-title" className="card space-y-2">
        <h2 id="sessions-title">Sessions</h2>
        <p className="hint">
          Signs you out on every device and browser, including this one. Use it if you signed in on
          a computer you no longer use, or think someone else has your session.
        </p>
        <button
          type="button"
          className="btn"
          onClick={onSignOutEverywhere}
          disabled={everywhere.isPending}
        >
          {everywhere.isPending ? "Signing out…" : "Sign out everywhere"}
        </button>
      </section>

      <section aria-labelledby="merge-title" className="card space-y-3">
        <h2 id="merge-title">Merge another account into this one</h2>
        <p className="hint">
          If you have two accounts (for example one made by signing up with a password and one by
          signing in with the IETF Datatracker), prove the other one with its password. Its roles,
          issues, comments, watches and Datatracker link move here, and it can no longer sign in.
        </p>
        <p ref={mergeStatus} tabIndex={-1} role="status" className="text-sm text-green-800">
          {mergeNote}
        </p>
        {mergeErrors.message && (
          <p role="alert" className="field-error">
            {mergeErrors.message}
          </p>
        )}
        <form onSubmit={onMerge} className="space-y-3" noValidate>
          <Field id="merge-email" label="The other account's email" error={mf["merge-email"]}>
            <input
              {...fieldAria("merge-email", { error: mf["merge-email"] })}
              type="email"
              autoComplete="off"
              className="input"
              required
            />
          </Field>
          <Field
            id="merge-password"
            label="The other account's password"
            error={mf["merge-password"]}
          >
            <input
              {...fieldAria("merge-password", { error: mf["merge-password"] })}
              type="password"
              autoComplete="off"
              className="input"
              required
            />
          </Field>
          <button type="submit" className="btn" disabled={merge.isPending}>
            {merge.isPending ? "Merging…" : "Merge into this account"}
          </button>
        </form>
      </section>
    </>
  );
}
