import Link from "next/link";

export default function DocumentNotTracked() {
  return (
    <section aria-labelledby="doc-nf-title" className="card max-w-xl">
      <h1 id="doc-nf-title">Document not tracked here</h1>
      <p className="mt-2 text-slate-700">
        This tracker does not hold a document by that name, or the name is not a valid
        Internet-Draft or RFC name. The IETF Datatracker lists every document.
      </p>
      <p className="mt-4">
        <a href="https://datatracker.ietf.org/doc/search" rel="noreferrer">
          Search the IETF Datatracker
        </a>{" "}
        · <Link href="/documents">Documents tracked here</Link>
      </p>
    </section>
  );
}
