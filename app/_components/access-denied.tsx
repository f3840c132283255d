export function AccessDenied({ message }: { message: string }) {
  return (
    <section aria-labelledby="denied-title" className="card max-w-xl">
      <h1 id="denied-title">Not available to you</h1>
      <p className="mt-2 text-slate-700">{message}</p>
    </section>
  );
}
