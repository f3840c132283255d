import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { formatDateTime } from "../../../../_components/labels";
import { StateBadge } from "../../../../_components/state-badge";
import { api, orNotFound } from "../../../../_trpc/server";
import { AgendaEditor } from "./agenda-editor";
import { ScheduleForm } from "./schedule-form";
import { idParam } from "../../../../_components/search-params";

export const dynamic = "force-dynamic";
type Props = { params: Promise<{ number: string; id: string }> };

/** The agenda, loaded once per request for both the title and the page. */
const agenda = cache(async (sessionId: number) => (await api()).meeting.agenda({ sessionId }));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { number, id: raw } = await params;
  const id = idParam(raw);
  if (id === null) return { title: "Agenda" };
  try {
    const a = await agenda(id);
    return { title: `${a.group.toUpperCase()} agenda, IETF ${number}` };
  } catch {
    return { title: "Agenda" };
  }
}

export default async function SessionPage({ params }: Props) {
  const { number, id: raw } = await params;
  const id = idParam(raw);
  if (id === null || !/^\d{1,3}$/.test(number) || Number(number) < 1) notFound();
  const a = await orNotFound(agenda(id));
  if (String(a.meetingNumber) !== number) notFound();
  const base = `/meetings/${number}/sessions/${id}`;
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <p className="text-sm">
          <Link href={`/meetings/${number}`}>IETF {number}</Link>
        </p>
        <h1>
          {a.groupName} ({a.group.toUpperCase()}) agenda
        </h1>
        <p className="text-slate-700">
          {a.startsAt || "Time to be announced"} ({a.timeZone}){a.room ? ` · ${a.room}` : ""} ·{" "}
          {a.venue}
        </p>
        <p className="text-sm">
          {a.publishedAt
            ? `Published ${formatDateTime(a.publishedAt)}`
            : "Draft agenda, not yet published"}{" "}
          · Export: <a href={`${base}/agenda.md`}>Markdown</a> ·{" "}
          <a href={`${base}/agenda.txt`}>plain text</a> · Download:{" "}
          <a href={`${base}/agenda.md?download=1`} download>
            Markdown file
          </a>{" "}
          ·{" "}
          <a href={`${base}/agenda.txt?download=1`} download>
            text file
          </a>
          {a.scheduled && (
            <>
              {" "}
              ·{" "}
              <a href={`/exports/sessions/${id}.ics`} download>
                Add to your calendar (.ics)
              </a>
            </>
          )}
        </p>
      </header>
      {a.canManage && (
        <ScheduleForm
          sessionId={a.sessionId}
          version={a.version}
          timeZone={a.timeZone}
          startsAtLocal={a.startsAtLocal}
          durationMinutes={a.durationMinutes}
          room={a.room}
        />
      )}
      <section aria-labelledby="items-title" className="card space-y-2">
        <h2 id="items-title">Items</h2>
        <p className="text-sm text-slate-600">
          Slots are typically five minutes of presentation and the rest discussion. Items added
          after the I-D cut-off are marked late and come after the others.
        </p>
        {a.items.length === 0 ? (
          <p className="text-sm text-slate-600">No items yet.</p>
        ) : (
          <ol className="space-y-2" aria-label="Agenda items">
            {a.items.map((i) => (
              <li key={i.id} className="rounded border border-slate-200 p-2">
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={`/issues/${i.issueId}`}>
                    #{i.issueId} {i.title}
                  </Link>
                  <StateBadge state={i.state} />
                  {i.late && (
                    <span className="badge border-amber-400 bg-amber-50 text-amber-900">Late</span>
                  )}
                </div>
                <p className="text-sm text-slate-700">
                  {i.presenter || "Presenter to be confirmed"} · {i.minutesRequested} minutes
                </p>
                {i.minutes && (
                  <p className="mt-1 whitespace-pre-line text-sm">Minutes: {i.minutes}</p>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
      {a.canManage && (
        <AgendaEditor
          sessionId={a.sessionId}
          version={a.version}
          items={a.items.map((i) => ({
            id: i.id,
            issueId: i.issueId,
            title: i.title,
            state: i.state,
            presenter: i.presenter,
            minutesRequested: i.minutesRequested,
            minutes: i.minutes,
            issueVersion: i.issueVersion,
          }))}
          candidates={a.candidates}
          published={!!a.publishedAt}
        />
      )}
    </div>
  );
}
