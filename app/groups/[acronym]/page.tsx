import type { Metadata } from "next";
import { api, orNotFound } from "../../_trpc/server";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ acronym: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { acronym } = await params;
  return { title: acronym.toUpperCase() };
}

export default async function GroupPage({ params }: Props) {
  const { acronym } = await params;
  const caller = await api();
  const group = await orNotFound(caller.group.get({ acronym }));
  return (
    <article className="space-y-6">
      <header>
        <p className="text-sm text-slate-600">
          {group.type === "rg" ? "IRTF research group" : "IETF working group"}
          {group.areaName ? ` · ${group.areaName}` : ""} · {group.state}
        </p>
        <h1>
          {group.name} ({group.acronym.toUpperCase()})
        </h1>
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
        {group.datatrackerUrl && (
          <p className="mt-3 text-sm">
            <a href={group.datatrackerUrl} rel="noreferrer">
              {group.acronym.toUpperCase()} on the IETF Datatracker
            </a>
          </p>
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
