import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { VERIFICATION_TEXT, type VerificationOutcome } from "~/server/domain/people/verification";
import { api } from "../_trpc/server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Confirm your e-mail address" };

function isOutcome(v: unknown): v is VerificationOutcome {
  return typeof v === "string" && Object.hasOwn(VERIFICATION_TEXT, v);
}

async function confirm(form: FormData) {
  "use server";
  const token = String(form.get("token") ?? "").slice(0, 200);
  const outcome = await (await api()).account.verifyEmail({ token });
  redirect(`/verify-email?status=${outcome}`);
}

/**
 * The emailed link lands here. Confirming takes a click (a POST), so a mail
 * scanner that fetches the link does not use it up.
 */
export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const status = sp.status;
  if (isOutcome(status)) {
    const { title, text } = VERIFICATION_TEXT[status];
    const good = status === "verified" || status === "already-verified";
    return (
      <section aria-labelledby="verify-title" className="mx-auto max-w-md space-y-3">
        <h1 id="verify-title">{title}</h1>
        <p role={good ? "status" : "alert"} className="text-sm text-slate-700">
          {text}
        </p>
        <p className="text-sm">
          <Link href="/settings">Go to your settings</Link> · <Link href="/">Home</Link>
        </p>
      </section>
    );
  }
  const token = typeof sp.token === "string" ? sp.token.slice(0, 200) : "";
  if (!token) {
    const { title, text } = VERIFICATION_TEXT.unknown;
    return (
      <section aria-labelledby="verify-title" className="mx-auto max-w-md space-y-3">
        <h1 id="verify-title">{title}</h1>
        <p role="alert" className="text-sm text-slate-700">
          {text}
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="verify-title" className="mx-auto max-w-md space-y-3">
      <h1 id="verify-title">Confirm your e-mail address</h1>
      <p className="text-sm text-slate-700">
        Confirm that this address belongs to you. Then roles and documents recorded under it can be
        matched to your account.
      </p>
      <form action={confirm} className="card">
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="btn btn-primary w-full">
          Confirm my address
        </button>
      </form>
    </section>
  );
}
