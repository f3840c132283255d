import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NO_RESOURCE, can } from "~/server/domain/permissions/policy";
import { AccessDenied } from "../../_components/access-denied";
import { currentActor } from "../../_trpc/server";
import { ImportForm } from "./import-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Import documents" };

export default async function ImportPage() {
  const actor = await currentActor();
  if (!actor) redirect("/signin?callbackUrl=%2Fadmin%2Fimport");
  if (!can(actor, "document.import", NO_RESOURCE))
    return <AccessDenied message="Only the secretariat can import documents." />;
  return (
    <div className="space-y-4">
      <h1>Import documents</h1>
      <p className="max-w-3xl text-slate-700">
        Upload a Datatracker API export (the JSON returned by <code>/api/v1/doc/document/</code>) or
        JSON Lines with <code>id</code>, <code>title</code>, <code>abstract</code> and{" "}
        <code>wg</code>. The import is all or nothing, and importing the same file again changes
        nothing.
      </p>
      <ImportForm />
    </div>
  );
}
