import type { Metadata } from "next";
import Link from "next/link";
import { can, NO_RESOURCE } from "~/server/domain/permissions/policy";
import { api, currentActor } from "../_trpc/server";
import { CreateMeetingForm } from "./create-meeting-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Meetings" };

export default async function MeetingsPage() {
  const [list, actor] = await Promise.all([(await api()).meeting.list(), currentActor()]);
  const today = new Date().toISOString().slice(0, 10);
  return (
    <div className="space-y-4">
      <h1>Meetings</h1>
      <p className="max-w-3xl text-slate-700">
        IETF meetings where dispatch sessions take place, with their deadlines and agendas.
      </p>
      {actor && (
        <p className="text-sm">
          <a href="/exports/my-sessions.ics" download>
            Your sessions as a calendar (.ics)
          </a>{" "}
          — sessions of groups you chair or watch, and those with your issues on the agenda.
        </p>
      )}
      {list.length === 0 ? (
        <p className="card text-slate-700">No meetings yet.</p>
      ) : (
        <table className="table">
          <caption className="sr-only">Meetings</caption>
          <thead>
            <tr>
              <th scope="col">Meeting</th>
              <th scope="col">Dates</th>
              <th scope="col">Venue</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {list.map((m) => (
              <tr key={m.number}>
                <td>
                  <Link href={`/meetings/${m.number}`}>IETF {m.number}</Link>
                </td>
                <td>
                  {m.startDate} to {m.endDate}
                </td>
                <td>
                  {m.venue} <span className="text-xs text-slate-600">({m.timeZone})</span>
                </td>
                <td>{m.endDate < today ? "Past" : m.startDate > today ? "Upcoming" : "Now"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {can(actor, "meeting.manage", NO_RESOURCE) && <CreateMeetingForm />}
    </div>
  );
}
