import type { Metadata } from "next";
import Link from "next/link";
import { stateName } from "~/server/domain/documents/vocabulary";
import {
  GROUP_STATE_LABELS,
  GROUP_TYPE_LABELS,
  groupDatatrackerUrl,
} from "~/server/domain/catalog";
import { charterItemLabel, formatDate, outcomeLabel } from "../../_components/labels";
import { notFound } from "next/navigation";
import { ZAcronym } from "~/server/domain/validation";
import { textSegment } from "../../_components/search-params";
import { api, currentActor, orNotFound } from "../../_trpc/server";
import { WatchButton } from "../../_components/watch-button";
import { DocumentLink } from "../../_components/document-link";
import { DownloadLinks } from "../../_components/download-links";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ acronym: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (textSegment((await params).acronym, 40) ?? "Group").toUpperCase() };
}

export default async function GroupPage({ params }: Props) {
  const parsed = ZAcronym.safeParse(textSegment((await params).acronym, 40));
  if (!parsed.success) notFound();
  const acronym = parsed.data;
  const caller = await api();
  const group = await orNotFound(caller.group.get({ acronym }));
  const actor = await currentActor();
  const [work, docs] = await Promise.all([
    caller.group.work({ acronym: group.acronym }),
    caller.document.byGroup({ acronym: group.acronym }),
  ]);
  const workList = (items: typeof work.awaiting, empty: string) =>
    items.length === 0 ? (
      <p className="mt-2 text-sm text-slate-600">{empty}</p>
    ) : (
      <ul className="mt-2 space-y-1 text-sm">
        {items.map((i) => (
          <li key={i.id}>
            <Link href={`/issues/${i.id}`}>
              #{i.id} {i.title}
            </Link>{" "}
            <span className="text-slate-600">
              {charterItemLabel(i.charterItem)} ·{" "}
              {outcomeLabel((i.recommendation as { outcome: unknown } | null)?.outcome)}
              {i.dispatchedAt ? ` · dispatched ${formatDate(i.dispatchedAt)}` : ""}
            </span>
          </li>
        ))}
      </ul>
    );
  return (
    <article className="space-y-6">
      <header>
        <p className="text-sm text-slate-600">
          {GROUP_TYPE_LABELS[group.type]}
          {group.areaName ? ` · ${group.areaName}` : ""} · {GROUP_STATE_LABELS[group.state]}
          {group.iot ? " · IoT" : ""}
        </p>
        <h1>
          {group.name} ({group.acronym.toUpperCase()})
        </h1>
        <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
          {actor && <WatchButton subjectType="group" subjectKey={group.acronym} />}
          <a href={`/feeds/groups/${group.acronym}`}>Atom feed of dispatch activity</a>
        </div>
      </header>
      <section aria-labelledby="about" className="card max-w-3xl">
        <h2 id="about">About</h2>
        <p className="mt-2 text-slate-700">{group.summary}</p>
        {group.keywords.length > 0 && (
          <p className="mt-3 text-sm text-slate-600">
            <span className="font-medium">Topics:</span> {group.keywords.join(", ")}
          </p>
        )}
        {group.keyRfcs.length > 0 && (
          <p className="mt-1 text-sm text-slate-600">
            <span className="font-medium">Key RFCs:</span>{" "}
            {group.keyRfcs.map((r) => `RFC ${r.replace(/^rfc/i, "")}`).join(", ")}
          </p>
        )}
        {group.successors.length > 0 && (
          <p className="mt-3 text-sm">
            <span className="font-medium">Concluded; its work continues in:</span>{" "}
            {group.successors.map((s, i) => (
              <span key={s}>
                {i > 0 && ", "}
                <Link href={`/groups/${s}`}>{s.toUpperCase()}</Link>
              </span>
            ))}
          </p>
        )}
        <p className="mt-3 text-sm">
          <a href={groupDatatrackerUrl(group)} rel="noreferrer">
            {group.acronym.toUpperCase()} on the IETF Datatracker
          </a>
        </p>
      </section>
      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="incoming" className="card">
          <h2 id="incoming">Dispatched work awaiting acknowledgement</h2>
          {workList(work.awaiting, "Nothing is waiting for this group's chairs.")}
        </section>
        <section aria-labelledby="accepted" className="card">
          <h2 id="accepted">Work accepted</h2>
          {workList(work.accepted, "No dispatched work has been accepted yet.")}
        </section>
      </div>
      <section aria-labelledby="docs">
        <h2 id="docs">Documents</h2>
        {docs.length > 0 && (
          <DownloadLinks
            path={`/exports/groups/${group.acronym}/documents`}
            what={`${group.acronym.toUpperCase()}'s documents`}
          />
        )}
        {docs.length === 0 ? (
          <p className="mt-2 text-slate-600">No documents of this group are tracked.</p>
        ) : (
          <div className="mt-2 space-y-4">
            {docs.map((bucket) => (
              <section key={bucket.state} aria-labelledby={`wg-${bucket.state}`} className="card">
                <h3 id={`wg-${bucket.state}`} className="font-semibold">
                  {bucket.stateName} ({bucket.documents.length})
                </h3>
                <ul className="mt-1 space-y-1 text-sm">
                  {bucket.documents.map((d) => (
                    <li key={d.name}>
                      <DocumentLink name={d.name} rev={d.rev} />{" "}
                      <span className="text-slate-700">{d.title}</span>
                      {d.states["draft-iesg"] && (
                        <span className="ml-2 text-xs text-slate-600">
                          IESG: {stateName("draft-iesg", d.states["draft-iesg"])}
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
        )}
      </section>
      <section aria-labelledby="items">
        <h2 id="items">IOTOPS charter items it relates to</h2>
        {group.charterItemDetails.length === 0 ? (
          <p className="mt-2 text-slate-600">None recorded.</p>
        ) : (
          <ul className="mt-2 list-disc space-y-1 pl-6">
            {group.charterItemDetails.map((c) => (
              <li key={c.id}>
                <strong>{c.title}</strong>: {c.description}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
