import Link from "next/link";

export default function NotFound() {
  return (
    <section aria-labelledby="nf-title" className="card max-w-xl">
      <h1 id="nf-title">Page not found</h1>
      <p className="mt-2 text-slate-700">
        There is nothing at this address. It may have been mistyped, or the item may be confidential
        or no longer exist.
      </p>
      <p className="mt-4">
        <Link href="/">Go to the home page</Link> · <Link href="/issues">Browse issues</Link>
      </p>
    </section>
  );
}
