import Link from "next/link";
import type { Metadata } from "next";
import { api } from "../_trpc/server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Groups" };

const TYPE_LABEL: Record<string, string> = {
  wg: "IETF working groups",
  rg: "IRTF research groups",
  dir: "Directorates",
};

export default async function GroupsPage() {
  const groups = await (await api()).group.list();
  const byType = new Map<string, typeof groups>();
  for (const g of groups) byType.set(g.type, [...(byType.get(g.type) ?? []), g]);
  return (
    <div className="space-y-6">
      <h1>Groups</h1>
      <p className="max-w-3xl text-slate-700">
        The IETF and IRTF groups that IoT operational work is most often sent to.
      </p>
      {[...byType.entries()].map(([type, list]) => (
        <section key={type} aria-labelledby={`type-${type}`}>
          <h2 id={`type-${type}`}>{TYPE_LABEL[type] ?? type}</h2>
          <table className="table mt-2">
            <thead>
              <tr>
                <th scope="col">Acronym</th>
                <th scope="col">Name</th>
                <th scope="col">Area</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {list.map((g) => (
                <tr key={g.acronym}>
                  <td>
                    <Link href={`/groups/${g.acronym}`}>{g.acronym.toUpperCase()}</Link>
                  </td>
                  <td>{g.name}</td>
                  <td>{g.areaName ?? g.area ?? "—"}</td>
                  <td>{g.state}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
