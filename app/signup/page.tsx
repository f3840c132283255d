import type { Metadata } from "next";
import { safeRedirectPath } from "~/server/domain/http/safe-redirect";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Sign up" };

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Where the person was going before signing up; only a path on this site.
  const callbackUrl = safeRedirectPath((await searchParams).callbackUrl);
  return (
    <section aria-labelledby="signup-title" className="mx-auto max-w-md">
      <h1 id="signup-title">Create an account</h1>
      <p className="mt-2 text-sm text-slate-700">
        Anyone can file and comment on issues. Chair and area director roles are granted by the
        secretariat.
      </p>
      <SignUpForm callbackUrl={callbackUrl} />
    </section>
  );
}
