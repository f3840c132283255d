"use client";

import Link from "next/link";
import { useEffect, useState } from "react";

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  // Say so when the cause is the database being out of reach (/api/health answers 503).
  const [unavailable, setUnavailable] = useState(false);
  useEffect(() => {
    fetch("/api/health", { cache: "no-store" })
      .then((r) => setUnavailable(r.status === 503))
      .catch(() => {});
  }, [error]);
  if (unavailable) {
    return (
      <section aria-labelledby="err-title" className="card max-w-xl" role="alert">
        <h1 id="err-title">Temporarily unavailable</h1>
        <p className="mt-2 text-slate-700">
          The database cannot be reached. Nothing was saved. Please try again in a moment.
        </p>
        <div className="mt-4 flex gap-3">
          <button type="button" className="btn btn-primary" onClick={reset}>
            Try again
          </button>
        </div>
      </section>
    );
  }
  return (
    <section aria-labelledby="err-title" className="card max-w-xl" role="alert">
      <h1 id="err-title">Something went wrong</h1>
      <p className="mt-2 text-slate-700">
        We could not show this page. Nothing you entered has been lost. Try again, and if it keeps
        happening, tell the secretariat
        {error.digest ? (
          <>
            {" "}
            and quote reference <code>{error.digest}</code>
          </>
        ) : null}
        .
      </p>
      <div className="mt-4 flex gap-3">
        <button type="button" className="btn btn-primary" onClick={reset}>
          Try again
        </button>
        <Link href="/" className="btn">
          Home
        </Link>
      </div>
    </section>
  );
}
