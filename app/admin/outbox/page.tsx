import type { Metadata } from "next";
import { AccessDenied } from "../../_components/access-denied";
import { formatDateTime } from "../../_components/labels";
import { api, guarded } from "../../_trpc/server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage() {
  const result = await guarded((await api()).notification.outbox(), "/admin/outbox");
  if (!result.ok) return <AccessDenied message={result.message} />;
  const rows = result.data;
  return (
    <div className="space-y-4">
      <h1>Outbox</h1>
      <p className="max-w-3xl text-slate-700">
        Every e-mail is written here with the event that caused it. Without SMTP configured (
        <code>SMTP_URL</code>) messages stay pending here; with it, a worker in each app server
        delivers them and retries failures with backoff.
      </p>
      {rows.length === 0 ? (
        <p className="card text-slate-700">The outbox is empty.</p>
      ) : (
        <ul className="space-y-3" aria-label="Messages">
          {rows.map((m) => (
            <li key={m.id} className="card space-y-1">
              <p className="text-sm">
                <span className="badge mr-2">{m.status}</span>
                To {m.toAddress} · {formatDateTime(m.createdAt)} · {m.attempts} attempt
                {m.attempts === 1 ? "" : "s"}
                {m.lastError ? ` · last error: ${m.lastError}` : ""}
              </p>
              <details>
                <summary className="cursor-pointer font-medium">{m.subject}</summary>
                <pre className="mt-2 whitespace-pre-wrap text-xs">{m.body}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
