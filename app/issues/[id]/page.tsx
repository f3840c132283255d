import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DEVICE_CLASSES, SCALES } from "~/server/domain/intake/fields";
import { stateName } from "~/server/domain/documents/vocabulary";
import { canReceiveWork } from "~/server/domain/dispatch/target-group";
import { charterItemLabel, formatDate, outcomeLabel } from "../../_components/labels";
import { Markdown } from "../../_components/markdown";
import { ReadinessChecklist } from "../../_components/readiness-checklist";
import { StateBadge } from "../../_components/state-badge";
import { Suggestions } from "../../_components/suggestions";
import { Timeline } from "../../_components/timeline";
import { api, currentActor, orNotFound } from "../../_trpc/server";
import { IssueActions } from "./issue-actions";
import { CommentForm } from "./comment-form";
import { WatchButton } from "../../_components/watch-button";
import { DocumentLink, UntrackedDocumentLink } from "../../_components/document-link";
import { idParam } from "../../_components/search-params";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

function issueId(raw: string): number {
  return idParam(raw) ?? notFound();
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `Issue #${id}` };
}

export default async function IssuePage({ params }: Props) {
  const id = issueId((await params).id);
  const caller = await api();
  const [data, actor] = await Promise.all([orNotFound(caller.issue.get({ id })), currentActor()]);
  const { issue, permissions, references: refs } = data;
  const suggestion = issue.suggestion;
  const chairs = permissions.triage ? await caller.issue.chairs() : [];
  const groups = permissions.commands.includes("recommend") ? await caller.group.list() : [];
  const receiving = (type: "wg" | "rg") =>
    groups
      .filter((g) => canReceiveWork(g, type))
      .map((g) => ({ acronym: g.acronym, name: g.name }));
  const hasActions =
    permissions.commands.length > 0 ||
    permissions.triage ||
    permissions.edit ||
    permissions.linkDocument;
  const deviceClass = DEVICE_CLASSES.find((d) => d.id === issue.deviceClass)?.label;
  const scale = SCALES.find((s) => s.id === issue.scale)?.label;

  return (
    <article className="space-y-6" aria-labelledby="issue-title">
      <header className="space-y-2">
        <p className="text-sm text-slate-600">
          <Link href="/issues">Issues</Link> / #{issue.id}
        </p>
        <h1 id="issue-title">
          #{issue.id} {issue.title}
        </h1>
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <StateBadge state={issue.state} />
          {issue.confidential && (
            <span className="badge border-red-300 bg-red-50 text-red-800">Confidential</span>
          )}
          <span>
            Filed by {data.submitter?.name ?? "unknown"} on {formatDate(issue.createdAt)}
          </span>
          <span>· Charter item: {charterItemLabel(issue.charterItem)}</span>
          <span>· Responsible chair: {data.responsibleChair?.name ?? "not assigned"}</span>
          <span>· Area: {issue.area.toUpperCase()}</span>
        </div>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          {actor && <WatchButton subjectType="issue" subjectKey={String(issue.id)} />}
          {!issue.confidential && <a href={`/feeds/issues/${issue.id}`}>Atom feed of this issue</a>}
          {hasActions && (
            // On a narrow screen the actions card sits below the issue text: jump to it.
            <a href="#issue-actions" className="btn btn-primary lg:hidden">
              Actions
            </a>
          )}
        </div>
      </header>

      {issue.state === "needs-info" && issue.infoRequest && (
        <section
          aria-labelledby="info-title"
          className="rounded border border-amber-300 bg-amber-50 p-3"
        >
          <h2 id="info-title" className="text-base">
            The chairs asked for more information
          </h2>
          <p className="mt-1 text-sm">{issue.infoRequest}</p>
          {permissions.edit && (
            <p className="mt-2 text-sm">
              <Link href={`/issues/${issue.id}/edit`} className="btn">
                Edit the issue to answer
              </Link>
            </p>
          )}
        </section>
      )}

      {data.returnNote && (
        <section
          aria-labelledby="returned-title"
          className="rounded border border-amber-300 bg-amber-50 p-3"
        >
          <h2 id="returned-title" className="text-base">
            {data.returnNote.kind === "ad-returned"
              ? "The area director returned the recommendation"
              : "The receiving group declined the dispatch"}
          </h2>
          <p className="mt-1 text-xs text-slate-700">
            {data.returnNote.by ?? "Unknown"} · {formatDate(data.returnNote.at)}
          </p>
          <div className="mt-1">
            <Markdown refs={refs}>{data.returnNote.text || "No comment was given."}</Markdown>
          </div>
        </section>
      )}

      {issue.recommendation && (
        <section aria-labelledby="rec-title" className="card border-indigo-200">
          <h2 id="rec-title">Dispatch recommendation</h2>
          <p className="mt-1 font-medium">{outcomeLabel(issue.recommendation.outcome)}</p>
          <div className="mt-1">
            <Markdown refs={refs}>{issue.recommendation.rationale}</Markdown>
          </div>
        </section>
      )}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-6">
          <section aria-labelledby="problem-title" className="card space-y-3">
            <h2 id="problem-title">Problem statement</h2>
            <Markdown refs={refs}>{issue.problemStatement}</Markdown>
            <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
              <dt className="font-medium">Device class</dt>
              <dd>{deviceClass ?? "Not specified"}</dd>
              <dt className="font-medium">Scale</dt>
              <dd>{scale ?? "Not specified"}</dd>
              <dt className="font-medium">Network type</dt>
              <dd>{issue.networkType || "Not specified"}</dd>
              <dt className="font-medium">Desired outcome</dt>
              <dd>
                {issue.desiredOutcome ? (
                  <Markdown refs={refs}>{issue.desiredOutcome}</Markdown>
                ) : (
                  "Not given"
                )}
              </dd>
              <dt className="font-medium">Overlap</dt>
              <dd>
                {issue.overlapNotes ? (
                  <Markdown refs={refs}>{issue.overlapNotes}</Markdown>
                ) : (
                  "Not given"
                )}
              </dd>
              <dt className="font-medium">People interested</dt>
              <dd>{issue.interestedPeople || "Not given"}</dd>
              <dt className="font-medium">Implementers</dt>
              <dd>{issue.implementers || "Not given"}</dd>
              <dt className="font-medium">Slides</dt>
              <dd>
                {issue.slidesUrl ? (
                  <a href={issue.slidesUrl} rel="nofollow noreferrer">
                    {issue.slidesUrl}
                  </a>
                ) : (
                  "Not given"
                )}
              </dd>
            </dl>
          </section>

          <section aria-labelledby="docs-title" className="card space-y-2">
            <h2 id="docs-title">Documents</h2>
            {data.documents.length === 0 ? (
              <p className="text-sm text-slate-600">No Internet-Drafts or RFCs are linked.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {data.documents.map((d) => (
                  <li key={d.name}>
                    {d.known ? (
                      <DocumentLink name={d.name} rev={d.rev} />
                    ) : (
                      <UntrackedDocumentLink name={d.name} />
                    )}
                    {d.title && <span className="text-slate-700"> {d.title}</span>}
                    {Object.keys(d.states).length > 0 && (
                      <span className="ml-2 text-xs text-slate-600">
                        {Object.entries(d.states)
                          .map(([t, s]) => stateName(t as never, s))
                          .join(" · ")}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {data.dispatchBlock &&
              ["recommended", "ad-review", "returned", "in-discussion", "submitted"].includes(
                issue.state,
              ) && (
                <p className="rounded border border-amber-300 bg-amber-50 p-2 text-sm" role="note">
                  {data.dispatchBlock}
                </p>
              )}
          </section>

          <section aria-labelledby="comments-title" className="card space-y-3">
            <h2 id="comments-title">Discussion</h2>
            {data.comments.length === 0 && (
              <p className="text-sm text-slate-600">No comments yet.</p>
            )}
            <ol className="space-y-3">
              {data.comments.map((c) => (
                <li key={c.id} className="rounded border border-slate-200 p-2">
                  <p className="text-xs text-slate-600">
                    {c.authorName} · {formatDate(c.createdAt)}
                  </p>
                  <Markdown refs={refs}>{c.body}</Markdown>
                </li>
              ))}
            </ol>
            {permissions.comment ? (
              <CommentForm issueId={issue.id} />
            ) : actor ? null : (
              <p className="text-sm">
                <Link href={`/signin?callbackUrl=%2Fissues%2F${issue.id}`}>Sign in</Link> to
                comment.
              </p>
            )}
          </section>

          <section aria-labelledby="history-title" className="card space-y-2">
            <h2 id="history-title">History</h2>
            <Timeline events={data.timeline} />
          </section>
        </div>

        <aside className="space-y-6" aria-label="Issue tools">
          <IssueActions
            issue={{
              id: issue.id,
              version: issue.version,
              state: issue.state,
              charterItem: issue.charterItem,
              responsibleChairId: issue.responsibleChairId,
              suggestedGroup: issue.suggestedGroup,
            }}
            commands={permissions.commands}
            canTriage={permissions.triage}
            canEdit={permissions.edit}
            canLinkDocument={permissions.linkDocument}
            chairs={chairs}
            workingGroups={receiving("wg")}
            researchGroups={receiving("rg")}
            dispatchBlock={data.dispatchBlock}
            anchorId="issue-actions"
          />
          <section aria-labelledby="ready-title" className="card">
            <ReadinessChecklist readiness={data.readiness} headingId="ready-title" />
          </section>
          {suggestion && (
            <section aria-labelledby="sugg-title" className="card space-y-2">
              <h2 id="sugg-title">Routing suggestions</h2>
              <p className="text-xs text-slate-600">
                Computed when the issue was filed or last edited.
              </p>
              <Suggestions
                charterItem={suggestion.charterItem}
                candidates={suggestion.candidates}
                limit={5}
              />
            </section>
          )}
        </aside>
      </div>
    </article>
  );
}
