import type { Metadata } from "next";
import { Suspense } from "react";
import { isDatatrackerSignInEnabled } from "~/server/auth/datatracker";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
// Whether the Datatracker is offered depends on the runtime configuration, not the build.
export const dynamic = "force-dynamic";

export default function SignInPage() {
  return (
    <section aria-labelledby="signin-title" className="mx-auto max-w-md">
      <h1 id="signin-title">Sign in</h1>
      <Suspense>
        <SignInForm datatracker={isDatatrackerSignInEnabled()} />
      </Suspense>
    </section>
  );
}
