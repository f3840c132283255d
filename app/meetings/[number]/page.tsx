import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { countdown } from "~/server/domain/meetings/important-dates";
import { api, currentActor, orNotFound } from "../../_trpc/server";
import { CreateSessionForm } from "./create-session-form";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ number: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `IETF ${(await params).number}` };
}

export default async function MeetingPage({ params }: Props) {
  const raw = (await params).number;
  if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1) notFound();
  const [data, actor] = await Promise.all([
    orNotFound((await api()).meeting.get({ number: Number(raw) })),
    currentActor(),
  ]);
  const m = data.meeting;
  const now = new Date();
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm">
          <Link href="/meetings">Meetings</Link>
        </p>
        <h1>IETF {m.number}</h1>
        <p className="text-slate-700">
          {m.startDate} to {m.endDate} · {m.venue} · times in {m.timeZone}
        </p>
      </header>
      <section aria-labelledby="dates-title" className="card">
        <h2 id="dates-title">Important dates</h2>
        <p className="text-sm text-slate-600">
          From the Datatracker&apos;s default offsets, counted in UTC days.{" "}
          <a href={`/exports/meetings/${m.number}/dates.ics`} download>
            Add these dates to your calendar (.ics)
          </a>
        </p>
        <table className="table mt-2">
          <caption className="sr-only">Important dates</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Deadline</th>
              <th scope="col">Countdown</th>
            </tr>
          </thead>
          <tbody>
            {data.dates.map((d) => {
              const c = countdown(now, new Date(`${d.day}T00:00:00Z`));
              return (
                <tr key={d.slug} className={d.slug === "idcutoff" ? "font-semibold" : undefined}>
                  <td>
                    <time dateTime={d.day}>{d.day}</time>
                  </td>
                  <td>{d.name}</td>
                  <td
                    className={
                      c.status === "passed"
                        ? "text-slate-500"
                        : c.days <= 14
                          ? "text-amber-800"
                          : ""
                    }
                  >
                    {c.label}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="sessions-title" className="card space-y-2">
        <h2 id="sessions-title">Sessions</h2>
        {data.sessions.length === 0 ? (
          <p className="text-sm text-slate-600">No sessions scheduled yet.</p>
        ) : (
          <ul className="space-y-1">
            {data.sessions.map((s) => (
              <li key={s.id}>
                <Link href={`/meetings/${m.number}/sessions/${s.id}`}>
                  {s.groupName ?? s.group.toUpperCase()} ({s.group.toUpperCase()})
                </Link>{" "}
                <span className="text-sm text-slate-600">
                  {s.when || "time to be announced"}
                  {s.room ? `, ${s.room}` : ""} · {s.items} agenda item{s.items === 1 ? "" : "s"}
                  {s.agendaPublishedAt ? " · agenda published" : ""}
                </span>
                {s.startsAt && (
                  <>
                    {" "}
                    <a
                      href={`/exports/sessions/${s.id}.ics`}
                      download
                      className="text-sm"
                      aria-label={`Add the ${s.group.toUpperCase()} session to your calendar (.ics)`}
                    >
                      .ics
                    </a>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        {actor && <CreateSessionForm meetingNumber={m.number} timeZone={m.timeZone} />}
      </section>
    </div>
  );
}
