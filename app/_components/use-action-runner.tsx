"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { formErrors } from "./form-errors";

export type ActionMessage = { ok: boolean; text: string } | null;

/**
 * Run a mutation from a panel of actions: show what happened, refresh the page's
 * server data on success, and show the server's message on failure.
 */
export function useActionRunner() {
  const router = useRouter();
  const [message, setMessage] = useState<ActionMessage>(null);
  /** Resolves to whether the action succeeded. */
  async function run(done: string, fn: () => Promise<unknown>): Promise<boolean> {
    setMessage(null);
    try {
      await fn();
      setMessage({ ok: true, text: done });
      router.refresh();
      return true;
    } catch (err) {
      setMessage({ ok: false, text: formErrors(err).message ?? "That did not work." });
      return false;
    }
  }
  return { message, run };
}

/** The status line for `useActionRunner`. */
export function ActionStatus({ message }: { message: ActionMessage }) {
  return (
    <div aria-live="polite">
      {message && (
        <p
          role={message.ok ? undefined : "alert"}
          className={`text-sm ${message.ok ? "text-green-800" : "text-red-800"}`}
        >
          {message.text}
        </p>
      )}
    </div>
  );
}
