import type { Metadata } from "next";
import { AccessDenied } from "../../_components/access-denied";
import { api, guarded } from "../../_trpc/server";
import { RolesManager } from "./roles-manager";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Roles" };

export default async function RolesPage() {
  const result = await guarded((await api()).role.list(), "/admin/roles");
  if (!result.ok) return <AccessDenied message={result.message} />;
  return (
    <div className="space-y-4">
      <h1>Roles</h1>
      <p className="max-w-3xl text-slate-700">
        Roles follow the Datatracker: a person holds a role in a group, such as chair of IOTOPS or
        area director of OPS. Grants and revocations are recorded in the history. Roles that came
        from a Datatracker sign-in are refreshed at each sign-in.
      </p>
      <RolesManager
        grants={result.data.map((g) => ({ ...g, createdAt: g.createdAt.toISOString() }))}
      />
    </div>
  );
}
