import type { Metadata } from "next";
import Link from "next/link";
import {
  findDocTag,
  findIntendedStdLevel,
  isStateTypeSlug,
  stateName,
  stateTypeLabel,
} from "~/server/domain/documents/vocabulary";
import { notFound } from "next/navigation";
import { formatDate, formatDateTime } from "../../_components/labels";
import { textSegment } from "../../_components/search-params";
import { StateBadge } from "../../_components/state-badge";
import { api, currentActor, orNotFound } from "../../_trpc/server";
import { WatchButton } from "../../_components/watch-button";
import { DocumentActions } from "./document-actions";
import { LinkIssueForm } from "./link-issue-form";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const name = textSegment((await params).name, 120);
  return {
    title: name ?? "Document",
    alternates: name
      ? { types: { "application/atom+xml": `/feeds/documents/${encodeURIComponent(name)}` } }
      : undefined,
  };
}

const EVENT_TEXT: Record<string, string> = {
  imported: "Imported into the tracker",
  "mirrored-from-datatracker": "Mirrored from the IETF Datatracker",
  "updated-by-import": "Updated by an import",
  "tags-changed": "Changed the tags",
  "new-revision": "Posted a new revision",
  "replaces-recorded": "Recorded a replacement",
  "replaced-by": "Replaced by another document",
  "issue-linked": "Linked to a dispatch issue",
  "issue-unlinked": "Unlinked from a dispatch issue",
};

function describe(e: { type: string; payload: Record<string, unknown> }): string {
  const p = e.payload;
  if (e.type === "state-changed") {
    const t = String(p.stateType);
    const from = p.before ? stateName(t as never, String(p.before)) : "none";
    const to = p.after ? stateName(t as never, String(p.after)) : "none";
    const axis = isStateTypeSlug(t) && t !== "draft" ? stateTypeLabel(t) : "State";
    return `${axis} changed from ${from} to ${to}${p.comment ? `: ${String(p.comment)}` : ""}`;
  }
  if (e.type === "new-revision") return `Posted revision -${String(p.after)}`;
  if (e.type === "tags-changed")
    return `Tags changed to ${((p.after as string[]) ?? []).map((t) => findDocTag(t)?.name ?? t).join(", ") || "none"}`;
  if (e.type === "replaces-recorded") return `Recorded that it replaces ${String(p.replaces)}`;
  if (e.type === "replaced-by") return `Replaced by ${String(p.replacedBy)}`;
  if (e.type === "replaces-removed") return `No longer recorded as replacing ${String(p.replaces)}`;
  if (e.type === "updated-by-sync") {
    const fields = Object.keys((p.changed as Record<string, unknown> | undefined) ?? {});
    return fields.length > 0
      ? `Updated from the Datatracker: ${fields.join(", ")}`
      : "Now mirrored from the IETF Datatracker";
  }
  if (e.type === "issue-linked") return `Linked to issue #${String(p.issue)}`;
  if (e.type === "issue-unlinked") return `Unlinked from issue #${String(p.issue)}`;
  return EVENT_TEXT[e.type] ?? e.type;
}

export default async function DocumentPage({ params }: Props) {
  const name = textSegment((await params).name, 120) ?? notFound();
  const [data, actor] = await Promise.all([
    orNotFound((await api()).document.get({ name })),
    currentActor(),
  ]);
  const d = data.document;
  const level = d.intendedStdLevel ? findIntendedStdLevel(d.intendedStdLevel)?.name : null;
  return (
    <article className="space-y-6" aria-labelledby="doc-title">
      <header className="space-y-1">
        <p className="text-sm text-slate-600">
          <Link href="/documents">Documents</Link>
          {d.groupAcronym && (
            <>
              {" "}
              / <Link href={`/groups/${d.groupAcronym}`}>{d.groupAcronym.toUpperCase()}</Link>
            </>
          )}
        </p>
        <h1 id="doc-title">
          {d.name}
          {d.rev ? `-${d.rev}` : ""}
        </h1>
        <p className="text-lg text-slate-800">{d.title}</p>
        {actor && <WatchButton subjectType="document" subjectKey={d.name} />}
        <p className="text-sm text-slate-600">
          {d.stream ? `${d.stream.toUpperCase()} stream` : "Stream not recorded"}
          {level ? ` · Intended status: ${level}` : ""}
          {d.shepherd ? ` · Shepherd: ${d.shepherd}` : ""}
          {data.responsibleAd ? ` · Responsible AD: ${data.responsibleAd.name}` : ""} ·{" "}
          <a href={data.datatrackerUrl} rel="noreferrer">
            View on the IETF Datatracker
          </a>{" "}
          · <a href={`/feeds/documents/${d.name}`}>Atom feed of changes</a>
        </p>
      </header>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-6">
          <section aria-labelledby="states-title" className="card space-y-3">
            <h2 id="states-title">States</h2>
            {data.mirror && (
              <p className="rounded border border-sky-300 bg-sky-50 p-2 text-sm text-sky-900">
                These are the IETF Datatracker&apos;s states: this document is mirrored from it
                (last changed there {formatDateTime(data.mirror.lastChanged)}). Its states are
                changed in the Datatracker, not here.{" "}
                <a href={data.mirror.changeUrl} rel="noreferrer">
                  Change its state in the Datatracker
                </a>
              </p>
            )}
            <dl className="space-y-3">
              {data.axes.map((a) => (
                <div key={a.stateType}>
                  <dt className="text-sm font-medium text-slate-700">{a.label}</dt>
                  <dd>
                    <span className="font-semibold" data-testid={`state-${a.stateType}`}>
                      {a.name ?? "None"}
                    </span>
                    {a.meaning && <span className="block text-sm text-slate-600">{a.meaning}</span>}
                  </dd>
                </div>
              ))}
              {data.otherAxes.map((a) => (
                <div key={a.stateType}>
                  <dt className="text-sm font-medium text-slate-700">{a.label}</dt>
                  <dd className="font-semibold" data-testid={`state-${a.stateType}`}>
                    {a.name}
                  </dd>
                </div>
              ))}
            </dl>
            {d.tags.length > 0 && (
              <p className="text-sm">
                <span className="font-medium">Tags:</span>{" "}
                {d.tags.map((t) => (
                  <span key={t} className="badge mr-1">
                    {findDocTag(t)?.name ?? t}
                  </span>
                ))}
              </p>
            )}
          </section>
          {d.abstract && (
            <section aria-labelledby="abstract-title" className="card">
              <h2 id="abstract-title">Abstract</h2>
              <p className="mt-2 whitespace-pre-line text-sm text-slate-800">{d.abstract}</p>
            </section>
          )}
          <section aria-labelledby="issues-title" className="card space-y-2">
            <h2 id="issues-title">Dispatch issues</h2>
            {data.linkedIssues.length === 0 ? (
              <p className="text-sm text-slate-600">No dispatch issue refers to this document.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {data.linkedIssues.map((i) => (
                  <li key={i.id}>
                    <Link href={`/issues/${i.id}`}>
                      #{i.id} {i.title}
                    </Link>{" "}
                    <StateBadge state={i.state} />
                  </li>
                ))}
              </ul>
            )}
            {actor && <LinkIssueForm name={d.name} />}
          </section>
          <section aria-labelledby="history-title" className="card space-y-2">
            <h2 id="history-title">History</h2>
            {data.history.length === 0 ? (
              <p className="text-sm text-slate-600">No history recorded.</p>
            ) : (
              <ol className="space-y-2" aria-label="Document history">
                {data.history.map((e) => (
                  <li key={e.id} className="border-l-2 border-slate-300 pl-3 text-sm">
                    <div className="text-xs text-slate-600">
                      {formatDateTime(e.createdAt)} ·{" "}
                      {e.actorName ??
                        (e.actorCapacity === "command-line"
                          ? "Import"
                          : e.actorCapacity === "datatracker-sync"
                            ? "Datatracker sync"
                            : "System")}
                      {e.actorCapacity && e.actorName ? ` (as ${e.actorCapacity})` : ""}
                    </div>
                    <div>{describe(e)}</div>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
        <aside className="space-y-6" aria-label="Document details">
          <DocumentActions
            name={d.name}
            version={d.version}
            axes={data.axes.filter((a) => a.mayChange && a.next.length > 0)}
            tags={d.tags}
            canTag={data.permissions.tags}
            canRevise={data.permissions.newRevision}
          />
          <section aria-labelledby="rev-title" className="card space-y-2">
            <h2 id="rev-title">Revisions</h2>
            {data.revisions.length === 0 ? (
              <p className="text-sm text-slate-600">No revisions recorded.</p>
            ) : (
              <ul className="text-sm">
                {data.revisions.map((r) => (
                  <li key={r.rev}>
                    -{r.rev} <span className="text-slate-600">{formatDate(r.date)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="lineage-title" className="card space-y-1 text-sm">
            <h2 id="lineage-title">Lineage</h2>
            {data.replaces.length === 0 && data.replacedBy.length === 0 && (
              <p className="text-slate-600">No replacements recorded.</p>
            )}
            {data.replaces.map((n) => (
              <p key={n.name}>
                Replaces <LineageLink doc={n} />
              </p>
            ))}
            {data.replacedBy.map((n) => (
              <p key={n.name}>
                Replaced by <LineageLink doc={n} />
              </p>
            ))}
          </section>
          <section aria-labelledby="authors-title" className="card text-sm">
            <h2 id="authors-title">Authors</h2>
            {data.authors.length === 0 ? (
              <p className="text-slate-600">Not recorded.</p>
            ) : (
              <ul>
                {data.authors.map((a) => (
                  <li key={a.id}>{a.name}</li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      </div>
    </article>
  );
}

/** A replaced or replacing document: its page here, or the Datatracker's when not tracked. */
function LineageLink({ doc }: { doc: { name: string; tracked: boolean; href: string } }) {
  if (doc.tracked) return <Link href={doc.href}>{doc.name}</Link>;
  return (
    <>
      <a href={doc.href} rel="noreferrer">
        {doc.name}
      </a>{" "}
      <span className="text-xs text-slate-600">(not yet tracked here; on the Datatracker)</span>
    </>
  );
}
