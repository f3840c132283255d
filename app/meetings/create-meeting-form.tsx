"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field, fieldAria } from "../_components/field";
import { formErrors, type FormErrors } from "../_components/form-errors";
import { useTRPC } from "../_trpc/client";

export function CreateMeetingForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.meeting.create.mutationOptions());
  const [errors, setErrors] = useState<FormErrors>({ message: null, fields: {} });

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const s = (k: string) => String(f.get(k) ?? "");
    setErrors({ message: null, fields: {} });
    try {
      const r = await create.mutateAsync({
        number: Number(s("number")) || 0,
        venue: s("venue"),
        timeZone: s("timeZone") || "UTC",
        startDate: s("startDate"),
        endDate: s("endDate"),
      });
      router.push(`/meetings/${r.number}`);
    } catch (err) {
      setErrors(formErrors(err));
    }
  }
  const fe = errors.fields;
  return (
    <form
      onSubmit={onSubmit}
      className="card grid gap-3 sm:grid-cols-5 sm:items-start"
      aria-labelledby="new-meeting"
      noValidate
    >
      <h2 id="new-meeting" className="sm:col-span-5">
        Add a meeting
      </h2>
      {errors.message && (
        <p role="alert" className="text-sm text-red-800 sm:col-span-5">
          {errors.message}
        </p>
      )}
      <Field id="number" label="Number" error={fe.number}>
        <input
          {...fieldAria("number", { error: fe.number })}
          inputMode="numeric"
          className="input"
        />
      </Field>
      <Field id="venue" label="Venue" hint='City, or "online"' error={fe.venue}>
        <input {...fieldAria("venue", { hint: true, error: fe.venue })} className="input" />
      </Field>
      <Field id="timeZone" label="Time zone" hint="e.g. Europe/Vienna" error={fe.timeZone}>
        <input
          {...fieldAria("timeZone", { hint: true, error: fe.timeZone })}
          className="input"
          defaultValue="UTC"
        />
      </Field>
      <Field id="startDate" label="First day" error={fe.startDate}>
        <input {...fieldAria("startDate", { error: fe.startDate })} type="date" className="input" />
      </Field>
      <Field id="endDate" label="Last day" error={fe.endDate}>
        <input {...fieldAria("endDate", { error: fe.endDate })} type="date" className="input" />
      </Field>
      <div className="sm:col-span-5">
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          Add meeting
        </button>
      </div>
    </form>
  );
}
