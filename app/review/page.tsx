import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { NO_RESOURCE, can, reviewAreas } from "~/server/domain/permissions/policy";
import { AccessDenied } from "../_components/access-denied";
import { ageInDays, charterItemLabel, outcomeLabel } from "../_components/labels";
import { Markdown } from "../_components/markdown";
import { candidateName } from "../_components/suggestions";
import { api, currentActor } from "../_trpc/server";
import { IssueActions } from "../issues/[id]/issue-actions";
import { DocumentLink, docStateName } from "../_components/document-link";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "AD review" };

export default async function ReviewPage() {
  const actor = await currentActor();
  if (!actor) redirect("/signin?callbackUrl=%2Freview");
  if (!can(actor, "review.view", NO_RESOURCE)) {
    return <AccessDenied message="The review queue is for area directors." />;
  }
  const areas = reviewAreas(actor);
  const caller = await api();
  const [queue, pipeline] = await Promise.all([
    caller.issue.list({
      states: ["ad-review"],
      areas: areas === "all" ? undefined : [...areas],
      sort: "oldest",
      limit: 100,
    }),
    caller.document.pipeline(),
  ]);
  const ages = queue.items.map((i) => ageInDays(i.updatedAt));
  const oldest = ages.length ? Math.max(...ages) : 0;

  return (
    <div className="space-y-8">
      <section aria-labelledby="queue-title" className="space-y-3">
        <h1 id="queue-title">Recommendations awaiting review</h1>
        <p className="text-slate-700">
          {queue.items.length === 0
            ? "Nothing is waiting for you."
            : `${queue.items.length} waiting; the oldest has waited ${oldest} day${oldest === 1 ? "" : "s"}.`}{" "}
          Areas:{" "}
          {areas === "all" ? "all (secretariat)" : areas.map((a) => a.toUpperCase()).join(", ")}.
        </p>
        <ol className="space-y-4">
          {queue.items.map((i) => {
            const rec = i.recommendation as { outcome: unknown; rationale: string } | null;
            const cands = i.topCandidates;
            return (
              <li key={i.id} className="card grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
                <article aria-labelledby={`rev-${i.id}`} className="space-y-2">
                  <h2 id={`rev-${i.id}`}>
                    <Link href={`/issues/${i.id}`}>
                      #{i.id} {i.title}
                    </Link>
                  </h2>
                  <p className="text-sm text-slate-700">
                    Charter item: {charterItemLabel(i.charterItem)} · waiting{" "}
                    {ageInDays(i.updatedAt)} days · filed by {i.submitterName}
                  </p>
                  {rec && (
                    <div className="rounded border border-indigo-200 bg-indigo-50 p-2">
                      <p className="font-medium">Recommended: {outcomeLabel(rec.outcome)}</p>
                      <Markdown>{rec.rationale}</Markdown>
                    </div>
                  )}
                  {cands.length > 0 && (
                    <div className="text-sm">
                      <p className="font-medium">Routing evidence</p>
                      <ul className="list-disc pl-5">
                        {cands.map((c) => (
                          <li key={c.wg}>
                            {candidateName(c)} ({Math.round(c.score * 100)}%):{" "}
                            {c.reasons.join("; ")}
                          </li>
                        ))}
                      </ul>
                    </div>
                  )}
                </article>
                <IssueActions
                  issue={{
                    id: i.id,
                    version: i.version,
                    state: i.state,
                    charterItem: i.charterItem,
                    responsibleChairId: i.responsibleChairId,
                    suggestedGroup: i.suggestedGroup,
                  }}
                  commands={["approve", "return"]}
                  canTriage={false}
                  canEdit={false}
                  canLinkDocument={false}
                  chairs={[]}
                  dispatchBlock={null}
                />
              </li>
            );
          })}
        </ol>
      </section>
      <section aria-labelledby="pipeline-title" className="space-y-3">
        <h2 id="pipeline-title">Document pipeline</h2>
        <p className="text-slate-700">
          Documents in WG Last Call or later, and documents waiting on an area director.
        </p>
        {pipeline.length === 0 ? (
          <p className="card text-slate-700">No documents in your areas are at these stages.</p>
        ) : (
          <table className="table">
            <caption className="sr-only">Document pipeline</caption>
            <thead>
              <tr>
                <th scope="col">Document</th>
                <th scope="col">Group</th>
                <th scope="col">WG state</th>
                <th scope="col">IESG state</th>
                <th scope="col">Why it is here</th>
              </tr>
            </thead>
            <tbody>
              {pipeline.map((d) => (
                <tr key={d.name}>
                  <td>
                    <DocumentLink name={d.name} rev={d.rev} />
                    <div className="text-xs text-slate-600">{d.title}</div>
                  </td>
                  <td>{d.group?.toUpperCase()}</td>
                  <td>{docStateName("draft-stream-ietf", d.states)}</td>
                  <td>{docStateName("draft-iesg", d.states)}</td>
                  <td className="text-sm">
                    {d.reasons
                      .map((r) =>
                        r === "waiting-on-ad" ? "Waiting on the AD" : "WG Last Call or later",
                      )
                      .join("; ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
