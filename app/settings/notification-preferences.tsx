"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  DELIVERIES,
  DELIVERY_LABELS,
  NOTIFICATION_KIND_HINTS,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_KINDS,
  type Delivery,
  type NotificationKind,
} from "~/server/domain/notifications/preferences";
import { useTRPC } from "../_trpc/client";

/** Per kind of notification: e-mail it immediately, in the daily digest, or not at all. */
export function NotificationPreferences({
  initial,
  emailOn,
  waitingForDigest,
}: {
  initial: Record<NotificationKind, Delivery>;
  emailOn: boolean;
  waitingForDigest: number;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [choices, setChoices] = useState(initial);
  const [status, setStatus] = useState("");
  const save = useMutation(
    trpc.notification.setDelivery.mutationOptions({
      onSuccess: (r) => {
        setStatus(
          `Saved: ${NOTIFICATION_KIND_LABELS[r.kind].toLowerCase()}, ${DELIVERY_LABELS[r.delivery].toLowerCase()}.`,
        );
        router.refresh();
      },
      onError: (e, input) => {
        setChoices((c) => ({ ...c, [input.kind]: initial[input.kind] }));
        setStatus(`Not saved: ${e.message}`);
      },
    }),
  );
  return (
    <section aria-labelledby="delivery-title" className="card space-y-3">
      <h2 id="delivery-title">How you are notified by e-mail</h2>
      <p className="hint">
        In-app notifications are always kept. The daily digest is one message a day with everything
        you chose to receive that way.
        {waitingForDigest > 0 &&
          ` ${waitingForDigest} notification${waitingForDigest === 1 ? " waits" : "s wait"} for your next digest.`}
      </p>
      {!emailOn && (
        <p className="text-sm text-amber-800">
          E-mail is switched off below, so none of these are sent until you switch it on.
        </p>
      )}
      {NOTIFICATION_KINDS.map((kind) => (
        <fieldset key={kind} className="space-y-1" aria-describedby={`hint-${kind}`}>
          <legend className="font-medium">{NOTIFICATION_KIND_LABELS[kind]}</legend>
          <p id={`hint-${kind}`} className="hint">
            {NOTIFICATION_KIND_HINTS[kind]}
          </p>
          <div className="flex flex-wrap gap-4">
            {DELIVERIES.map((d) => (
              <label key={d} className="flex items-center gap-1">
                <input
                  type="radio"
                  name={`delivery-${kind}`}
                  value={d}
                  checked={choices[kind] === d}
                  onChange={() => {
                    setChoices((c) => ({ ...c, [kind]: d }));
                    save.mutate({ kind, delivery: d });
                  }}
                />
                {DELIVERY_LABELS[d]}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <p role="status" aria-live="polite" className="text-sm">
        {status}
      </p>
    </section>
  );
}
