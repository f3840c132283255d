import type { Metadata } from "next";
import { AccessDenied } from "../../_components/access-denied";
import { api, guarded } from "../../_trpc/server";
import { SyncPanel } from "./sync-panel";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Datatracker sync" };

export default async function SyncPage() {
  const result = await guarded((await api()).sync.status(), "/admin/sync");
  if (!result.ok) return <AccessDenied message={result.message} />;
  const { settings } = result.data;
  return (
    <div className="space-y-4">
      <h1>Datatracker sync</h1>
      <p className="max-w-3xl text-slate-700">
        Groups, areas, roles and the documents of the known groups are mirrored from the IETF
        Datatracker at <code>{settings.base}</code>. Each run reads only what changed since the last
        one.{" "}
        {settings.scheduled
          ? `A scheduled run starts every ${settings.intervalMinutes} minutes.`
          : "Scheduled runs are off (set DATATRACKER_SYNC=on to turn them on)."}
      </p>
      <SyncPanel initial={result.data} />
    </div>
  );
}
