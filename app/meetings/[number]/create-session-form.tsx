"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formErrors } from "../../_components/form-errors";
import { useTRPC } from "../../_trpc/client";

/** Shown to everyone signed in; the server decides (secretariat or the group's chairs). */
export function CreateSessionForm({
  meetingNumber,
  timeZone,
}: {
  meetingNumber: number;
  timeZone: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.meeting.createSession.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setError(null);
    try {
      const r = await create.mutateAsync({
        meetingNumber,
        group: String(f.get("session-group") ?? ""),
        startsAt: String(f.get("session-start") ?? ""),
        durationMinutes: Number(f.get("session-minutes") ?? 60),
        room: String(f.get("session-room") ?? ""),
      });
      router.push(`/meetings/${meetingNumber}/sessions/${r.id}`);
    } catch (err) {
      // The form's fields are few: say the first field's problem itself.
      const e = formErrors(err);
      setError(Object.values(e.fields).flat()[0] ?? e.message);
    }
  }

  return (
    <div>
      <button
        type="button"
        className="btn"
        aria-expanded={open}
        aria-controls="new-session"
        onClick={() => setOpen(!open)}
      >
        Schedule a session
      </button>
      {open && (
        <form
          id="new-session"
          onSubmit={onSubmit}
          className="mt-2 grid gap-3 sm:grid-cols-5 sm:items-end"
          noValidate
        >
          <div>
            <label htmlFor="session-group" className="label">
              Group
            </label>
            <input
              id="session-group"
              name="session-group"
              className="input"
              defaultValue="iotops"
            />
          </div>
          <div>
            <label htmlFor="session-start" className="label">
              Starts ({timeZone} time)
            </label>
            <input
              id="session-start"
              name="session-start"
              type="datetime-local"
              className="input"
              aria-describedby="session-start-hint"
            />
            <p id="session-start-hint" className="text-xs text-slate-600">
              Leave empty while the time is to be announced.
            </p>
          </div>
          <div>
            <label htmlFor="session-minutes" className="label">
              Length (minutes)
            </label>
            <input
              id="session-minutes"
              name="session-minutes"
              type="number"
              min={15}
              max={600}
              step={15}
              defaultValue={60}
              className="input"
            />
          </div>
          <div>
            <label htmlFor="session-room" className="label">
              Room
            </label>
            <input id="session-room" name="session-room" className="input" />
          </div>
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            Create session
          </button>
          {error && (
            <p role="alert" className="text-sm text-red-800 sm:col-span-5">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
