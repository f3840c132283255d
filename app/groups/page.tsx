import Link from "next/link";
import type { Metadata } from "next";
import { api } from "../_trpc/server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Groups" };

type Row = {
  acronym: string;
  name: string;
  type: string;
  summary: string;
  iot: boolean;
  hasDispatchRole: boolean;
  successors: string[];
};

function GroupTable({
  caption,
  rows,
  concluded,
}: {
  caption: string;
  rows: Row[];
  concluded?: boolean;
}) {
  return (
    <table className="table mt-2">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Group</th>
          <th scope="col">Name</th>
          <th scope="col">{concluded ? "Work continues in" : "What it does"}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((g) => (
          <tr key={g.acronym}>
            <th scope="row" className="whitespace-nowrap align-top">
              <Link href={`/groups/${g.acronym}`}>{g.acronym.toUpperCase()}</Link>
              {g.iot && " "}
              {g.iot && (
                <span className="ml-2 rounded bg-emerald-100 px-1 text-xs text-emerald-900">
                  IoT
                </span>
              )}
              {g.type === "rg" && " "}
              {g.type === "rg" && <span className="ml-2 text-xs text-slate-600">RG</span>}
            </th>
            <td className="align-top">
              {g.name}
              {g.hasDispatchRole && (
                <span className="block text-xs text-slate-600">Dispatch venue</span>
              )}
            </td>
            <td className="align-top text-sm text-slate-700">
              {concluded
                ? g.successors.length > 0
                  ? g.successors.map((s, i) => (
                      <span key={s}>
                        {i > 0 && ", "}
                        <Link href={`/groups/${s}`}>{s.toUpperCase()}</Link>
                      </span>
                    ))
                  : "—"
                : g.summary}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default async function GroupsPage() {
  const index = await (await api()).group.byArea();
  return (
    <div className="space-y-6">
      <h1>Groups</h1>
      <p className="max-w-3xl text-slate-700">
        Every active IETF working group and IRTF research group ({index.total}), by area. Groups
        marked <span className="rounded bg-emerald-100 px-1 text-emerald-900">IoT</span> are the
        ones IoT operational work is most often sent to; dispatch venues are where new work is
        brought when its home is unclear.
      </p>
      {index.total === 0 && <p className="text-slate-600">No groups are known yet.</p>}
      <nav aria-label="Areas">
        <ul className="flex flex-wrap gap-3 text-sm">
          {index.areas.map((a) => (
            <li key={a.acronym}>
              <a href={`#area-${a.acronym}`}>
                {a.name} ({a.groups.length})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {index.areas.map((a) => (
        <section key={a.acronym} aria-labelledby={`area-${a.acronym}`}>
          <h2 id={`area-${a.acronym}`}>
            {a.name} ({a.groups.length})
          </h2>
          <GroupTable caption={`Groups of the ${a.name}`} rows={a.groups} />
        </section>
      ))}
      {index.withoutArea.length > 0 && (
        <section aria-labelledby="area-none">
          <h2 id="area-none">Groups without an area</h2>
          <GroupTable caption="Groups without an area" rows={index.withoutArea} />
        </section>
      )}
      {index.concluded.length > 0 && (
        <section aria-labelledby="concluded">
          <h2 id="concluded">Concluded groups</h2>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">
            Kept for the history of their documents. New work is never routed to them; it goes to
            the groups listed.
          </p>
          <GroupTable caption="Concluded groups" rows={index.concluded} concluded />
        </section>
      )}
    </div>
  );
}
