"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formErrors } from "../../_components/form-errors";
import { useTRPC } from "../../_trpc/client";

/** Shown to everyone signed in; the server decides (secretariat or the group's chairs). */
export function CreateSessionForm({ meetingNumber }: { meetingNumber: number }) {
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
        room: String(f.get("session-room") ?? ""),
      });
      router.push(`/meetings/${meetingNumber}/sessions/${r.id}`);
    } catch (err) {
      setError(formErrors(err).message);
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
          className="mt-2 grid gap-3 sm:grid-cols-4 sm:items-end"
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
              Starts (local time)
            </label>
            <input
              id="session-start"
              name="session-start"
              className="input"
              placeholder="2026-03-16 09:30"
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
            <p role="alert" className="text-sm text-red-800 sm:col-span-4">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
