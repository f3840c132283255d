import type { Metadata } from "next";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Sign up" };

export default function SignUpPage() {
  return (
    <section aria-labelledby="signup-title" className="mx-auto max-w-md">
      <h1 id="signup-title">Create an account</h1>
      <p className="mt-2 text-sm text-slate-700">
        Anyone can file and comment on issues. Chair and area director roles are granted by the
        secretariat.
      </p>
      <SignUpForm />
    </section>
  );
}
