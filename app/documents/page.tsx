import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { ZAcronym, zInt, zText } from "~/server/domain/validation";
import { ParamProblems } from "../_components/param-problems";
import { checkParams, qs } from "../_components/search-params";
import { api } from "../_trpc/server";
import { DocumentLink, docStateName } from "../_components/document-link";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Documents" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const PAGE = 50;

export default async function DocumentsPage({ searchParams }: Props) {
  const { values, problems } = checkParams(await searchParams, {
    q: zText("the search", 200),
    group: ZAcronym,
    offset: z.coerce.number().pipe(zInt("The offset", 0, 100_000)),
  });
  const { q, group } = values;
  const offset = values.offset ?? 0;
  const page = await (await api()).document.list({ q, group, limit: PAGE, offset });
  return (
    <div className="space-y-4">
      <h1>Documents</h1>
      <ParamProblems problems={problems} />
      <p className="max-w-3xl text-slate-700">
        Internet-Drafts and RFCs that dispatch work refers to or produced, with their states in the
        Datatracker&apos;s vocabulary.
      </p>
      <form
        role="search"
        aria-label="Search documents"
        method="get"
        className="card flex flex-wrap items-end gap-3"
      >
        <div className="min-w-64 flex-1">
          <label htmlFor="q" className="label">
            Name or title
          </label>
          <input id="q" name="q" type="search" defaultValue={q} className="input" />
        </div>
        <div>
          <label htmlFor="group" className="label">
            Group
          </label>
          <input
            id="group"
            name="group"
            defaultValue={group}
            className="input"
            placeholder="e.g. suit"
          />
        </div>
        <button type="submit" className="btn btn-primary">
          Search
        </button>
      </form>
      {page.items.length === 0 ? (
        <p className="card text-slate-700">
          {q || group
            ? "No documents match."
            : "No documents are tracked yet. The secretariat can import them."}
        </p>
      ) : (
        <table className="table">
          <caption className="sr-only">Documents</caption>
          <thead>
            <tr>
              <th scope="col">Document</th>
              <th scope="col">Group</th>
              <th scope="col">State</th>
              <th scope="col">WG state</th>
              <th scope="col">IESG state</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((d) => (
              <tr key={d.name}>
                <td>
                  <DocumentLink name={d.name} rev={d.rev} />
                  <div className="text-xs text-slate-600">{d.title}</div>
                </td>
                <td>
                  {d.group ? <Link href={`/groups/${d.group}`}>{d.group.toUpperCase()}</Link> : "—"}
                </td>
                <td>{docStateName("draft", d.states)}</td>
                <td>{docStateName("draft-stream-ietf", d.states)}</td>
                <td>{docStateName("draft-iesg", d.states)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav aria-label="Pages" className="flex gap-3">
        {offset > 0 && (
          <Link
            className="btn"
            href={`/documents${qs({ q, group, offset: Math.max(0, offset - PAGE) })}`}
          >
            Previous page
          </Link>
        )}
        {page.more && (
          <Link className="btn" href={`/documents${qs({ q, group, offset: offset + PAGE })}`}>
            Next page
          </Link>
        )}
      </nav>
    </div>
  );
}
