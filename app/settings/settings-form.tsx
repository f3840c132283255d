"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTRPC } from "../_trpc/client";

type Watch = { subjectType: string; subjectKey: string; active: boolean; automatic: boolean };

function href(w: Watch) {
  return w.subjectType === "issue"
    ? `/issues/${w.subjectKey}`
    : w.subjectType === "group"
      ? `/groups/${w.subjectKey}`
      : `/documents/${w.subjectKey}`;
}

function label(w: Watch) {
  return w.subjectType === "issue"
    ? `Issue #${w.subjectKey}`
    : w.subjectType === "group"
      ? `Group ${w.subjectKey.toUpperCase()}`
      : w.subjectKey;
}

export function SettingsForm({ email, watches }: { email: boolean; watches: Watch[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const setEmail = useMutation(
    trpc.notification.setEmail.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const setWatch = useMutation(
    trpc.notification.setWatch.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  return (
    <div className="space-y-6">
      <section aria-labelledby="email-title" className="card space-y-2">
        <h2 id="email-title">E-mail</h2>
        <div className="flex items-center gap-2">
          <input
            id="email-pref"
            type="checkbox"
            checked={email}
            disabled={setEmail.isPending}
            onChange={(e) => setEmail.mutate({ email: e.target.checked })}
          />
          <label htmlFor="email-pref">Send me e-mail (each kind as chosen above)</label>
        </div>
        <p className="hint">In-app notifications are always kept.</p>
      </section>
      <section aria-labelledby="watch-title" className="card space-y-2">
        <h2 id="watch-title">What you watch</h2>
        {watches.length === 0 ? (
          <p className="text-sm text-slate-600">
            Nothing yet. Use the Watch button on an issue, group or document.
          </p>
        ) : (
          <table className="table">
            <caption className="sr-only">Watched items</caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">How</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {watches.map((w) => (
                <tr key={`${w.subjectType}/${w.subjectKey}`}>
                  <td>
                    <Link href={href(w)}>{label(w)}</Link>
                  </td>
                  <td>{w.automatic ? "Automatic" : "You chose it"}</td>
                  <td>{w.active ? "Watching" : "Stopped"}</td>
                  <td>
                    <button
                      type="button"
                      className="btn"
                      disabled={setWatch.isPending}
                      onClick={() =>
                        setWatch.mutate({
                          subjectType: w.subjectType as "issue",
                          subjectKey: w.subjectKey,
                          active: !w.active,
                        })
                      }
                    >
                      {w.active ? `Stop watching ${label(w)}` : `Watch ${label(w)} again`}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
