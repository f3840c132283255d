import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AccessDenied } from "../../../_components/access-denied";
import { api, orNotFound } from "../../../_trpc/server";
import { EditIssueForm } from "../../new/issue-form";
import { idParam } from "../../../_components/search-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Edit issue" };

type Props = { params: Promise<{ id: string }> };

export default async function EditIssuePage({ params }: Props) {
  const id = idParam((await params).id) ?? notFound();
  const data = await orNotFound((await api()).issue.get({ id }));
  if (!data.permissions.edit) {
    return (
      <AccessDenied message="Only the submitter can edit an issue, and only until the chairs triage it." />
    );
  }
  const i = data.issue;
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link href={`/issues/${i.id}`}>Back to issue #{i.id}</Link>
      </p>
      <h1>Edit issue #{i.id}</h1>
      {i.state === "needs-info" && i.infoRequest && (
        <p className="rounded border border-amber-300 bg-amber-50 p-2 text-sm">
          The chairs asked: {i.infoRequest} Saving your changes sends the issue back to them.
        </p>
      )}
      <EditIssueForm
        issueId={i.id}
        version={i.version}
        initial={{
          title: i.title,
          problemStatement: i.problemStatement,
          deviceClass: i.deviceClass,
          scale: i.scale,
          networkType: i.networkType,
          relatedDocuments: data.documents.map((d) => d.name).join(", "),
          desiredOutcome: i.desiredOutcome,
          overlapNotes: i.overlapNotes,
          interestedPeople: i.interestedPeople,
          implementers: i.implementers,
          slidesUrl: i.slidesUrl,
          charterItem: i.charterItem ?? "",
          confidential: i.confidential,
        }}
      />
    </div>
  );
}
