"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { formErrors } from "../../../../_components/form-errors";
import { useTRPC } from "../../../../_trpc/client";

/** The chairs or the secretariat set or change the session's time, length and room. */
export function ScheduleForm(props: {
  sessionId: number;
  version: number;
  timeZone: string;
  /** The current start as `YYYY-MM-DDTHH:MM` in the meeting's zone, or empty. */
  startsAtLocal: string;
  durationMinutes: number;
  room: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const schedule = useMutation(trpc.meeting.scheduleSession.mutationOptions());
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const status = useRef<HTMLParagraphElement>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    try {
      await schedule.mutateAsync({
        sessionId: props.sessionId,
        expectedVersion: props.version,
        startsAt: String(f.get("schedule-start") ?? ""),
        durationMinutes: Number(f.get("schedule-minutes") ?? 60),
        room: String(f.get("schedule-room") ?? ""),
      });
      setMessage({ ok: true, text: "Session time saved." });
      router.refresh();
    } catch (err) {
      // The form's fields are few: say the first field's problem itself.
      const e = formErrors(err);
      const field = Object.values(e.fields).flat()[0];
      setMessage({
        ok: false,
        text: field ?? e.message ?? "Something went wrong. Please try again.",
      });
    }
    requestAnimationFrame(() => status.current?.focus());
  }

  return (
    <form onSubmit={onSubmit} className="card grid gap-3 sm:grid-cols-4 sm:items-end" noValidate>
      <h2 className="sm:col-span-4">Session time</h2>
      <div>
        <label htmlFor="schedule-start" className="label">
          Starts ({props.timeZone} time)
        </label>
        <input
          id="schedule-start"
          name="schedule-start"
          type="datetime-local"
          defaultValue={props.startsAtLocal}
          className="input"
        />
      </div>
      <div>
        <label htmlFor="schedule-minutes" className="label">
          Length (minutes)
        </label>
        <input
          id="schedule-minutes"
          name="schedule-minutes"
          type="number"
          min={15}
          max={600}
          step={15}
          defaultValue={props.durationMinutes}
          className="input"
        />
      </div>
      <div>
        <label htmlFor="schedule-room" className="label">
          Room
        </label>
        <input
          id="schedule-room"
          name="schedule-room"
          defaultValue={props.room}
          className="input"
        />
      </div>
      <button type="submit" className="btn btn-primary" disabled={schedule.isPending}>
        Save time
      </button>
      <p
        ref={status}
        tabIndex={-1}
        role={message?.ok === false ? "alert" : "status"}
        className={`text-sm sm:col-span-4 ${message?.ok === false ? "text-red-800" : ""}`}
      >
        {message?.text}
      </p>
    </form>
  );
}
