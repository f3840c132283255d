"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { safeRedirectPath, withCallbackUrl } from "~/server/domain/http/safe-redirect";

/** Messages for the `error` codes Auth.js (and our Datatracker sign-in) put on /signin. */
const ERROR_TEXT: Record<string, string> = {
  CredentialsSignin: "Wrong email or password.",
  Configuration:
    "Sign-in is not working right now because of a problem on our side or with the sign-in service. Please try again later.",
  AccessDenied: "Access was refused.",
  MissingCSRF: "The sign-in form had expired. Please try again.",
  CallbackRouteError: "Sign-in could not be completed. Please try again later.",
  OAuthSignin: "Could not start signing in with the sign-in service. Please try again later.",
  OAuthSignInError: "Could not start signing in with the sign-in service. Please try again later.",
  OAuthCallback:
    "The sign-in service did not complete the sign-in. Please try again, or sign in with your email and password.",
  OAuthCallbackError:
    "The sign-in service did not complete the sign-in. Please try again, or sign in with your email and password.",
  OAuthAccountNotLinked:
    "That sign-in belongs to a different account here. Sign in with your email and password instead.",
};

const DATATRACKER_UNAVAILABLE =
  "Signing in with the IETF Datatracker did not work: the Datatracker could not be reached, or it did not accept this site's sign-in request. Please try again later, or sign in with your email and password. If this keeps happening, tell the site's administrators.";

/** The same codes when the Datatracker sign-in failed (`provider=datatracker`), plus our own. */
const DATATRACKER_ERROR_TEXT: Record<string, string> = {
  Configuration: DATATRACKER_UNAVAILABLE,
  CallbackRouteError: DATATRACKER_UNAVAILABLE,
  OAuthSignin: DATATRACKER_UNAVAILABLE,
  OAuthSignInError: DATATRACKER_UNAVAILABLE,
  OAuthCallback: DATATRACKER_UNAVAILABLE,
  Default: DATATRACKER_UNAVAILABLE,
  OAuthCallbackError:
    "The IETF Datatracker did not complete the sign-in (it was cancelled or refused there). Please try again, or sign in with your email and password.",
  AccessDenied:
    "Signing in with the IETF Datatracker was refused. Please try again, or sign in with your email and password.",
  DatatrackerEmailUnverified:
    "The IETF Datatracker reports that your email address is not verified, so it cannot be matched to an account here. Confirm the address in the Datatracker and sign in again, or sign in with your email and password.",
  DatatrackerNoEmail:
    "Your IETF Datatracker account did not share an email address, which this site needs for your account. Add one in the Datatracker and try again, or sign up with email and password.",
  DatatrackerBadProfile:
    "The IETF Datatracker sent an incomplete answer. Please try again later, or sign in with your email and password.",
};

/** The 429 answer: Auth.js's client passes our `code` (seconds to wait) through. */
function tooManyAttempts(retryAfter: string | null | undefined): string {
  const s = Number(retryAfter);
  const minutes = Number.isFinite(s) && s > 0 ? Math.ceil(s / 60) : 15;
  return `Too many failed sign-in attempts. For your security, please wait ${minutes === 1 ? "1 minute" : `${minutes} minutes`} and try again.`;
}

function errorText(code: string, provider: string | null): string {
  if (code === "TooManyAttempts") return tooManyAttempts(null);
  if (provider === "datatracker") return DATATRACKER_ERROR_TEXT[code] ?? DATATRACKER_UNAVAILABLE;
  return ERROR_TEXT[code] ?? "Sign-in failed. Please try again.";
}

export function SignInForm({ datatracker }: { datatracker: boolean }) {
  const router = useRouter();
  const params = useSearchParams();
  // Only a path on this site is followed after sign-in.
  const callbackUrl = safeRedirectPath(params.get("callbackUrl"));
  const initialError = params.get("error");
  const [error, setError] = useState<string | null>(
    initialError ? errorText(initialError, params.get("provider")) : null,
  );
  const [pending, setPending] = useState(false);
  const [leaving, setLeaving] = useState(false);

  async function onDatatracker() {
    setLeaving(true);
    setError(null);
    try {
      // Navigates to the Datatracker (or, if that fails, back here with an error).
      await signIn("datatracker", { callbackUrl });
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
      setLeaving(false);
    }
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    try {
      const res = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (!res || res.error) {
        setError(
          res?.status === 429 || res?.error === "TooManyAttempts"
            ? tooManyAttempts(res.code)
            : (ERROR_TEXT[res?.error ?? ""] ?? ERROR_TEXT.CredentialsSignin!),
        );
        return;
      }
      router.push(callbackUrl);
      router.refresh();
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="mt-4 space-y-4">
      {error && (
        <p
          role="alert"
          className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800"
        >
          {error}
        </p>
      )}
      {datatracker && (
        <section aria-labelledby="datatracker-title" className="card space-y-3">
          <h2 id="datatracker-title">Sign in with the IETF Datatracker</h2>
          <p className="text-sm text-slate-700">
            Use your datatracker.ietf.org account. Your IETF roles, such as working group chair or
            area director, come with it.
          </p>
          <button
            type="button"
            className="btn btn-primary w-full"
            onClick={onDatatracker}
            disabled={leaving}
          >
            {leaving ? "Going to the Datatracker…" : "Continue to the IETF Datatracker"}
          </button>
        </section>
      )}
      <form onSubmit={onSubmit} className="card space-y-4" noValidate>
        {datatracker && <h2>Or use your email and password</h2>}
        <div>
          <label htmlFor="email" className="label">
            Email
          </label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            className="input"
          />
        </div>
        <div>
          <label htmlFor="password" className="label">
            Password
          </label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className="input"
          />
        </div>
        <button type="submit" className="btn btn-primary w-full" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
        <p className="text-sm text-slate-700">
          New here? <Link href={withCallbackUrl("/signup", callbackUrl)}>Create an account</Link>.
        </p>
      </form>
    </div>
  );
}
