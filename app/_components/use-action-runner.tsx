"use client";

import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { formErrors, type FormErrors } from "./form-errors";

export type ActionMessage = {
  ok: boolean;
  text: string;
  /** Someone else changed the subject meanwhile: offer a reload. */
  conflict?: boolean;
} | null;

function isConflict(err: unknown) {
  return (
    err instanceof TRPCClientError &&
    (err.data as { code?: string } | undefined)?.code === "CONFLICT"
  );
}

/**
 * Run a mutation from a panel of actions: show what happened, refresh the page's
 * server data on success, and show the server's message (and its field
 * messages, keyed by dotted path) on failure.
 */
export function useActionRunner() {
  const router = useRouter();
  const [message, setMessage] = useState<ActionMessage>(null);
  const [fields, setFields] = useState<FormErrors["fields"]>({});
  /**
   * Resolves to whether the action succeeded. `done` is the confirmation, or a
   * function of the mutation's result that words it.
   */
  async function run<T>(done: string | ((result: T) => string), fn: () => Promise<T>) {
    setMessage(null);
    setFields({});
    try {
      const result = await fn();
      setMessage({ ok: true, text: typeof done === "function" ? done(result) : done });
      router.refresh();
      return true;
    } catch (err) {
      const e = formErrors(err);
      setFields(e.fields);
      setMessage({
        ok: false,
        text: e.message ?? "That did not work.",
        conflict: isConflict(err),
      });
      return false;
    }
  }
  /** Report a problem found before anything was sent (client-side validation). */
  function refuse(text: string, fieldMessages: FormErrors["fields"]) {
    setFields(fieldMessages);
    setMessage({ ok: false, text });
  }
  function clear() {
    setMessage(null);
    setFields({});
  }
  return { message, fields, run, refuse, clear };
}

/**
 * The status line for `useActionRunner`: a live region that announces the
 * outcome, and takes the focus so keyboard and screen-reader users land on the
 * result of what they just did.
 */
export function ActionStatus({ message }: { message: ActionMessage }) {
  const router = useRouter();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  return (
    <div aria-live="polite">
      {message && (
        <div
          ref={ref}
          tabIndex={-1}
          role={message.ok ? "status" : "alert"}
          className={
            message.ok
              ? "text-sm text-green-800"
              : message.conflict
                ? "rounded border border-amber-400 bg-amber-50 p-2 text-sm"
                : "rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800"
          }
        >
          <p>{message.text}</p>
          {message.conflict && (
            <button type="button" className="btn mt-2" onClick={() => router.refresh()}>
              Reload the page
            </button>
          )}
        </div>
      )}
    </div>
  );
}
