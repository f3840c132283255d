/** Says which parts of a link were not understood (and so are ignored). */
export function ParamProblems({ problems }: { problems: readonly string[] }) {
  if (problems.length === 0) return null;
  return (
    <div role="status" className="card border-amber-300 bg-amber-50 text-sm text-amber-900">
      <p className="font-medium">Part of this link was not understood and is ignored:</p>
      <ul className="mt-1 list-disc pl-5">
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}
