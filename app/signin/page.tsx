import type { Metadata } from "next";
import { Suspense } from "react";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default function SignInPage() {
  return (
    <section aria-labelledby="signin-title" className="mx-auto max-w-md">
      <h1 id="signin-title">Sign in</h1>
      <Suspense>
        <SignInForm />
      </Suspense>
    </section>
  );
}
