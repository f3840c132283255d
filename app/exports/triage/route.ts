import { downloadRoute, queryPairs } from "../../_trpc/download";

export const dynamic = "force-dynamic";

/** The triage queue as CSV or JSON: `?format=csv|json` and the queue's filters. */
export async function GET(req: Request) {
  const format = new URL(req.url).searchParams.get("format") ?? "csv";
  return downloadRoute((api) => api.export.triage({ format, query: queryPairs(req) }));
}
