import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentActor } from "../../_trpc/server";
import { NewIssueForm } from "./issue-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "File an issue" };

export default async function NewIssuePage() {
  if (!(await currentActor())) redirect("/signin?callbackUrl=%2Fissues%2Fnew");
  return (
    <div className="space-y-4">
      <h1>File an issue</h1>
      <p className="max-w-3xl text-slate-700">
        Describe an operational problem with IoT devices. As you type, the form shows which IOTOPS
        charter item it falls under, which groups have worked on similar problems, and how ready it
        is for dispatch. Your draft is saved as you go.
      </p>
      <NewIssueForm />
    </div>
  );
}
